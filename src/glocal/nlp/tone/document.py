"""Document tone from sentence tones: a weighted mean that favours the title, the lead and strong sentences.

Weight of sentence i = position weight x strength weight:
- position: the title (the first sentence when ``has_title``) counts TITLE_WEIGHT, the next
  LEAD_SENTENCES sentences (the lead) LEAD_WEIGHT, the rest 1;
- strength: 1 + STRENGTH_WEIGHT x |score|, so one clearly negative sentence ("the project was
  suspended") is not averaged away by routine ones, while a neutral text stays near 0.
The result is in [-1, 1] (a weighted mean of values in [-1, 1]); no sentences give 0.0.
"""

from __future__ import annotations

TITLE_WEIGHT = 2.0
LEAD_WEIGHT = 1.5
LEAD_SENTENCES = 2
STRENGTH_WEIGHT = 2.0


def score_document(sentence_scores: list[float], has_title: bool = True) -> float:
    """Document tone in [-1, 1]; ``sentence_scores`` in text order (title first when ``has_title``)."""
    if not sentence_scores:
        return 0.0
    total = weights = 0.0
    for index, score in enumerate(sentence_scores):
        body_index = index - 1 if has_title else index
        if has_title and index == 0:
            position = TITLE_WEIGHT
        elif body_index < LEAD_SENTENCES:
            position = LEAD_WEIGHT
        else:
            position = 1.0
        weight = position * (1.0 + STRENGTH_WEIGHT * abs(score))
        total += weight * score
        weights += weight
    return round(max(-1.0, min(1.0, total / weights)), 4)
