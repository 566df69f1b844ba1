"""The synthetic cohort's own parameters, in one documented place.

:func:`hipback.cohort.sampler.generate_cases` draws every case from the numbers in
this module and from nowhere else. They are deliberately **not** the
classifier's likelihood ratios (:mod:`hipback.knowledge.findings`): the generator says
how often each finding occurs *given the true pain source*, taken from the
literature where a frequency has been published (Lesher 2008 and
Khan 2004 pain maps, Metcalfe 2019, Suri 2010, Parvizi 2010, Framingham) and
labelled ``"teaching estimate"`` everywhere else. It is **not** an
independent external check: six published figures appear on both sides
(:data:`SHARED_WITH_CATALOGUE`), and both sides were written by the same
authors from the same literature. What it does test is the counting (the
correlations through severity, the overlap rule, the absent findings, the
mimics) on cases the classifier's own numbers did not produce.

How a case is drawn (the story the numbers tell)
------------------------------------------------
1. **Truth.** The primary pain driver (``hip``, ``spine`` or ``combined``) from
   :data:`TRUTH_PREVALENCE`; spine-driven pain has a pattern
   (:data:`SPINE_PATTERNS`: stenosis, nerve-root or mechanical back pain).
2. **The person.** Age, sex, body-mass index and symptom duration depend on the
   truth and pattern (:data:`PERSON`).
3. **Latent severity.** Each active source has a severity ``z`` (standard
   normal; hip severity rises with age). Findings that reflect a stiff,
   worn joint load on it together (:class:`FindingModel` ``loading``), so a
   severe hip limits rotation, socks and shoes, car transfers and gait *at the
   same time*: the findings are correlated given the truth, and the
   classifier's independence assumption is visibly wrong in the cohort. Pain
   *location* does not load on severity, because Khan 2004 found that
   radiographic severity did not predict where the pain is felt.
4. **Findings.** Each source that is active produces a finding independently
   with its own probability (a "noisy OR"), plus a small background rate
   (:data:`BACKGROUND`) that stands for noise: findings that turn up for no
   reason connected with the hip or the spine. With the ``moderate``
   difficulty the frequency of a finding among cases of one source equals the
   cited figure (the intercept is solved for it, :func:`channel_intercept`).
5. **Stage.** Hip-driven cases get a stage from their severity; spine-driven
   cases often carry *incidental* radiographic hip OA (Framingham: 19.6% of
   adults over 50 have it, only 4.2% have symptoms), which also makes hip
   rotation more often limited (:data:`INCIDENTAL_ROTATION`).
6. **Difficulty** (:data:`DIFFICULTY`): ``easy`` cases are textbook (more
   severe, little noise), ``hard`` cases are subtler and carry one of the
   :data:`MIMICS`.
7. **Red flags** (:data:`SERIOUS_PATHOLOGY`): a serious pathology is present
   at ``red_flag_rate`` and shows itself through the red-flag fields.

Every probability is a frequency (0-1) with its :class:`Freq` (value, source, note).

One job per module: :mod:`~hipback.cohort.parameters.sources` (:class:`Freq`, the intercept
solver), :mod:`~hipback.cohort.parameters.people` (truths, patterns, people, hip stage),
:mod:`~hipback.cohort.parameters.finding_models` (finding frequencies, sitting, stiffness),
:mod:`~hipback.cohort.parameters.scenarios` (not assessed, difficulty, mimics, red flags);
every name is re-exported here, so ``from hipback.cohort.parameters import ...`` keeps working.
"""

from __future__ import annotations

from hipback.cohort.parameters.finding_models import (
    _KHAN,
    _LESHER,
    BACKGROUND,
    FINDING_MODELS,
    MORNING_STIFFNESS,
    PROLONGED_SITTING_GIVEN,
    SHARED_WITH_CATALOGUE,
    SITTING,
    STIFFNESS_LOG_SD,
    FindingModel,
)
from hipback.cohort.parameters.people import (
    AGE_RANGE,
    AGE_SEVERITY_CORRELATION,
    BMI_MISSING,
    BMI_RANGE,
    INCIDENTAL_MODERATE,
    INCIDENTAL_OA_50,
    INCIDENTAL_OA_UNDER_50,
    INCIDENTAL_ROTATION,
    PERSON,
    SEX_UNSPECIFIED,
    SPINE_PATTERN_SHARE,
    SPINE_PATTERNS,
    STAGE_CUTS,
    STAGE_UNKNOWN_HIP,
    STAGE_UNKNOWN_SPINE,
    TRUTH_PREVALENCE,
    TRUTHS,
    WEEKS_LOG_SD,
    WEEKS_MISSING,
    WEEKS_RANGE,
    PersonModel,
)
from hipback.cohort.parameters.scenarios import (
    ASSESSED,
    ASSESSMENT_KIND,
    DIFFICULTIES,
    DIFFICULTY,
    EASY_ASSESSED_BOOST,
    MIMIC_NAMES,
    MIMICS,
    PATHOLOGIES,
    SERIOUS_PATHOLOGY,
    SERIOUS_PATHOLOGY_SOURCE,
)
from hipback.cohort.parameters.sources import (
    TEACHING_ESTIMATE,
    Freq,
    _logit,
    _te,
    channel_intercept,
)


def all_sources() -> list[tuple[str, str, str, float]]:
    """Every frequency parameter with its source, as rows (parameter, citation, note, p).

    ``citation`` is the short reference name or "teaching estimate"; the cohort
    lesson shows this table so learners see which numbers are published.

    Examples
    --------
    >>> rows = all_sources()
    >>> any(r[0] == "pain_groin | hip" for r in rows)
    True
    """
    from hipback.knowledge.references import REFERENCES

    def cite(f: Freq) -> str:
        return TEACHING_ESTIMATE if f.source == "teaching_estimate" else REFERENCES[f.source].short

    rows: list[tuple[str, str, str, float]] = []
    for name, f in TRUTH_PREVALENCE.items():
        rows.append((f"truth {name}", cite(f), f.note, f.p))
    for name, f in SPINE_PATTERN_SHARE.items():
        rows.append((f"spine pattern {name}", cite(f), f.note, f.p))
    for m in FINDING_MODELS:
        for source in ("hip", "stenosis", "radicular", "mechanical"):
            f = getattr(m, source)
            rows.append((f"{m.field} | {source}", cite(f), f.note, f.p))
    for stage, f in INCIDENTAL_ROTATION.items():
        rows.append(
            (f"hip_rotation_limited | spine, incidental stage {stage}", cite(f), f.note, f.p)
        )
    return rows


__all__ = [
    "AGE_RANGE",
    "AGE_SEVERITY_CORRELATION",
    "ASSESSED",
    "ASSESSMENT_KIND",
    "BACKGROUND",
    "BMI_MISSING",
    "BMI_RANGE",
    "DIFFICULTIES",
    "DIFFICULTY",
    "EASY_ASSESSED_BOOST",
    "FINDING_MODELS",
    "INCIDENTAL_MODERATE",
    "INCIDENTAL_OA_50",
    "INCIDENTAL_OA_UNDER_50",
    "INCIDENTAL_ROTATION",
    "MIMICS",
    "MIMIC_NAMES",
    "MORNING_STIFFNESS",
    "PATHOLOGIES",
    "PERSON",
    "PROLONGED_SITTING_GIVEN",
    "SERIOUS_PATHOLOGY",
    "SERIOUS_PATHOLOGY_SOURCE",
    "SEX_UNSPECIFIED",
    "SHARED_WITH_CATALOGUE",
    "SITTING",
    "SPINE_PATTERNS",
    "SPINE_PATTERN_SHARE",
    "STAGE_CUTS",
    "STAGE_UNKNOWN_HIP",
    "STAGE_UNKNOWN_SPINE",
    "STIFFNESS_LOG_SD",
    "TEACHING_ESTIMATE",
    "TRUTHS",
    "TRUTH_PREVALENCE",
    "WEEKS_LOG_SD",
    "WEEKS_MISSING",
    "WEEKS_RANGE",
    "_KHAN",
    "_LESHER",
    "FindingModel",
    "Freq",
    "PersonModel",
    "_logit",
    "_te",
    "all_sources",
    "channel_intercept",
]
