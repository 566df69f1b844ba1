"""Narrative vignettes: every present finding conveyed, nothing absent claimed, varied wording."""

from __future__ import annotations

import itertools
import re

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st
from strategies import case_fields

from hipback import Case, HipbackInputError
from hipback.case import BOOL_FIELDS, FIELDS
from hipback.cohort.sampler import generate_cases
from hipback.cohort.vignettes import (
    CONTEXTS,
    FINDING_KEYWORDS,
    FUNCTION_PHRASES,
    HISTORY_PHRASES,
    NEGATIVES_LEAD,
    OCCUPATIONS,
    PHRASES,
    RED_FLAGS_NEGATIVE,
    SITTING_PHRASES,
    _plural,
    vignette,
)
from hipback.validation import cases_from_frame

_FILLS = [{"pos": p, "obj": o} for p, o in (("her", "her"), ("his", "him"), ("their", "them"))]


def _variants(field: str) -> set[str]:
    """Every way a phrase of this field can be written (pronouns filled, 'they' forms)."""
    out = set()
    for phrase, fill in itertools.product(PHRASES[field], _FILLS):
        text = phrase.format(**fill)
        out.add(text)
        if field in FUNCTION_PHRASES or field in HISTORY_PHRASES:  # verbs agree with "they"
            out.add(_plural(text))
    return out


def _keyword_pattern(field: str) -> re.Pattern[str]:
    words = "|".join(re.escape(k) for k in FINDING_KEYWORDS[field])
    return re.compile(rf"\b(?:{words})", re.IGNORECASE)


def _closing(case: Case, text: str) -> str:
    """Check the closing sentences (findings recorded absent, red-flag questions answered
    no) and return the story without them."""
    absent = {
        spec.name: spec.label[0].lower() + spec.label[1:]
        for spec in FIELDS
        if spec.kind == "bool" and spec.group != "Red flags" and getattr(case, spec.name) is False
    }
    match = re.search(re.escape(NEGATIVES_LEAD) + r"[^.]*\.", text)
    if not absent:
        assert match is None, text
    else:
        said = match.group(0)
        for name, label in absent.items():
            assert label in said, (name, said)
        for spec in FIELDS:  # a finding present or not assessed is never listed as not found
            if spec.kind == "bool" and spec.name not in absent:
                label = spec.label[0].lower() + spec.label[1:]
                assert not re.search(rf"(: |; |, | and ){re.escape(label)}(,|;| and|\.)", said), (
                    spec.name,
                    said,
                )
        text = text.replace(said, " ")
    flags = [getattr(case, spec.name) for spec in FIELDS if spec.group == "Red flags"]
    said = [s for s in RED_FLAGS_NEGATIVE if s in text]
    if False not in flags:
        assert said == [], text
    else:
        assert said == [RED_FLAGS_NEGATIVE[1] if True in flags else RED_FLAGS_NEGATIVE[0]], text
        text = text.replace(said[0], " ")
    return text


def check_vignette(case: Case, text: str) -> None:
    """Both directions: each present finding is there; no absent finding is suggested, except
    in the closing list of findings checked and not found."""
    present = [f for f in BOOL_FIELDS if getattr(case, f) is True]
    for field in present:
        assert any(v in text for v in _variants(field)), (field, text)
    text = _closing(case, text)
    # Remove the phrases of present findings, then no keyword of an absent one may remain.
    rest = text
    for field in present:
        for v in sorted(_variants(field), key=len, reverse=True):
            rest = rest.replace(v, " ")
    for field in BOOL_FIELDS:
        if getattr(case, field) is not True:
            match = _keyword_pattern(field).search(rest)
            assert match is None, (field, match and match.group(0), text)
    # The other fields.
    assert f"{case.age}-year-old" in text
    noun = {"female": "woman", "male": "man", "unspecified": "person"}[case.sex]
    assert re.search(rf"-year-old {noun}\b", text)
    if case.sitting_effect is not None:
        assert any(s in text for s in SITTING_PHRASES[case.sitting_effect])
    others = [s for k, v in SITTING_PHRASES.items() if k != case.sitting_effect for s in v]
    assert not any(s in text for s in others)
    minutes = case.morning_stiffness_minutes
    if minutes:
        assert f"about {minutes} minutes" in text
    else:
        assert "morning" not in text
    if case.symptom_weeks is None:
        assert not re.search(r"\b\d+ weeks?\b", text)
    elif case.symptom_weeks > 0:
        assert re.search(rf"\b{case.symptom_weeks} weeks?\b", text)
    if case.bmi is None:
        assert "body-mass index" not in text
    else:
        assert f"body-mass index is {case.bmi:.1f}" in text
    if case.hip_oa_stage == "unknown":
        assert "X-ray" not in text and "osteoarthritis" not in text
    elif case.hip_oa_stage == "none":
        assert "normal" in text or "no osteoarthritis" in text
    else:
        assert f"{case.hip_oa_stage} " in text and "osteoarthritis" in text


@pytest.mark.parametrize("difficulty", ["easy", "moderate", "hard", "mixed"])
def test_vignettes_convey_present_and_never_claim_absent(difficulty):
    frame = generate_cases(250, seed=31, difficulty=difficulty, red_flag_rate=0.4)
    for case in cases_from_frame(frame):
        check_vignette(case, vignette(case))


def test_every_field_is_exercised_both_ways():
    """The check above must have seen each finding both present and absent."""
    frame = generate_cases(1000, seed=31, red_flag_rate=0.4)
    for field in BOOL_FIELDS:
        assert frame[field].any() and not frame[field].fillna(True).all(), field
        assert frame[field].isna().any(), field  # v2: some are not assessed
    for effect in ("eases", "worsens", "no_change"):
        assert (frame["sitting_effect"] == effect).any()


def test_edge_cases_of_the_record():
    bare = Case(age=18)
    check_vignette(bare, vignette(bare))
    everything = Case(
        age=88, sex="unspecified", bmi=41.25, symptom_weeks=0, hip_oa_stage="none",
        morning_stiffness_minutes=1440, sitting_effect="worsens",
        **{f: True for f in BOOL_FIELDS},
    )  # fmt: skip
    for seed in range(20):
        check_vignette(everything, vignette(everything, seed=seed))
    assert "An 88-year-old" in vignette(everything) and "An 18-year-old" in vignette(bare)


def test_they_takes_plural_verbs():
    case = Case(age=50, sex="unspecified", limp=True, difficulty_shoes_socks=True,
                numbness_tingling=True, fever=True, morning_stiffness_minutes=20)  # fmt: skip
    for seed in range(30):
        text = vignette(case, seed=seed)
        bad = re.search(r"\bThey (is|has|finds|feels|describes|mentions|needs|struggles|limps)\b",
                        text)  # fmt: skip
        assert bad is None, text
        # The opening's subject is "a 50-year-old person": singular verbs there.
        wrong = re.search(r"year-old person(, who (are|have|work|drive)\b| (have|come|attend)\b)",
                          text)  # fmt: skip
        assert wrong is None, text
        assert re.search(r"\bThey (are|work|drive|run|manage|look|clean|used)\b", text) or (
            ", who " in text
        ), text


def test_same_case_reads_the_same_unless_a_seed_is_given():
    case = generate_cases(1, seed=8).iloc[0]
    assert vignette(case) == vignette(case)
    texts = {vignette(case, seed=s) for s in range(30)}
    assert len(texts) > 5
    rng = np.random.default_rng(4)
    assert isinstance(vignette(case, seed=rng), str)


def test_wording_varies_across_a_cohort():
    frame = generate_cases(200, seed=12)
    texts = [vignette(row) for _, row in frame.iterrows()]
    jobs = {pair for pair in OCCUPATIONS for t in texts if pair[0] in t or pair[1] in t}
    contexts = {c for c in CONTEXTS for t in texts if c.split()[-1] in t}
    assert len(jobs) >= 10 and len(contexts) >= 5
    for field in ("pain_groin", "worse_stairs", "limp"):
        used = {p for p in PHRASES[field] for t in texts if p in t}
        assert used == set(PHRASES[field]), field
    assert any(", who " in t for t in texts) and any(", who " not in t for t in texts)


def test_row_and_case_give_the_same_text():
    frame = generate_cases(20, seed=6)
    for (_, row), case in zip(frame.iterrows(), cases_from_frame(frame), strict=True):
        assert vignette(row) == vignette(case)
        assert vignette(row, seed=2) == vignette(case, seed=2)


def test_fixed_text_contains_no_finding_keywords():
    fixed = [*CONTEXTS, *(o for pair in OCCUPATIONS for o in pair), NEGATIVES_LEAD]
    fixed += RED_FLAGS_NEGATIVE
    for text, field in itertools.product(fixed, BOOL_FIELDS):
        assert _keyword_pattern(field).search(text) is None, (field, text)


def test_every_field_has_phrases_and_keywords():
    assert set(PHRASES) == set(BOOL_FIELDS)
    assert set(FINDING_KEYWORDS) == set(BOOL_FIELDS)
    for field in BOOL_FIELDS:
        for v in _variants(field):
            assert _keyword_pattern(field).search(v), (field, v)


@pytest.mark.parametrize("bad", [{"age": 60}, "case", 3, pd.DataFrame({"age": [60]})])
def test_bad_case_is_refused(bad):
    with pytest.raises(HipbackInputError, match="case: .* allowed"):
        vignette(bad)


def test_bad_row_is_refused_naming_the_field():
    row = generate_cases(1, seed=1).iloc[0].copy()
    row["age"] = 5
    with pytest.raises(HipbackInputError, match="age"):
        vignette(row)


@pytest.mark.parametrize("seed", [-1, "x", 1.5, True])
def test_bad_seed_is_refused(seed):
    with pytest.raises(HipbackInputError, match="seed"):
        vignette(Case(age=60), seed=seed)


@given(fields=case_fields(), seed=st.integers(0, 2**32))
def test_any_valid_case_reads_correctly(fields, seed):
    """Property: for any valid case (not only generated ones) and any wording seed."""
    case = Case(**fields)
    check_vignette(case, vignette(case, seed=seed))
