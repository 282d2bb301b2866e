"""Optional wording polish by an OpenAI-compatible endpoint the user configured (off by default).

The deterministic briefing is complete without it. Sentences go out with their citation markers
(``[3]``) and come back one for one; a polished sentence is kept only if it carries exactly the
same markers and the same numbers as the original, otherwise the template wording stays. Quoted
evidence, notes and tables are never sent.
"""

from __future__ import annotations

import json
import logging
import re
from collections import Counter
from dataclasses import dataclass

import httpx

from glocal.config import Settings
from glocal.report.model import Briefing, Sentence

log = logging.getLogger(__name__)

MARKER = re.compile(r"\[(\d+)\]")
NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
LANGUAGE_NAMES = {"ko": "Korean", "en": "English", "ja": "Japanese"}
INSTRUCTION = (
    "You edit sentences of a government briefing written in {language}. Improve fluency and style only. "
    "Keep every fact, name, date and number exactly. Keep every citation marker such as [3] exactly as written, "
    "at the end of its sentence. Answer with a JSON array of strings: one edited sentence per input sentence, "
    "in the same order, nothing else."
)


@dataclass(slots=True)
class PolishReport:
    sent: int = 0
    kept: int = 0  # polished sentences accepted
    error: str | None = None


def _prose(briefing: Briefing) -> list[Sentence]:
    sentences = [briefing.headline, *briefing.summary]
    for development in briefing.developments:
        sentences += [development.title, *development.what, *development.why]
    for view in briefing.stakeholders:
        sentences += view.sentences
    sentences += briefing.message
    return [s for s in sentences if s.kind != "note" and s.quote is None]


def _with_markers(sentence: Sentence, numbers: dict[int, int]) -> str:
    return sentence.text + "".join(f"[{numbers[doc]}]" for doc in sentence.citations)


def _numbers(text: str) -> Counter[str]:
    return Counter(NUMBER.findall(MARKER.sub(" ", text)))


def acceptable(original: str, polished: str) -> bool:
    """Same citation markers and same numbers: nothing cited or counted was lost or invented."""
    return (Counter(MARKER.findall(original)) == Counter(MARKER.findall(polished))
            and _numbers(original) == _numbers(polished))


def _endpoint(settings: Settings) -> str:
    url = str(settings.llm_endpoint).rstrip("/")
    return url if url.endswith("/chat/completions") else f"{url}/chat/completions"


def _parse(content: str) -> list[str]:
    content = content.strip()
    if content.startswith("```"):
        content = content.strip("`").removeprefix("json").strip()
    values = json.loads(content)
    if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
        raise ValueError("the answer is not a JSON array of strings")
    return values


def polish(briefing: Briefing, settings: Settings, client: httpx.Client | None = None) -> PolishReport:
    """Polish ``briefing`` in place through ``settings.llm_endpoint``; never raises for the endpoint."""
    report = PolishReport()
    if not settings.llm_endpoint:
        return report
    numbers = {source.document_id: source.number for source in briefing.sources}
    sentences = _prose(briefing)
    originals = [_with_markers(s, numbers) for s in sentences]
    report.sent = len(originals)
    headers = {"Authorization": f"Bearer {settings.llm_api_key}"} if settings.llm_api_key else {}
    body = {
        "model": settings.llm_model or "default",
        "temperature": 0,
        "messages": [
            {"role": "system", "content": INSTRUCTION.format(language=LANGUAGE_NAMES[briefing.language])},
            {"role": "user", "content": json.dumps(originals, ensure_ascii=False)},
        ],
    }
    try:
        http = client or httpx.Client(timeout=settings.http_timeout, headers={"User-Agent": settings.user_agent})
        try:
            response = http.post(_endpoint(settings), json=body, headers=headers)
            response.raise_for_status()
            polished = _parse(response.json()["choices"][0]["message"]["content"])
        finally:
            if client is None:
                http.close()
        if len(polished) != len(originals):
            raise ValueError(f"{len(polished)} sentences came back for {len(originals)}")
    except (httpx.HTTPError, ValueError, KeyError, IndexError, TypeError) as exc:
        report.error = str(exc)
        log.warning("briefing polish skipped, the template wording is kept: %s", exc)
        return report
    for sentence, original, new in zip(sentences, originals, polished, strict=True):
        if new.strip() and acceptable(original, new):
            sentence.text = MARKER.sub("", new).strip()
            report.kept += 1
    return report
