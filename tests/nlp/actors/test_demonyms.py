"""Country adjectives and demonyms link to their country (countries.yaml variants)."""

from __future__ import annotations

import pytest

from glocal.nlp.actors import link_actors


@pytest.mark.parametrize(("text", "key"), [
    ("Busan signed a memorandum with an Omani port operator.", "country:OM"),
    ("The ministry hosted Kyrgyz and Tajik officials on Monday.", "country:KG"),
    ("Seoul met a Jordanian delegation on water reuse.", "country:JO"),
    ("The agency trained Emiratis and Filipinos in urban planning.", "country:AE"),
    ("The agency trained Emiratis and Filipinos in urban planning.", "country:PH"),
    ("A group of Uzbeks visited the Sejong smart city test bed.", "country:UZ"),
    ("Gyeonggi met Croatian and Serbian mayors in Zagreb.", "country:RS"),
])
def test_demonyms_link_to_their_country(text: str, key: str) -> None:
    assert key in {m.actor_key for m in link_actors(text, "en")}


def test_a_lower_case_word_is_no_demonym() -> None:
    assert not any(m.actor_key.startswith("country:") for m in link_actors("They will polish the plan.", "en"))
