"""Property tests (hypothesis) over any valid case."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
from strategies import case_fields

from hipback import FINDINGS, Case, classify, classify_frame
from hipback.case import cases_to_frame
from hipback.knowledge.red_flags import RED_FLAG_NAMES

BOOL_FINDINGS = [f for f in FINDINGS if f.test == ("is", True)]


@given(case_fields())
def test_probabilities_are_probabilities(fields):
    r = classify(Case(**fields))
    assert all(0.0 <= p <= 1.0 for p in r.probabilities.values())
    assert r.label in {"hip", "spine", "combined", "undetermined"}


@given(case_fields(), st.sampled_from([f for f in BOOL_FINDINGS if f.favours == "hip"]))
def test_adding_a_hip_finding_never_lowers_the_hip_probability(fields, finding):
    # v2: present beats absent and not assessed alike.
    after = classify(Case(**{**fields, finding.field: True}))
    for other in (False, None):
        before = classify(Case(**{**fields, finding.field: other}))
        assert after.probabilities["hip"] >= before.probabilities["hip"] - 1e-12


@given(case_fields(), st.sampled_from([f for f in BOOL_FINDINGS if f.favours == "spine"]))
def test_adding_a_spine_finding_never_lowers_the_spine_probability(fields, finding):
    after = classify(Case(**{**fields, finding.field: True}))
    for other in (False, None):
        before = classify(Case(**{**fields, finding.field: other}))
        assert after.probabilities["spine"] >= before.probabilities["spine"] - 1e-12


@given(case_fields(), st.sampled_from(RED_FLAG_NAMES))
def test_any_red_flag_is_found(fields, flag):
    # Graded screening decides the level (urgent or not); a flag is always reported.
    r = classify(Case(**{**fields, flag: True}))
    assert r.red_flags


@given(case_fields())
def test_red_flags_do_not_change_the_probabilities(fields):
    # Red flags are screened apart: they decide urgency, never the hip/spine scores.
    from hipback.case import FIELDS

    flags = [f.name for f in FIELDS if f.group == "Red flags"]
    clean = {**fields, **dict.fromkeys(flags, False)}
    assert classify(Case(**fields)).probabilities == classify(Case(**clean)).probabilities


@given(st.lists(case_fields(), min_size=1, max_size=12))
def test_classify_frame_equals_classify(many):
    cases = [Case(**f) for f in many]
    out = classify_frame(cases_to_frame(cases))
    for i, case in enumerate(cases):
        r = classify(case)
        assert out["label"].iloc[i] == r.label
        assert abs(out["p_hip"].iloc[i] - r.probabilities["hip"]) < 1e-12
        assert abs(out["p_spine"].iloc[i] - r.probabilities["spine"]) < 1e-12
        assert out["red_flags"].iloc[i] == r.red_flags
        assert bool(out["urgent"].iloc[i]) is r.urgent
