// Glocal dashboard: draws the charts whose specs the server embeds as JSON, and small conveniences.
// Loaded from this origin only (the page's CSP forbids inline scripts).
(function () {
  "use strict";
  function drawCharts() {
    if (!window.Plotly) { return; }
    document.querySelectorAll("[data-chart]").forEach(function (el) {
      var source = document.getElementById(el.getAttribute("data-chart"));
      if (!source) { return; }
      var spec = JSON.parse(source.textContent);
      if (!spec.traces || !spec.traces.length) {
        el.classList.add("empty");
        return;
      }
      var layout = Object.assign({ paper_bgcolor: "rgba(0,0,0,0)", plot_bgcolor: "rgba(0,0,0,0)",
        font: { family: "system-ui, 'Noto Sans CJK KR', 'Noto Sans CJK JP', sans-serif", size: 12 } }, spec.layout || {});
      window.Plotly.newPlot(el, spec.traces, layout, { displaylogo: false, responsive: true,
        modeBarButtonsToRemove: ["sendDataToCloud"] });
      el.setAttribute("data-drawn", "1");
    });
  }
  function autosubmit() {
    document.querySelectorAll("select[data-autosubmit]").forEach(function (el) {
      el.addEventListener("change", function () { el.form.submit(); });
    });
  }
  document.addEventListener("DOMContentLoaded", function () { drawCharts(); autosubmit(); });
})();
