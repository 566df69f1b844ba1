"""Graded red flags: each rule, each level, the combinations, and their sources.

Oracles (named per test): the IFOMPT international framework (Finucane 2020: decide the
action from the level of concern built from the flags and the person's profile); Downie
2013 (single flags barely change probability; history of malignancy the strongest; several
fracture flags together raise it to 90%); NICE NG234 (formerly CG75: cancer plus spinal
pain suggestive of metastases -> MSCC team within 24 hours; with neurological symptoms or
signs -> immediately); Greenhalgh 2018 (features of suspected cauda equina syndrome);
NICE NG65 (rheumatology referral for inflammatory back pain); NICE NG226 (a hot swollen
joint is an atypical feature); the BSR hot-swollen-joint guideline (septic arthritis).

Cases are written with the v2 case record's field names (a contract). Where the
installed :class:`hipback.Case` does not have a field yet, the engine is exercised with a
plain stand-in object, which :func:`screen` accepts by design.
"""

from __future__ import annotations

import time
from types import SimpleNamespace

import pandas as pd
import pytest

from hipback import FIELD_NAMES, Case
from hipback.knowledge.management import ITEM_BY_ID
from hipback.knowledge.red_flags import (
    AGE_FACTORS,
    LEVEL_MEANING,
    LEVELS,
    RED_FLAG_BY_NAME,
    RED_FLAG_NAMES,
    RED_FLAG_RULES,
    RED_FLAGS,
    RULE_BY_ID,
    SEVERAL_WEAK_FLAGS,
    URGENT_LEVELS,
)
from hipback.knowledge.references import is_reference, reference
from hipback.screening import (
    SCREEN_FIELDS,
    RedFlagHit,
    is_urgent,
    most_serious,
    not_asked,
    screen,
    screen_frame,
)

#: The v2 red-flag fields (issue 10 contract).
V2_RED_FLAG_FIELDS = {
    "saddle_anaesthesia",
    "bladder_bowel_dysfunction",
    "progressive_weakness",
    "history_of_cancer",
    "unexplained_weight_loss",
    "fever",
    "night_pain",
    "major_trauma",
    "long_term_corticosteroids",
    "hot_swollen_joint",
    "pulsatile_abdominal_mass",
    "immunosuppressed_or_ivdu",
    "minor_trauma",
    "bilateral_sciatica",
    "sexual_dysfunction",
    "thoracic_pain",
    "inflammatory_back_pain",
}
#: Beyond the contract: feeling systemically unwell, split from fever (clinical reference
#: 3.2: a spinal-infection feature, urgent the same day).
RED_FLAG_FIELDS = V2_RED_FLAG_FIELDS | {"systemically_unwell"}


def case(age: int = 40, **flags: bool | None):
    """A case with these findings; other fields not assessed (None)."""
    if set(flags) <= set(FIELD_NAMES):
        return Case(age=age, **flags)
    return SimpleNamespace(age=age, **flags)


def graded(c) -> list[tuple[str, str]]:
    return [(h.flag, h.level) for h in screen(c)]


# --- the catalogue ------------------------------------------------------------------------


def test_every_v2_red_flag_field_is_in_the_catalogue():
    assert set(RED_FLAG_NAMES) == RED_FLAG_FIELDS
    assert set(RED_FLAG_BY_NAME) == RED_FLAG_FIELDS


@pytest.mark.parametrize("flag", RED_FLAGS, ids=lambda f: f.name)
def test_every_flag_is_cited_with_a_level_and_an_action(flag):
    assert flag.alone in LEVELS
    assert flag.label and flag.condition and len(flag.action) > 20
    assert flag.sources and all(is_reference(k) for k in flag.sources)
    assert flag.citation


@pytest.mark.parametrize("rule", [*RED_FLAG_RULES, SEVERAL_WEAK_FLAGS], ids=lambda r: r.id)
def test_every_rule_is_cited_and_reads_known_findings(rule):
    assert rule.level in LEVELS
    assert rule.action and rule.rationale and rule.condition and rule.group
    assert rule.sources and all(is_reference(k) for k in rule.sources)
    ages = {a.name for a in AGE_FACTORS}
    exam = {"myotomal_weakness", "dermatomal_sensory_loss"}  # v2 examination findings
    for name in rule.findings:
        assert name in RED_FLAG_FIELDS | ages | exam, (rule.id, name)
    if rule.level == "monitor":
        assert rule.ask, "a weak flag says what to ask next"
    assert RULE_BY_ID[rule.id] is rule


def test_rule_ids_are_unique_and_ordered_most_serious_first():
    ids = [r.id for r in RED_FLAG_RULES]
    assert len(ids) == len(set(ids))
    ranks = [LEVELS.index(r.level) for r in RED_FLAG_RULES]
    assert ranks == sorted(ranks)


def test_levels_and_their_meaning():
    assert LEVELS == ("emergency", "urgent", "soon", "monitor")
    assert {"emergency", "urgent"} == URGENT_LEVELS
    assert set(LEVEL_MEANING) == set(LEVELS)


def test_sources_name_the_frameworks_and_guidelines():
    cited = {k for r in RED_FLAG_RULES for k in r.sources}
    # IFOMPT 2020, Downie 2013, Greenhalgh 2018 (CES), NICE NG234 (MSCC), NG65, NG226.
    for key in ("finucane2020", "downie2013", "greenhalgh2018", "nice_ng234", "nice_ng65"):
        assert key in cited, key
    # Greenhalgh 2018, the cauda equina paper (its full citation lives in references.py).
    assert "cauda equina" in reference("greenhalgh2018").citation.lower()
    assert "IFOMPT" in reference("finucane2020").short


# --- each rule and level ------------------------------------------------------------------


@pytest.mark.parametrize(
    "field",
    ["saddle_anaesthesia", "bladder_bowel_dysfunction", "bilateral_sciatica", "sexual_dysfunction"],
)
def test_each_cauda_equina_feature_is_an_emergency(field):
    """Greenhalgh 2018 / NHS pathways: any CES feature -> emergency, same-day MRI."""
    hits = screen(case(**{field: True}))
    assert [(h.flag, h.level) for h in hits] == [("cauda_equina", "emergency")]
    assert hits[0].findings == (field,)
    assert "MRI" in hits[0].action and "emergency" in hits[0].action.lower()
    assert is_urgent(hits)


def test_all_cauda_equina_features_give_one_hit_naming_each():
    c = case(saddle_anaesthesia=True, bladder_bowel_dysfunction=True, bilateral_sciatica=True)
    (hit,) = screen(c)
    assert hit.flag == "cauda_equina"
    assert set(hit.findings) == {
        "saddle_anaesthesia",
        "bladder_bowel_dysfunction",
        "bilateral_sciatica",
    }


def test_progressive_weakness_is_urgent_the_same_day():
    """NHS pathway (reference 3.2): a rapidly worsening deficit without cauda equina
    features is 'urgent same day'; the plan still stops, as for an emergency."""
    hits = screen(case(progressive_weakness=True))
    assert [(h.flag, h.level) for h in hits] == [("progressive_neurology", "urgent")]
    assert is_urgent(hits)
    assert "same day" in hits[0].action


def test_progressive_weakness_with_cauda_equina_or_cancer_is_an_emergency():
    with_ces = screen(case(progressive_weakness=True, bladder_bowel_dysfunction=True))
    assert with_ces[0].flag == "cauda_equina" and with_ces[0].level == "emergency"
    with_cancer = screen(case(age=60, progressive_weakness=True, history_of_cancer=True))
    assert with_cancer[0].flag == "mscc" and with_cancer[0].level == "emergency"


def test_pulsatile_abdominal_mass_is_an_aaa_emergency():
    hits = screen(case(age=72, pulsatile_abdominal_mass=True))
    assert [(h.flag, h.level) for h in hits] == [("aortic_aneurysm", "emergency")]
    assert "aneurysm" in hits[0].condition.lower()


def test_major_trauma_is_an_emergency():
    assert graded(case(major_trauma=True)) == [("major_trauma_fracture", "emergency")]


def test_past_cancer_alone_is_monitor_not_an_emergency():
    """Audit item 3; NICE NG234: the 24-hour MSCC rule needs cancer PLUS spinal symptoms."""
    hits = screen(SimpleNamespace(age=40, history_of_cancer=True))  # the rest not asked
    assert [(h.flag, h.level) for h in hits] == [("history_of_cancer_alone", "monitor")]
    assert not is_urgent(hits)
    # it says what to ask next: the findings that would raise the level
    assert {"night_pain", "unexplained_weight_loss"} <= set(hits[0].ask)


@pytest.mark.parametrize(
    "extra", [{"night_pain": True}, {"unexplained_weight_loss": True}, {"thoracic_pain": True}]
)
def test_cancer_plus_suspicious_pain_is_urgent(extra):
    """NICE NG234 (CG75): cancer + spinal pain suggestive of metastases -> within 24 h."""
    hits = screen(case(age=40, history_of_cancer=True, **extra))
    assert [(h.flag, h.level) for h in hits] == [("spinal_metastasis", "urgent")]
    assert "24 hours" in hits[0].action
    assert "nice_ng234" in hits[0].sources


def test_cancer_over_50_is_urgent():
    """Brief and NHS pathway: cancer history plus age over 50."""
    hits = screen(case(age=51, history_of_cancer=True))
    assert [(h.flag, h.level) for h in hits] == [("spinal_metastasis", "urgent")]
    assert hits[0].findings == ("history_of_cancer", "age_over_50")
    assert graded(case(age=50, history_of_cancer=True)) == [("history_of_cancer_alone", "monitor")]


@pytest.mark.parametrize(
    "neuro", ["progressive_weakness", "myotomal_weakness", "dermatomal_sensory_loss"]
)
def test_cancer_plus_neurological_signs_is_an_emergency(neuro):
    """NICE NG234: cancer + neurological symptoms or signs -> contact immediately."""
    hits = screen(case(age=60, history_of_cancer=True, night_pain=True, **{neuro: True}))
    assert hits[0].flag == "mscc" and hits[0].level == "emergency"
    assert "immediately" in hits[0].action
    # the 24-hour rule of the same family is superseded, not repeated
    assert "spinal_metastasis" not in [h.flag for h in hits]


def test_night_pain_alone_and_thoracic_pain_alone_are_monitor():
    assert graded(case(night_pain=True)) == [("night_pain_alone", "monitor")]
    assert graded(case(thoracic_pain=True)) == [("thoracic_pain_alone", "monitor")]


def test_weight_loss_alone_is_soon_and_with_night_pain_urgent():
    assert graded(case(unexplained_weight_loss=True)) == [("weight_loss_unexplained", "soon")]
    assert graded(case(unexplained_weight_loss=True, night_pain=True)) == [
        ("possible_malignancy", "urgent")
    ]


def test_septic_arthritis_fever_with_hot_swollen_hip_is_an_emergency():
    """NG226 atypical feature; BSR: a hot swollen joint with fever is septic until proven not."""
    hits = screen(case(age=70, fever=True, hot_swollen_joint=True))
    assert [(h.flag, h.level) for h in hits] == [("septic_arthritis", "emergency")]
    assert "aspirat" in hits[0].action
    # fever is explained by the septic joint: no separate "possible infection" hit
    assert "fever_unexplained" not in [h.flag for h in hits]


def test_hot_swollen_joint_without_fever_is_still_urgent():
    assert graded(case(hot_swollen_joint=True)) == [("hot_swollen_joint", "urgent")]


def test_fever_leads_to_septic_arthritis_even_in_a_hip_case():
    """Audit item 9: fever led only to spinal infection, even in hip-driven cases."""
    c = case(age=70, fever=True, hot_swollen_joint=True, pain_groin=True)
    assert "septic" in screen(c)[0].condition.lower()


def test_fever_with_immunosuppression_or_ivdu_is_urgent_spinal_infection():
    hits = screen(case(fever=True, immunosuppressed_or_ivdu=True))
    assert [(h.flag, h.level) for h in hits] == [("spinal_infection", "urgent")]
    assert "same day" in hits[0].action.lower()


def test_fever_with_night_pain_is_urgent_spinal_infection():
    hits = screen(case(age=58, fever=True, night_pain=True))
    assert [(h.flag, h.level) for h in hits] == [("spinal_infection", "urgent")]


def test_fever_alone_is_soon_and_risk_factor_alone_is_monitor():
    assert graded(case(fever=True)) == [("fever_unexplained", "soon")]
    assert graded(case(immunosuppressed_or_ivdu=True)) == [
        ("immunosuppressed_or_ivdu_alone", "monitor")
    ]


@pytest.mark.parametrize("kw", [{"age": 70}, {"age": 40, "long_term_corticosteroids": True}])
def test_minor_trauma_in_fragile_bone_is_urgent(kw):
    """Downie 2013: older age and steroids are fracture flags; together they compound."""
    age = kw.pop("age")
    hits = screen(case(age=age, minor_trauma=True, **kw))
    assert [(h.flag, h.level) for h in hits] == [("fragility_fracture", "urgent")]
    assert "X-ray" in hits[0].action


def test_minor_trauma_alone_and_steroids_alone_are_monitor():
    assert graded(case(age=40, minor_trauma=True)) == [("minor_trauma_alone", "monitor")]
    assert graded(case(age=40, long_term_corticosteroids=True)) == [
        ("long_term_corticosteroids_alone", "monitor")
    ]


def test_steroids_in_an_older_person_is_soon():
    assert graded(case(age=70, long_term_corticosteroids=True)) == [("fracture_risk", "soon")]


def test_inflammatory_back_pain_is_soon_rheumatology():
    """NICE NG65: refer to rheumatology (a routine referral)."""
    hits = screen(case(age=30, inflammatory_back_pain=True))
    assert [(h.flag, h.level) for h in hits] == [("inflammatory_back_pain", "soon")]
    assert "rheumatology" in hits[0].action.lower()
    assert hits[0].sources == ("nice_ng65",)
    assert not is_urgent(hits)
    # NG65's rule as the reference states it: duration, four features to refer, three to test
    action = hits[0].action
    for words in ("before 45", "over 3 months", "Four or more", "HLA-B27", "Exactly three"):
        assert words in action
    assert "morning stiffness" not in action.lower()  # not one of NG65's features


def test_several_weak_flags_together_raise_the_level_to_soon():
    """IFOMPT 2020 / Downie 2013: combinations carry more weight than single flags."""
    hits = screen(case(age=40, night_pain=True, thoracic_pain=True))
    assert hits[0].flag == "several_weak_flags" and hits[0].level == "soon"
    assert set(hits[0].findings) == {"night_pain", "thoracic_pain"}
    assert [h.level for h in hits[1:]] == ["monitor", "monitor"]


# --- three states, sorting, urgency ---------------------------------------------------------


@pytest.mark.parametrize("value", [False, None])
def test_absent_or_not_assessed_flags_never_fire(value):
    c = SimpleNamespace(age=80, **dict.fromkeys(RED_FLAG_FIELDS, value))
    assert screen(c) == ()
    assert screen(Case(age=80)) == ()


def test_missing_fields_count_as_not_assessed():
    assert screen(SimpleNamespace(age=40)) == ()


def test_hits_are_sorted_most_serious_first():
    c = case(
        age=70, night_pain=True, inflammatory_back_pain=True, saddle_anaesthesia=True, fever=True
    )
    levels = [h.level for h in screen(c)]
    assert levels == sorted(levels, key=LEVELS.index)
    assert levels[0] == "emergency"


@pytest.mark.parametrize("level", LEVELS)
def test_urgent_only_for_emergency_and_urgent(level):
    example = {
        "emergency": {"saddle_anaesthesia": True},
        "urgent": {"hot_swollen_joint": True},
        "soon": {"inflammatory_back_pain": True},
        "monitor": {"night_pain": True},
    }[level]
    hits = screen(case(**example))
    assert most_serious(hits) == level
    assert is_urgent(hits) == (level in ("emergency", "urgent"))
    assert all(h.urgent == (h.level in URGENT_LEVELS) for h in hits)


def test_hit_reads_as_words_with_its_sources():
    (hit,) = screen(case(age=40, history_of_cancer=True, night_pain=True))
    assert isinstance(hit, RedFlagHit)
    # The hit's label is the two fields' own labels from the knowledge module, joined.
    assert hit.label == " + ".join(
        RED_FLAG_BY_NAME[f].label for f in ("history_of_cancer", "night_pain")
    )
    assert "Downie 2013" in hit.citation and "NICE NG234" in hit.citation
    assert str(hit).startswith("[urgent] Spinal metastases")
    assert hit.name == hit.flag and hit.urgency == hit.level


def test_not_asked_lists_unassessed_red_flag_questions():
    c = SimpleNamespace(age=50, saddle_anaesthesia=False, fever=None)
    asked = not_asked(c)
    assert "saddle_anaesthesia" not in asked and "fever" in asked
    assert set(asked) <= RED_FLAG_FIELDS


def test_every_flag_field_alone_gives_exactly_its_stated_level():
    """The catalogue's 'alone' level and the rules agree for every field."""
    for flag in RED_FLAGS:
        hits = screen(SimpleNamespace(age=40, **{flag.name: True}))
        assert most_serious(hits) == flag.alone, flag.name


# --- the DataFrame path and speed -----------------------------------------------------------


def test_screen_frame_equals_screen_row_by_row():
    rows = [
        {"age": 60, "history_of_cancer": True},
        {"age": 40, "history_of_cancer": True},
        {"age": 72, "minor_trauma": True},
        {"age": 40, "night_pain": True, "thoracic_pain": True},
        {"age": 70, "fever": True, "hot_swollen_joint": True},
        {"age": 30},
        {"age": 55, "saddle_anaesthesia": None, "fever": False},
    ]
    frame = pd.DataFrame(rows)
    for col in set(frame.columns) - {"age"}:
        frame[col] = frame[col].astype("boolean")
    out = screen_frame(frame)
    for i, row in enumerate(rows):
        hits = screen(SimpleNamespace(**row))
        assert out["red_flags"].iloc[i] == tuple(h.flag for h in hits)
        assert out["urgent"].iloc[i] == is_urgent(hits)
        level = out["red_flag_level"].iloc[i]
        assert (None if pd.isna(level) else level) == most_serious(hits)


def test_screen_frame_on_an_empty_frame():
    out = screen_frame(pd.DataFrame({"age": pd.Series([], dtype=int)}))
    assert len(out) == 0 and list(out.columns) == ["red_flags", "red_flag_level", "urgent"]


def test_screen_is_fast():
    """classify + str must stay within 1 ms; screening is a small part of it."""
    c = case(age=60, history_of_cancer=True, night_pain=True)
    screen(c)
    n = 2000
    start = time.perf_counter()
    for _ in range(n):
        screen(c)
    per_call = (time.perf_counter() - start) / n
    assert per_call < 2e-4, f"{per_call * 1e6:.0f} us per screen"


def test_screen_fields_are_the_flags_and_the_exam_findings():
    assert set(SCREEN_FIELDS) >= RED_FLAG_FIELDS
    assert set(SCREEN_FIELDS) - RED_FLAG_FIELDS == {
        "myotomal_weakness",
        "dermatomal_sensory_loss",
    }


def test_the_mscc_timings_are_cited_to_the_text_they_were_read_in():
    """Clinical reference 3.2: the 24-hour / immediate timings were read in NICE CG75, not in
    NG234's own text, so NG234 is shown as not verified and CG75 carries the recommendation."""
    item = ITEM_BY_ID["refer_spinal_malignancy"]
    assert item.position_for("nice_ng234").direction == "not verified"
    assert item.position_for("nice_cg75").stance == "strong for"
    assert "24 hours" in item.position_for("nice_cg75").wording
    assert item.status == "recommended"


def test_feeling_systemically_unwell_is_urgent_the_same_day_with_or_without_fever():
    """Clinical reference 3.2: 'systemically unwell' is a spinal-infection feature, urgent
    the same day; a fever alone stays 'soon' (a single weak flag: many harmless causes)."""
    from hipback.management import recommend

    for extra in ({}, {"fever": True}):
        hits = screen(case(age=50, systemically_unwell=True, **extra))
        assert [(h.flag, h.level) for h in hits] == [("systemically_unwell", "urgent")]
        assert "Urgent same day" in hits[0].action
        plan = recommend(Case(age=50, pain_lower_back=True, systemically_unwell=True, **extra))
        assert plan.urgent and plan.ids == ("refer_spinal_infection", "safety_netting")
    assert graded(case(age=50, fever=True)) == [("fever_unexplained", "soon")]
    # a risk factor alone asks about both
    (weak,) = screen(case(age=50, immunosuppressed_or_ivdu=True))
    assert {"fever", "systemically_unwell"} <= set(weak.ask)
