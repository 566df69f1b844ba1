"""The arithmetic reproduces published figures (each test names its source)."""

from __future__ import annotations

import math

import pytest

from hipback import FINDINGS, PRETEST, Case, classify, post_test_probability
from hipback.knowledge.findings import FINDING_BY_NAME
from hipback.reasoning import lr_from_sens_spec


def test_fagan_reproduces_sutlive_2008_four_of_five():
    # Sutlive 2008 (clinical reference §2.3): pre-test ~29%, LR+ 24.3 for >=4/5 -> post-test 91%.
    assert post_test_probability(0.29, 24.3) == pytest.approx(0.91, abs=0.005)


def test_fagan_reproduces_sutlive_2008_three_of_five_and_five_of_five():
    # Same table: >=3/5 LR 5.2 -> 68%; 5/5 LR 7.3 -> 75%.
    assert post_test_probability(0.29, 5.2) == pytest.approx(0.68, abs=0.01)
    assert post_test_probability(0.29, 7.3) == pytest.approx(0.75, abs=0.01)


def test_khan_2004_groin_pain_likelihood_ratios():
    # Khan 2004: groin pain sensitivity 84.3%, specificity 70.3% -> LR+ ~2.8, LR- ~0.22.
    lr_pos, lr_neg = lr_from_sens_spec(0.843, 0.703)
    assert lr_pos == pytest.approx(2.8, abs=0.05)
    assert lr_neg == pytest.approx(0.22, abs=0.005)
    assert FINDING_BY_NAME["pain_groin"].hip.lr == pytest.approx(lr_pos)
    # The spine side is the same two-group comparison read the other way.
    assert FINDING_BY_NAME["pain_groin"].spine.lr == pytest.approx(0.297 / 0.843)


@pytest.mark.parametrize(
    ("name", "sens", "spec", "question"),
    [
        ("hip_rotation_limited", 0.66, 0.79, "hip"),  # Metcalfe 2019, decreased passive IR
        ("numbness_tingling", 0.61, 0.63, "spine"),  # Tawa 2017, dermatomal sensory deficit
        ("positive_slr", 0.90, 0.23, "spine"),  # Devillé 2000, straight-leg raise
    ],
)
def test_derived_lrs_match_their_sensitivity_and_specificity(name, sens, spec, question):
    evidence = getattr(FINDING_BY_NAME[name], question)
    assert evidence.basis == "derived"
    assert (evidence.sensitivity, evidence.specificity) == (sens, spec)
    assert evidence.lr == pytest.approx(sens / (1 - spec))


def test_published_lrs_as_in_the_papers():
    # Metcalfe 2019: pain on stairs/slopes LR 2.1; pain not improved by sitting LR 0.24.
    assert FINDING_BY_NAME["worse_stairs"].hip.lr == 2.1
    assert FINDING_BY_NAME["sitting_worsens"].hip.lr == 0.24


def test_points_are_ten_log10_lr():
    for f in FINDINGS:
        for ev in (f.hip, f.spine):
            assert ev.points == pytest.approx(10 * math.log10(ev.lr))


def test_hip_pretest_is_metcalfe_primary_care_prevalence():
    # Metcalfe 2019: 34% of primary-care patients with hip pain had radiographic OA.
    assert PRETEST["hip"].probability == 0.34 and PRETEST["hip"].source == "metcalfe2019"


def test_one_finding_moves_probability_by_its_lr_exactly():
    result = classify(Case(age=60, worse_stairs=True))
    assert result.probabilities["hip"] == pytest.approx(post_test_probability(0.34, 2.1))
