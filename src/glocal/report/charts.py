"""Charts of the briefing (matplotlib, PNG): trend, topic table, peer comparison.

Without an analysis run the charts fall back to what the events alone show (events by domain,
events by stakeholder). Labels use a CJK font so Korean and Japanese render; every chart also
carries its numbers as a table for formats without images.
"""

from __future__ import annotations

import io
from collections import Counter

from glocal.report.context import Context
from glocal.report.model import Chart, Row, Table
from glocal.report.stakeholders import blocs, blocs_of

FONTS = {
    "ko": ["Noto Sans CJK KR", "Noto Sans CJK JP", "DejaVu Sans"],
    "ja": ["Noto Sans CJK JP", "Noto Sans CJK KR", "DejaVu Sans"],
    "en": ["DejaVu Sans", "Noto Sans CJK KR"],
}
COLOUR, ACCENT = "#1f5f8b", "#d9822b"


def _pyplot():  # type: ignore[no-untyped-def]
    import matplotlib

    matplotlib.use("Agg", force=False)
    import matplotlib.pyplot as plt

    return matplotlib, plt


def _png(figure) -> bytes:  # type: ignore[no-untyped-def]
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=110, bbox_inches="tight", metadata={"Software": None})
    return buffer.getvalue()


def _bar_chart(ctx: Context, key: str, title: str, labels: list[str], values: list[float],
               horizontal: bool = False, line: list[float | None] | None = None, line_label: str = "") -> bytes:
    matplotlib, plt = _pyplot()
    with matplotlib.rc_context({"font.family": FONTS[ctx.words.language], "font.size": 8, "axes.unicode_minus": False}):
        figure, axis = plt.subplots(figsize=(6.4, 2.6 if not horizontal else 0.5 + 0.28 * max(len(labels), 3)))
        try:
            if horizontal:
                axis.barh(labels[::-1], values[::-1], color=COLOUR)
            else:
                axis.bar(labels, values, color=COLOUR)
                axis.tick_params(axis="x", labelrotation=45 if len(labels) > 6 else 0)
            axis.set_title(title)
            axis.spines[["top", "right"]].set_visible(False)
            if line is not None and any(v is not None for v in line):
                other = axis.twinx()
                other.plot(labels, [float("nan") if v is None else v for v in line], color=ACCENT, marker="o")
                other.set_ylim(0, 1)
                other.set_ylabel(line_label, color=ACCENT)
            return _png(figure)
        finally:
            plt.close(figure)


def _data_table(ctx: Context, key: str, title: str, columns: str, pairs: list[tuple[str, str]]) -> Table:
    return Table(key, title, ctx.words.columns(columns), [Row([label, value], kind="measure") for label, value in pairs])


def trend_chart(ctx: Context) -> Chart:
    title = ctx.words.section("charts", "trend")
    months = [label for label, _ in ctx.facts.trend]
    counts = [count for _, count in ctx.facts.trend]
    trust: list[float | None] | None = None
    if ctx.facts.analysis is not None:
        series = dict(ctx.facts.analysis.trust_series)
        if any(month in series for month in months):
            trust = [series.get(month) for month in months]
    png = _bar_chart(ctx, "trend", title, [m[2:] for m in months], [float(c) for c in counts], line=trust,
                     line_label=ctx.words.section("charts", "trust"))
    return Chart("trend", title, png, _data_table(ctx, "trend", title, "trend", [(m, str(c)) for m, c in ctx.facts.trend]))


def topic_chart(ctx: Context) -> Chart:
    analysis = ctx.facts.analysis
    topics = [t for t in (analysis.topics if analysis else []) if t.get("centrality") is not None][:8]
    if topics:
        title = ctx.words.section("charts", "topics")
        pairs = [(str(t.get("label") or t["topic_key"])[:40], float(t["centrality"])) for t in topics]
        png = _bar_chart(ctx, "topics", title, [p[0] for p in pairs], [p[1] for p in pairs], horizontal=True)
        return Chart("topics", title, png, _data_table(ctx, "topics", title, "topics", [(n, f"{v:.2f}") for n, v in pairs]))
    title = ctx.words.section("charts", "domains")
    counts = Counter(event.domain for event in ctx.facts.events)
    ordered = sorted(counts.items(), key=lambda item: (-item[1], item[0]))[:10]
    pairs = [(ctx.words.domain(domain), n) for domain, n in ordered]
    png = _bar_chart(ctx, "topics", title, [p[0] for p in pairs], [float(p[1]) for p in pairs], horizontal=True)
    return Chart("topics", title, png, _data_table(ctx, "domains", title, "domains", [(n, str(v)) for n, v in pairs]))


def peer_chart(ctx: Context) -> Chart:
    from glocal.report.indicators import region_name

    analysis = ctx.facts.analysis
    if analysis is not None and ctx.facts.region_key is not None and analysis.regions:
        title = ctx.words.section("charts", "peers")
        pairs = [(region_name(ctx, key), float(metrics.get("international_events", {}).get("value") or 0))
                 for key, metrics in sorted(analysis.regions.items(), key=lambda item: (item[0] != ctx.facts.region_key, item[0]))]
        png = _bar_chart(ctx, "peers", title, [p[0] for p in pairs], [p[1] for p in pairs])
        return Chart("peers", title, png, _data_table(ctx, "peers", title, "blocs", [(n, f"{v:g}") for n, v in pairs]))
    title = ctx.words.section("charts", "blocs")
    counts = Counter(key for event in ctx.facts.events for key in blocs_of(event))
    pairs = [(ctx.words.section("blocs", bloc.key), counts.get(bloc.key, 0)) for bloc in blocs()]
    png = _bar_chart(ctx, "peers", title, [p[0] for p in pairs], [float(p[1]) for p in pairs], horizontal=True)
    return Chart("peers", title, png, _data_table(ctx, "blocs", title, "blocs", [(n, str(v)) for n, v in pairs]))


def charts(ctx: Context) -> list[Chart]:
    return [trend_chart(ctx), topic_chart(ctx), peer_chart(ctx)]
