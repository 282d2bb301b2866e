"""Domain of a sentence from per-language keyword lexicons."""

from __future__ import annotations

import pytest

from glocal.nlp.events.domains import classify_domain, domain_scores


@pytest.mark.parametrize(
    ("language", "text", "domain"),
    [
        ("ko", "박닌성에 한국형 스마트시티 시범도시를 조성한다", "smart_city"),
        ("ko", "도심항공교통(UAM) 상용화를 위한 기체 도입", "mobility_uam"),
        ("ko", "마닐라 도시철도 전동차 공급", "rail"),
        ("ko", "지능형교통체계(ITS) 구축 사업", "roads_its"),
        ("ko", "신공항 여객터미널 운영 자문", "airports_ports"),
        ("ko", "상수도 누수 저감과 정수장 개선", "water"),
        ("ko", "신도시 주택 공급과 산업단지 개발", "housing_urban_dev"),
        ("ko", "태양광과 수소 기반 탄소중립 협력", "energy_env"),
        ("ko", "한류 축제와 관광 교류", "culture_tourism"),
        ("ko", "인공지능 기반 전자정부 플랫폼", "digital_ai"),
        ("ko", "FTA 활용 무역 확대", "trade_investment"),
        ("ja", "空飛ぶクルマの実証", "mobility_uam"),
        ("ja", "ジャカルタ都市高速鉄道の整備", "rail"),
        ("ja", "下水道と浄水施設の整備", "water"),
        ("en", "an urban air mobility roadmap with eVTOL aircraft", "mobility_uam"),
        ("en", "a smart city pilot in Bac Ninh", "smart_city"),
        ("en", "a container terminal at the seaport", "airports_ports"),
        ("en", "a K-pop festival for tourists", "culture_tourism"),
        ("en", "AI and data centre cooperation", "digital_ai"),
        ("zh", "智慧城市合作", "smart_city"),
        ("vi", "dự án đường sắt đô thị", "rail"),
        ("en", "the two mayors shook hands", "other"),
    ],
)
def test_domains(language: str, text: str, domain: str) -> None:
    assert classify_domain(text, language) == domain


def test_word_boundaries_and_case() -> None:
    assert "airports_ports" not in domain_scores("they support the report", "en")  # port ⊄ support
    assert "roads_its" not in domain_scores("its own plan", "en")  # ITS is case-sensitive
    assert "rail" not in domain_scores("a training course", "en")  # train ≠ training
    assert domain_scores("ITS 구축", "ko")["roads_its"] > 0


def test_ties_go_to_the_more_specific_domain() -> None:
    assert classify_domain("smart city drone", "en") == "smart_city"  # 3 beats 2
    scores = domain_scores("UAM 스마트시티", "ko")
    assert scores["mobility_uam"] == scores["smart_city"]
    assert classify_domain("UAM 스마트시티", "ko") == "mobility_uam"
