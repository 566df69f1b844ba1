"""The knowledge catalogues: complete, cited, consistent (one source of truth)."""

from __future__ import annotations

from hipback import BOOL_FIELDS, FIELDS, FINDINGS, RED_FLAGS, REFERENCES
from hipback.knowledge.findings import BASES, CONSTRUCTS, MECHANISMS, PRETEST
from hipback.knowledge.red_flags import URGENCY_ORDER
from hipback.knowledge.references import is_reference

RED_FLAG_FIELDS = {f.name for f in FIELDS if f.group == "Red flags"}


def test_every_evidence_entry_is_cited_with_a_known_basis():
    for f in FINDINGS:
        for ev in (f.hip, f.spine):
            assert ev.basis in BASES, f.name
            assert ev.source in REFERENCES, (f.name, ev.source)
            assert ev.note.strip(), f.name
            assert ev.lr > 0
            if ev.basis == "teaching estimate":
                assert ev.citation == "teaching estimate"
            if ev.basis == "neutral":
                assert ev.lr == 1.0


def test_every_non_red_flag_yes_no_field_is_a_finding():
    read = {f.field for f in FINDINGS}
    assert set(BOOL_FIELDS) - RED_FLAG_FIELDS <= read
    assert {"sitting_effect", "morning_stiffness_minutes"} <= read


def test_every_article_table_row_is_represented():
    rows = {"pain location", "aggravated by", "relief position", "range of motion"}
    for row in rows:
        assert any(row in f.article for f in FINDINGS), row


def test_no_finding_raises_both_questions_or_lowers_both():
    # A finding is evidence for one side; this keeps "favours" meaningful and the
    # monotonicity property provable.
    for f in FINDINGS:
        assert not (f.hip.lr > 1 and f.spine.lr > 1), f.name
        assert not (f.hip.lr < 1 and f.spine.lr < 1), f.name


def test_mechanisms_are_the_articles_five():
    # Oracle: the source article (reference "article", MSK Doctors) names five mechanisms
    # linking hip OA and back pain: compensation, pelvic imbalance, shared nerve pathways,
    # weak core and glutes, and inflammation with referred pain.
    assert len(MECHANISMS) == 5
    for f in FINDINGS:
        assert f.mechanism is None or f.mechanism in MECHANISMS


def test_constructs_group_overlapping_findings():
    assert len(CONSTRUCTS) < len(FINDINGS)
    weight_bearing = {f.name for f in FINDINGS if f.construct == "pain on weight-bearing"}
    assert weight_bearing == {"worse_walking", "worse_stairs", "worse_sit_to_stand"}


def test_red_flags_cover_every_red_flag_field_with_an_action():
    # The catalogue covers every red-flag field of the case record (it already holds the
    # v2 fields; tests/test_red_flags.py pins that list).
    assert {f.name for f in RED_FLAGS} >= RED_FLAG_FIELDS
    for flag in RED_FLAGS:
        assert flag.urgency in URGENCY_ORDER
        assert flag.action and flag.condition
        assert all(is_reference(k) for k in flag.sources)


def test_pretests_are_probabilities_with_sources():
    for p in PRETEST.values():
        assert 0 < p.probability < 1 and p.source in REFERENCES and p.note


def test_the_stenosis_mimic_says_what_the_reasoning_does_with_sitting_relief():
    # Printed as a "Trap:" on case cards: it must agree with the kit's own reasoning.
    from hipback import Case, classify
    from hipback.knowledge.labels import MIMICS

    text = MIMICS["stenosis_eased_by_sitting"]
    assert "both legs points to the spine" in text and "one-sided pain or tingling does not" in text
    one_sided = classify(Case(age=67, numbness_tingling=True, sitting_effect="eases"))
    (sitting,) = [c for c in one_sided.contributions if c.name == "sitting_eases"]
    assert sitting.favours == "hip"
    both = classify(Case(age=67, bilateral_leg_symptoms=True, sitting_effect="eases"))
    (sitting,) = [c for c in both.contributions if c.name == "sitting_eases_leg_symptoms"]
    assert sitting.favours == "spine"


def test_the_cancer_flag_s_words_name_the_signs_that_make_it_an_emergency():
    from hipback import Case
    from hipback.knowledge.red_flags import RED_FLAG_BY_NAME
    from hipback.screening import screen

    action = RED_FLAG_BY_NAME["history_of_cancer"].action
    assert "an emergency with new weakness, sensory loss in a dermatome or the saddle" in action

    def level(**found):
        return screen(Case(age=45, history_of_cancer=True, **found))[0].level

    for sign in ("myotomal_weakness", "dermatomal_sensory_loss", "saddle_anaesthesia",
                 "bladder_bowel_dysfunction"):  # fmt: skip
        assert level(**{sign: True}) == "emergency", sign
    for suspicious in ("night_pain", "unexplained_weight_loss", "thoracic_pain"):
        assert level(**{suspicious: True}) == "urgent", suspicious
    assert screen(Case(age=55, history_of_cancer=True))[0].level == "urgent"  # over 50
    assert level(numbness_tingling=True) == "monitor"  # a symptom, not a sign: ask more
