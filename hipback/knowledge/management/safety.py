"""Management items for safety: red-flag referrals, safety-netting, and "assess further".

The referral items are built from the graded rules of :mod:`hipback.knowledge.red_flags`
(not retyped): one item per kind of referral, its ``what`` the actions of its rules, its
``urgency`` the most serious level among them. :data:`RED_FLAG_ITEM` says which item each
rule leads to; ``monitor`` rules lead to safety-netting (ask more, the plan continues).
"""

from __future__ import annotations

from hipback.knowledge.management.model import (
    ManagementItem,
    Position,
    advises,
    for_,
)
from hipback.knowledge.red_flags import LEVELS, RULE_BY_ID, RedFlagRule
from hipback.knowledge.references import reference

#: Which plan item each red-flag rule leads to.
RED_FLAG_ITEM: dict[str, str] = {
    "cauda_equina": "refer_cauda_equina",
    "mscc": "refer_spinal_malignancy",
    "progressive_neurology": "refer_progressive_neurology",
    "aortic_aneurysm": "refer_aortic_aneurysm",
    "major_trauma_fracture": "refer_fracture",
    "septic_arthritis": "refer_septic_arthritis",
    "spinal_metastasis": "refer_spinal_malignancy",
    "hot_swollen_joint": "refer_septic_arthritis",
    "spinal_infection": "refer_spinal_infection",
    "systemically_unwell": "refer_spinal_infection",
    "possible_malignancy": "refer_spinal_malignancy",
    "fragility_fracture": "refer_fracture",
    "inflammatory_back_pain": "refer_rheumatology",
    "fracture_risk": "medical_review",
    "fever_unexplained": "medical_review",
    "weight_loss_unexplained": "medical_review",
    "several_weak_flags": "medical_review",
    **{rule_id: "safety_netting" for rule_id in RULE_BY_ID if rule_id.endswith("_alone")},
}

#: Titles of the referral items.
_TITLES = {
    "refer_cauda_equina": "Refer: suspected cauda equina syndrome",
    "refer_spinal_malignancy": "Refer: suspected spinal malignancy",
    "refer_progressive_neurology": "Refer: progressive neurological deficit",
    "refer_aortic_aneurysm": "Refer: suspected abdominal aortic aneurysm",
    "refer_fracture": "Refer: suspected fracture",
    "refer_septic_arthritis": "Refer: suspected septic arthritis of the hip",
    "refer_spinal_infection": "Refer: suspected spinal infection",
    "refer_rheumatology": "Refer to rheumatology: possible axial spondyloarthritis",
    "medical_review": "Ask the GP for a medical review",
}

#: Graded guideline recommendations among the red-flag sources (NICE wording: "contact",
#: "refer" are firm recommendations); every other source (framework, review, pathway) only
#: advises, without a strength.
_GRADED = {
    "nice_cg75": "Contact the MSCC coordinator within 24 hours for cancer with spinal pain "
    "suggestive of metastases; immediately with neurological symptoms or signs",
    "nice_ng65": "Refer people with suspected axial spondyloarthritis to a rheumatologist "
    "when the criteria are met",
}
_TAG = {"found": "found", "secondary": "secondary"}


#: Sources cited for a rule whose wording the evidence review has not read in that source:
#: shown as "not verified", so they add no recommendation to the item's status.
_NOT_READ = {
    "nice_ng234": "Replaces CG75; the MSCC contact timings were read in CG75, not yet in "
    "NG234's own text",
}


def _position(key: str, rule: RedFlagRule) -> Position:
    if key in _NOT_READ:
        return Position(key, "not verified", "", _NOT_READ[key], "unverified")
    tag = _TAG.get(reference(key).status, "unverified")
    if key in _GRADED:
        return for_(key, _GRADED[key], tag=tag)
    return advises(key, f"{rule.condition}: {rule.rationale}", tag=tag)


def _referral_items() -> tuple[ManagementItem, ...]:
    rules_of: dict[str, list[RedFlagRule]] = {}
    for rule_id, item_id in RED_FLAG_ITEM.items():
        if item_id != "safety_netting":
            rules_of.setdefault(item_id, []).append(RULE_BY_ID[rule_id])
    items = []
    for item_id, rules in rules_of.items():
        rules.sort(key=lambda r: LEVELS.index(r.level))
        positions: dict[str, Position] = {}
        for rule in rules:
            for key in rule.sources:
                positions.setdefault(key, _position(key, rule))
        items.append(
            ManagementItem(
                item_id,
                _TITLES[item_id],
                "red flag",
                " ".join(dict.fromkeys(r.action for r in rules)),
                tuple(positions.values()),
                indication="Red flags: "
                + "; ".join(f"{r.condition.lower()} ({r.level})" for r in rules),
                urgency=rules[0].level,
            )
        )
    items.sort(key=lambda i: LEVELS.index(i.urgency or LEVELS[-1]))
    return tuple(items)


SAFETY_NETTING = ManagementItem(
    "safety_netting",
    "Safety-netting advice",
    "red flag",
    "Tell the person, in writing, which new symptoms need emergency help (bladder or bowel "
    "change, numbness in the saddle area) and which need help the same day (leg weakness "
    "that gets worse), and how to get it; for a weak red flag, ask the follow-up questions "
    "and re-check at every visit.",
    (
        advises(
            "nhs_pathway",
            "Cauda equina pathways: give written safety-netting advice to people at risk",
            tag="secondary",
        ),
        advises(
            "finucane2020",
            "Decide the action from the level of concern; with a low level of concern, "
            "monitor and safety-net",
        ),
        advises(
            "greenhalgh2018",
            "People at risk of cauda equina syndrome need clear safety-netting advice",
        ),
    ),
    indication="A red flag, a weak red flag to follow up, or leg symptoms that put the "
    "person at risk of cauda equina syndrome",
)

COMPLETE_RED_FLAG_SCREEN = ManagementItem(
    "complete_red_flag_screen",
    "Ask the red-flag questions not yet asked",
    "red flag",
    "Ask every red-flag question that has not been asked yet (bladder, bowel and saddle "
    "sensation, cancer history, weight loss, fever, trauma, night pain and the rest) before "
    "deciding on treatment.",
    (
        advises(
            "finucane2020",
            "Screen for red flags and decide the level of concern from them and the person's "
            "profile",
        ),
        advises(
            "nice_ng59",
            "1.1.1: think about alternative diagnoses and exclude specific causes (cancer, "
            "infection, trauma, inflammatory disease)",
        ),
    ),
    indication="Red-flag questions not yet asked",
)

ASSESS_FURTHER = ManagementItem(
    "assess_further",
    "Assess further before choosing treatment",
    "assessment",
    "The findings so far do not point clearly to the hip, the spine or both: complete the "
    "history and examination, starting with the questions that would change the decision "
    "most, then reason again before choosing treatment.",
    (
        advises(
            "buckland2017",
            "Review: tell hip from spine with history, examination, imaging where needed and "
            "diagnostic injections",
        ),
        advises(
            "nice_ng226",
            "1.1.1: a clinical diagnosis of OA needs age 45 or over, activity-related joint "
            "pain and morning stiffness of 30 minutes or less",
        ),
    ),
    indication="Undetermined: the evidence so far has not moved either question far enough",
)

#: Every safety and assess-further item, red-flag referrals first.
SAFETY_ITEMS: tuple[ManagementItem, ...] = (
    *_referral_items(),
    SAFETY_NETTING,
    COMPLETE_RED_FLAG_SCREEN,
    ASSESS_FURTHER,
)
