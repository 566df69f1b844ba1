"""The four labels: what each means, what it asks of the clinician, and the mimics behind it.

One place for the sentences the kit says about a label (the reasoning's ``meaning``,
the quiz's feedback, the lessons). The rule that assigns them is
:func:`hipback.reasoning.label_from_probabilities`.
"""

from __future__ import annotations

from dataclasses import dataclass

from hipback.knowledge.findings.imaging import RADIOGRAPHIC_OA_50, SYMPTOMATIC_OA_50


@dataclass(frozen=True, slots=True)
class LabelInfo:
    """One label of the reasoning.

    Attributes
    ----------
    name : str
        "hip", "spine", "combined" or "undetermined".
    title : str
        Short title for learners.
    meaning : str
        What the label says about the pain, in plain words.
    plan : str
        What it asks of the clinician next.
    source : str
        Reference key(s) behind the definition.
    """

    name: str
    title: str
    meaning: str
    plan: str
    source: str


LABEL_INFO: dict[str, LabelInfo] = {
    "hip": LabelInfo(
        "hip",
        "Hip-driven pain",
        "The hip joint drives the pain, including back pain that follows from the hip "
        "(a stiff hip makes the lower back work harder).",
        "Treat the hip first (exercise, education, weight where relevant) and review the back "
        "once the hip settles.",
        "offierski1983; parvizi2010",
    ),
    "spine": LabelInfo(
        "spine",
        "Spine-driven pain",
        "The lumbar spine drives the pain; hip findings are absent or incidental (hip OA on an "
        "X-ray is common and often painless).",
        "Manage the back (NICE NG59 essentials: reassurance, exercise, stay active).",
        "nice_ng59; kim2015",
    ),
    "combined": LabelInfo(
        "combined",
        "Hip and spine together",
        "Both the hip and the lumbar spine contribute (Offierski & MacNab's complex hip-spine "
        "syndrome): neither alone explains the picture.",
        "Assess and treat both; when it stays unclear which leads, specialists use diagnostic "
        "injections.",
        "offierski1983; buckland2017",
    ),
    "undetermined": LabelInfo(
        "undetermined",
        "Not enough evidence yet",
        "The findings assessed so far do not make any of hip, spine or both more likely than "
        "not, or too few findings have been assessed.",
        "Assess further: ask the questions the reasoning lists under 'Ask next' before "
        "choosing a treatment plan.",
        "teaching_estimate",
    ),
}

#: Mimics: presentations that point one way while the pain comes from elsewhere.
MIMICS: dict[str, str] = {
    "hip_pain_below_knee": "Hip pain can pass the knee (Lesher 2008: 22%; Khan 2004: 47% of "
    "people awaiting hip replacement), so pain below the knee does not rule the hip out.",
    "stenosis_eased_by_sitting": "Lumbar stenosis is eased by sitting too (Suri 2010), so "
    "sitting relief of symptoms in both legs points to the spine, not the hip; relief of "
    "one-sided pain or tingling does not.",
    "buttock_pain_fits_both": "Buttock pain is the commonest hip referral site (Lesher 2008: "
    "71%) and common in spinal pain: on its own it separates nothing.",
    "red_flag_in_typical_hip": "A typical hip story can hide a red flag: screen every case, "
    "whatever the label.",
    "incidental_hip_oa": "Hip OA on an X-ray is common without pain (Framingham: "
    f"{RADIOGRAPHIC_OA_50:.1%} on X-ray, {SYMPTOMATIC_OA_50:.1%} with symptoms), so an X-ray "
    "does not prove the hip hurts.",
    "stiff_hip_in_back_pain": "Reduced hip rotation is common in people with back pain "
    "(Prather 2017), so on its own it does not make the hip the source.",
}
