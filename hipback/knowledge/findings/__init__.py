"""The catalogue of findings: the knowledge the reasoning model runs on (v2).

Each :class:`Finding` says how it is read from a case, where it comes from in
the source article, which of the article's five mechanisms it illustrates, and
its likelihood ratios (LR) for each of the two questions the kit asks:

* **hip** — is the hip joint a source of this pain?
* **spine** — is the lumbar spine a source of this pain?

Every LR carries its basis: *published* (the figure is in the paper),
*derived* (arithmetic from a published sensitivity and specificity), *teaching
estimate* (no published figure exists; the rationale says why the number was
chosen) or *neutral* (LR 1: the finding does not bear on that question).
Nothing else in the kit restates these numbers.

The rules the catalogue follows (audit of the v1 kit, and the v2 case record):

* **Present and absent.** A finding recorded ``True`` contributes its LR+
  (``hip`` / ``spine``); one recorded ``False`` (asked and absent) contributes
  its LR− (``hip_absent`` / ``spine_absent``) where one exists; ``None`` (not
  assessed) contributes nothing.
* **Each piece of evidence counts once.** A comparative figure (Khan 2004:
  hip OA vs lumbar stenosis, two separate groups) is one piece of evidence
  about hip *versus* spine. It enters the hip question only (groin pain is
  the hip's signature; the spine question has its own direct findings), and
  it is not read backwards on the spine question.
* **Another population.** An LR measured as hip OA vs *other hip pain*
  (Metcalfe 2019) is carried into a back-pain population where the findings
  are common (Prather 2017: reduced rotation in 75%). Such evidence is marked
  ``indirect`` and counted at :data:`INDIRECT_WEIGHT` of its points (half the
  log-LR: LR 3.14 counts as 1.77), and the caveat is shown with it.
  Every other published figure names its population in ``population``.
* **Sub-syndromes.** The spine question covers stenosis, nerve-root pain and
  mechanical back pain. A finding that marks one sub-syndrome (a straight-leg
  raise for disc herniation, flexion relief for stenosis) has no LR− on the
  spine question: its absence argues against that sub-syndrome, not against
  the spine. Its published LR− is shown in the note, not counted.
* **One construct counted once.** Findings that measure one construct share a
  ``construct``; per question, if any member is present the strongest present
  member counts, otherwise the strongest absent member (see
  :mod:`hipback.reasoning`).
* **Imaging on record.** A hip X-ray report (``hip_oa_stage``) is weighed on the hip
  question when there is one (:mod:`hipback.knowledge.findings.imaging`); the kit never
  suggests taking one.
"""

from __future__ import annotations

from dataclasses import dataclass

from hipback.knowledge.findings.aggravators import AGGRAVATORS
from hipback.knowledge.findings.imaging import IMAGING, PAINFUL_HIPS_WITH_OA
from hipback.knowledge.findings.location import LOCATION
from hipback.knowledge.findings.model import (
    BASES,
    INDIRECT_WEIGHT,
    MECHANISMS,
    Evidence,
    Finding,
)
from hipback.knowledge.findings.movement import MOVEMENT
from hipback.knowledge.findings.nerves import NERVE_SIGNS
from hipback.knowledge.references import REFERENCES

#: Every finding, in the order a clinician takes a history and examines.
FINDINGS: tuple[Finding, ...] = (*LOCATION, *AGGRAVATORS, *MOVEMENT, *NERVE_SIGNS, *IMAGING)

FINDING_BY_NAME: dict[str, Finding] = {f.name: f for f in FINDINGS}

#: Constructs in first-appearance order; each is counted once per question.
CONSTRUCTS: tuple[str, ...] = tuple(dict.fromkeys(f.construct for f in FINDINGS))


@dataclass(frozen=True, slots=True)
class Pretest:
    """A pre-test probability with its source."""

    probability: float
    basis: str
    source: str
    note: str

    @property
    def citation(self) -> str:
        """Short citation, or 'teaching estimate'."""
        if self.basis == "teaching estimate":
            return "teaching estimate"
        return REFERENCES[self.source].short


#: Default pre-test probabilities; learners may pass others to ``classify``.
PRETEST: dict[str, Pretest] = {
    "hip": Pretest(
        0.40,
        "teaching estimate",
        "teaching_estimate",
        "No study reports how often the hip is a pain source among adults whose back, buttock "
        "or leg pain raises the hip-or-spine question. Anchors: 34% of primary-care hip or "
        f"groin pain has radiographic OA (Metcalfe 2019), but only {PAINFUL_HIPS_WITH_OA:.1%} "
        "of painful hips in "
        "Framingham had it (Kim 2015), and half of people awaiting hip replacement have back "
        "pain (Parvizi 2010). Change it to see how much the starting point matters.",
    ),
    "spine": Pretest(
        0.25,
        "teaching estimate",
        "teaching_estimate",
        "No study reports how often the lumbar spine is a pain source when the hip is also "
        "suspected. Anchors: among people having hip replacement, 18% were also seen by a "
        "spine specialist (Prather 2012) and back pain persisted after surgery in a third of "
        "the half who had it, about 17% (Parvizi 2010); set a little higher because the kit's "
        "population also includes people who present with back pain. Change it to see how "
        "much the starting point matters.",
    ),
}

#: Published figures the kit shows but does not score, and why.
NOT_SCORED: tuple[tuple[str, str, str], ...] = (
    (
        "Age under 60",
        "Hip OA on X-ray: LR 0.11 (Metcalfe 2019); lumbar stenosis: LR 0.40, "
        "age over 70 LR 2.0 (Suri 2010)",
        "Both compare one diagnosis with other causes of pain in the same region, not hip with "
        "spine; in younger people other hip and spine sources (impingement, disc) still count.",
    ),
    (
        "Sutlive 2008 rule (4 of 5 items)",
        "LR 24.3 for hip OA in unilateral hip pain",
        "Only two of its items are in the case record (painful passive movement, rotation); "
        "it was derived in 72 people against other hip pain, and the 5-of-5 LR (7.3) being "
        "lower than 4-of-5 shows how unstable small derivation samples are.",
    ),
    (
        "Brown 2004: limited rotation, limp, groin pain",
        "About 14 times (rotation, seen only in a secondary source); the limp and groin "
        "figures (about 7 times) were never seen at all",
        "Unverified: the paper itself was not found; the 14 times is an odds-type figure, not "
        "a likelihood ratio.",
    ),
)

__all__ = [
    "BASES",
    "CONSTRUCTS",
    "FINDINGS",
    "FINDING_BY_NAME",
    "INDIRECT_WEIGHT",
    "MECHANISMS",
    "NOT_SCORED",
    "PRETEST",
    "Evidence",
    "Finding",
    "Pretest",
]
