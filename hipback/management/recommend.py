"""The plan rules: :func:`recommend` turns a case and its reasoning into a :class:`Plan`.

1. **Red flags first, graded** (:func:`hipback.screening.screen`). ``emergency`` and
   ``urgent``: the plan is the referral each flag requires, most serious first, plus
   safety-netting, and nothing else. ``soon``: the referral (rheumatology, a medical
   review) comes first and the rest of the plan follows, except that a flag whose action
   asks for a review before loading exercise (fever) holds the items that load
   (``ManagementItem.loading``) until then. ``monitor``: safety-netting
   comes first, naming what to ask next, and the plan continues.
2. **The label picks the blocks.** ``hip`` gets the article's pillars as guidelines
   support them; ``spine`` the NICE NG59 essentials; ``combined`` an assessment item for
   each source, then both blocks; ``undetermined`` an "assess further" plan (what to
   assess next, from ``result.next_questions`` when the reasoning gives it), not a
   treatment plan.
3. **The case tailors each block.** Items are added, or left out with a stated reason,
   from the case's own fields: NICE NG226's three criteria for a clinical diagnosis (age,
   activity-related pain, morning stiffness), a limp (walking aid), BMI (weight advice
   only from :data:`OVERWEIGHT_BMI`), function for the hip-replacement option (NICE's
   "consider referring" when non-surgical care is ineffective or unsuitable, never on the
   X-ray alone and with no fixed trial length), radicular features (NSAIDs only an option
   for sciatica). Acceptable extras that no guideline requires are ``options``.
4. **Never against guidance.** Items whose status is "not recommended", "against
   guidance" or "guidelines disagree" are never recommended.

:func:`recommend_for_label` builds the plan for a given label (the quiz grades a
learner's plan against the plan for the case's true driver).

Educational use only: not medical advice, not for clinical decisions.
"""

from __future__ import annotations

from types import MappingProxyType
from typing import Any

from hipback.case import Case
from hipback.errors import HipbackInputError
from hipback.knowledge.findings import FINDING_BY_NAME
from hipback.knowledge.management import (
    FUNCTION_FIELDS,
    ITEM_BY_ID,
    NEVER_RECOMMENDED,
    NG226_CLINICAL_DIAGNOSIS_AGE,
    NG226_MORNING_STIFFNESS_MINUTES,
    OVERWEIGHT_BMI,
    RED_FLAG_ITEM,
)
from hipback.management.describe import (
    action_text,
    describe,
    finding_label,
    join,
    mechanism_text,
    next_questions_text,
)
from hipback.management.plan import LABEL_TEXT, Plan, PlanItem
from hipback.reasoning import Reasoning, classify
from hipback.screening import RedFlagHit, is_urgent, not_asked, screen

#: The labels a plan can be built for.
PLAN_LABELS: tuple[str, ...] = ("hip", "spine", "combined", "undetermined")
#: NICE NG226 1.1.1 "activity-related joint pain": the findings that record it.
ACTIVITY_FIELDS: tuple[str, ...] = ("worse_walking", "worse_stairs", "worse_sit_to_stand")
#: Radicular features (sciatica), for the NG59 2020 caveat on NSAIDs.
RADICULAR_FIELDS: tuple[str, ...] = (
    "positive_slr",
    "pain_below_knee",
    "dermatomal_sensory_loss",
    "myotomal_weakness",
)


class _Builder:
    """Collects plan items in order, with reasons for the ones left out."""

    def __init__(
        self, case: Case, result: Reasoning, label: str, hits: tuple[RedFlagHit, ...]
    ) -> None:
        self.case = case
        self.result = result
        self.label = label
        self.hits = hits
        self.items: dict[str, str] = {}
        self.options: dict[str, str] = {}
        self.reasons: dict[str, str] = {}
        self.notes: list[str] = []
        # Flags whose action asks for a medical review before loading exercise (fever):
        # red flags win, so the items that load, or only serve loading, wait for it.
        held_by = [h.label.lower() for h in hits if h.holds_loading]
        self.hold = (
            f"held until the medical review that the red flag asks for ({join(held_by)}): "
            if held_by
            else ""
        )
        self.held: list[str] = []

    def _held(self, item_id: str) -> bool:
        item = ITEM_BY_ID[item_id]
        if not self.hold or not (item.loading or item.lowers_fever):
            return False
        self.reasons[item_id] = self.hold + (
            "loading exercise, and the treatment that goes with it, waits for it"
            if item.loading
            else "the review decides, and meanwhile it could lower a fever and hide it"
        )
        if item_id not in self.held:
            self.held.append(item_id)
        return True

    def add(self, item_id: str, why: str) -> None:
        item = ITEM_BY_ID[item_id]
        # The guard that keeps against-guidance items out of every plan.
        if item.status in NEVER_RECOMMENDED:
            raise AssertionError(f"{item_id} is {item.status} and cannot be recommended")
        if self._held(item_id):
            return
        if item_id in self.items:
            if why not in self.items[item_id]:
                self.items[item_id] += f"; {why}"
            return
        self.options.pop(item_id, None)
        self.reasons.pop(item_id, None)
        self.items[item_id] = why

    def option(self, item_id: str, why: str) -> None:
        if item_id in self.items or item_id in self.options:
            return
        if ITEM_BY_ID[item_id].status in NEVER_RECOMMENDED:
            raise AssertionError(f"{item_id} cannot be an option")
        if self._held(item_id):
            return
        self.reasons.pop(item_id, None)
        self.options[item_id] = why

    def leave_out(self, item_id: str, reason: str) -> None:
        if item_id not in self.items and item_id not in self.options:
            self.reasons.setdefault(item_id, reason)

    # --- blocks ---------------------------------------------------------------------------

    def red_flags(self) -> None:
        """Red flags first, graded: referrals (most serious first), then safety-netting."""
        by_item: dict[str, list[RedFlagHit]] = {}
        for hit in self.hits:  # most serious first
            by_item.setdefault(RED_FLAG_ITEM[hit.flag], []).append(hit)
        for item_id, hits in by_item.items():
            if item_id == "safety_netting":
                continue
            why = "; ".join(f"{h.label.lower()} ({h.level}): {action_text(h)}" for h in hits)
            self.add(item_id, why)
        weak = by_item.get("safety_netting", [])
        asks = [finding_label(n) for h in weak for n in h.ask]
        why = (
            "; ".join(f"{h.label.lower()} (monitor): {action_text(h).rstrip('.')}" for h in weak)
            + (f"; not asked yet: {'; '.join(dict.fromkeys(asks))}" if asks else "")
            if weak
            else "until the red flag has been assessed, the person must know what to do if "
            "symptoms change"
        )
        self.add("safety_netting", why)
        if is_urgent(self.hits):
            self.notes.append(
                "Red flag present: exercise, advice and other referrals wait until the person "
                "has been medically cleared; then rebuild the plan."
            )
        elif self.hold:
            self.notes.append(
                "Red flag present: loading exercise, the treatment that goes with it and "
                "anti-inflammatory painkillers wait for the medical review; advice and "
                "education go ahead. Rebuild the plan after the review."
            )

    def assess_further(self) -> None:
        """The plan for an undetermined case: what to assess next, not a treatment plan."""
        questions = next_questions_text(self.result, self.case)
        self.add(
            "assess_further",
            "the evidence so far does not point clearly to the hip, the spine or both"
            + (f"; assess next: {'; '.join(questions)}" if questions else ""),
        )
        unasked = not_asked(self.case)
        if unasked:
            self.add(
                "complete_red_flag_screen",
                f"{len(unasked)} red-flag question(s) not asked yet: "
                + "; ".join(finding_label(n) for n in unasked[:5])
                + (" and the rest" if len(unasked) > 5 else ""),
            )
        self.safety_net(("numbness_tingling", "positive_slr", "pain_below_knee"))
        self.notes.append("No treatment plan yet: reason again once these findings are known.")

    def assessment(self) -> None:
        hip = [c.label.lower() for c in self.result.contributions if c.points > 0]
        spine = [c.label.lower() for c in self.result.contributions if c.points < 0]
        p = self.result.probabilities
        self.add(
            "assess_hip_source",
            f"hip source {p['hip']:.0%}"
            + (f" ({join(hip[:3])})" if hip else "")
            + ": find out how much the hip drives the pain",
        )
        self.add(
            "assess_spine_source",
            f"spine source {p['spine']:.0%}"
            + (f" ({join(spine[:3])})" if spine else "")
            + ": find out how much the spine drives the pain",
        )

    def hip(self) -> None:
        case = self.case
        self._imaging()
        back = (
            "; with low back pain, explain that a stiff hip makes the back work harder "
            f"{mechanism_text('compensation')} and that treating the hip often eases the back"
            if case.pain_lower_back
            else ""
        )
        nerves = describe(
            case, ("pain_anterior_thigh", "numbness_tingling", "pain_below_knee"), mechanism=False
        )
        nerve_text = (
            f"; {join(nerves)} can come from the hip too {mechanism_text('shared_nerves')}"
            if nerves
            else ""
        )
        what = "not OA: explain the likely hip problem" if case.hip_oa_stage == "none" else ""
        self.add(
            "oa_education",
            f"{LABEL_TEXT[self.label]}{' (' + what + ')' if what else ''}{back}{nerve_text}",
        )
        stiff = describe(
            case,
            (
                "hip_rotation_limited",
                "difficulty_crossing_legs",
                "difficulty_shoes_socks",
                "difficulty_car_transfer",
            ),
        )
        self.add(
            "hip_mobility_exercises",
            join(stiff) if stiff else "keeps the hip moving so the pelvis need not compensate",
        )
        # No guideline grades stretching on its own: acceptable within the exercise, not required.
        self.option(
            "hip_flexor_stretch",
            f"low back pain with a stiff hip {mechanism_text('pelvic_imbalance')}"
            if case.pain_lower_back
            else "keeps the hip straightening fully for walking "
            f"{mechanism_text('pelvic_imbalance')}",
        )
        weak = describe(case, ("limp", "pain_lower_back"), mechanism=False)
        self.add(
            "glute_core_strengthening",
            (join(weak) + ": " if weak else "")
            + "weak glutes and core leave the back to steady the pelvis "
            + mechanism_text("weak_core_glutes"),
        )
        self.add(
            "graded_squats",
            "getting up from a chair is painful: practise it, graded to comfort"
            if case.worse_sit_to_stand
            else "builds strength for standing up and stairs, graded to comfort",
        )
        walking = describe(case, ("worse_walking", "worse_stairs"), mechanism=False)
        self.add(
            "low_impact_activity",
            "exercise is core treatment for hip OA"
            + (f"; {join(walking)}: start with cycling or water exercise" if walking else ""),
        )
        self.option("tai_chi", "ACR 2019 strongly supports tai chi in hip OA")
        self._walking()
        self._weight()
        self.add(
            "oral_nsaid",
            "if hip pain limits exercise and a topical NSAID is ineffective or unsuitable "
            "(NICE NG226; for a joint as deep as the hip a topical NSAID is unlikely to "
            "reach it); the prescriber decides",
        )
        self._injection()
        self._replacement()

    def safety_net(self, names: tuple[str, ...]) -> None:
        """Safety-netting when leg symptoms put the person at risk of cauda equina syndrome."""
        leg = describe(self.case, names, mechanism=False)
        if leg:
            self.add(
                "safety_netting",
                f"leg symptoms ({join(leg)}): explain the warning signs of cauda equina syndrome",
            )
        else:
            self.leave_out("safety_netting", "no red flags and no leg nerve symptoms recorded")

    def _imaging(self) -> None:
        """NICE NG226 1.1.1-1.1.2: a clinical diagnosis needs all three criteria.

        Being under 45, or pain not related to activity, only puts a person outside 1.1.1's
        clinical diagnosis; a 1.1.2 atypical feature (here: long morning stiffness) suggests
        another diagnosis, and hip OA recorded as absent rules OA out. In each case OA is not
        assumed, and if imaging is needed, an X-ray comes first.
        """
        case = self.case
        stiffness = case.morning_stiffness_minutes  # None: not asked (case record v2)
        outside = []  # NG226 1.1.1 not met
        atypical = []  # NG226 1.1.2 atypical features
        if case.age < NG226_CLINICAL_DIAGNOSIS_AGE:
            outside.append(f"age {case.age} (under {NG226_CLINICAL_DIAGNOSIS_AGE})")
        if stiffness is not None and stiffness > NG226_MORNING_STIFFNESS_MINUTES:
            atypical.append(
                f"morning stiffness {stiffness} min (over {NG226_MORNING_STIFFNESS_MINUTES})"
            )
        other = []  # neither rule: OA itself is recorded as absent
        if case.hip_oa_stage == "none":
            other.append("hip OA recorded as absent, so another hip cause is likely")
        activity = describe(case, ACTIVITY_FIELDS, mechanism=False)
        no_activity_pain = not activity and all(
            getattr(case, n, None) is False for n in ACTIVITY_FIELDS
        )
        if no_activity_pain:
            outside.append("no activity-related pain recorded")
        if outside or atypical or other:
            why = "; ".join(
                (
                    [f"outside NICE's clinical diagnosis of OA (NG226 1.1.1): {join(outside)}"]
                    if outside
                    else []
                )
                + ([f"atypical for OA (NG226 1.1.2): {join(atypical)}"] if atypical else [])
                + other
            )
            self.add(
                "xray_first_if_needed",
                f"{why}; do not assume OA, and if imaging is needed, X-ray first",
            )
            self.leave_out(
                "diagnose_clinically",
                f"{join(outside + atypical + other)}: NICE's clinical diagnosis rule (age "
                f"{NG226_CLINICAL_DIAGNOSIS_AGE} or over, activity-related pain, morning "
                f"stiffness {NG226_MORNING_STIFFNESS_MINUTES} minutes or less, nothing "
                "atypical) does not apply",
            )
        elif not activity or stiffness is None:
            unknown = ([] if activity else ["whether the pain comes with activity"]) + (
                ["how long morning stiffness lasts"] if stiffness is None else []
            )
            self.leave_out(
                "diagnose_clinically",
                f"not yet known: {join(unknown)}; NICE NG226 1.1.1 needs all three criteria",
            )
            self.leave_out("xray_first_if_needed", "no atypical feature recorded")
            self.notes.append(
                f"Before diagnosing hip OA clinically, ask {join(unknown)} (NICE NG226 1.1.1)."
            )
        else:
            self.add(
                "diagnose_clinically",
                f"age {case.age} ({NG226_CLINICAL_DIAGNOSIS_AGE} or over), activity-related "
                f"pain ({join(activity)}), morning stiffness {stiffness} min "
                f"({NG226_MORNING_STIFFNESS_MINUTES} or less): NICE NG226 criteria for a "
                "clinical diagnosis",
            )
            self.leave_out(
                "xray_first_if_needed",
                "the presentation is typical of OA, so no imaging is needed",
            )
        if stiffness is not None and stiffness > NG226_MORNING_STIFFNESS_MINUTES:
            self.add(
                "check_inflammatory_cause",
                f"morning stiffness {stiffness} min (over "
                f"{NG226_MORNING_STIFFNESS_MINUTES}): atypical for OA",
            )
        else:
            self.leave_out(
                "check_inflammatory_cause",
                f"morning stiffness is not recorded as over {NG226_MORNING_STIFFNESS_MINUTES} "
                "minutes",
            )

    def _walking(self) -> None:
        case = self.case
        if case.limp:
            limp = f"limp {mechanism_text('compensation')}"
            self.add("walking_aid", f"{limp}: a stick unloads the hip")
            # Not a guideline category: an acceptable part of exercise, not required.
            self.option("walking_mechanics", f"{limp}: uneven loading strains the back")
            return
        self.leave_out(
            "walking_aid", "no limp recorded: a walking aid is for when hip pain affects walking"
        )
        if case.worse_walking:
            self.option("walking_mechanics", f"worse when walking {mechanism_text('compensation')}")
        else:
            self.leave_out(
                "walking_mechanics", "no limp or walking pain recorded: gait is not the issue"
            )

    def _weight(self) -> None:
        bmi = self.case.bmi
        if bmi is None:
            self.add("check_bmi", "BMI not recorded: check BMI before advising on weight")
            self.leave_out("weight_management", "BMI not recorded: check BMI first")
        elif bmi >= OVERWEIGHT_BMI:
            self.add(
                "weight_management",
                f"BMI {bmi:g} ({OVERWEIGHT_BMI:g} or more): NICE NG226 and ACR 2019 support "
                "weight loss",
            )
            self.leave_out("check_bmi", "BMI is already recorded")
        else:
            self.leave_out(
                "weight_management",
                f"BMI {bmi:g} is under {OVERWEIGHT_BMI:g}: weight-loss advice is not indicated",
            )
            self.leave_out("check_bmi", "BMI is already recorded")

    def _injection(self) -> None:
        stage = self.case.hip_oa_stage
        if stage in ("moderate", "advanced"):
            self.option(
                "ia_corticosteroid",
                f"{stage} hip OA: if pain stops exercise, short-term relief to support it",
            )
        else:
            self.leave_out(
                "ia_corticosteroid",
                f"hip OA stage '{stage}': an injection is an option only when moderate or "
                "advanced OA pain stops exercise",
            )

    def _replacement(self) -> None:
        case = self.case
        stage = case.hip_oa_stage
        limits = [
            FINDING_BY_NAME[name].label.lower() for name in FUNCTION_FIELDS if getattr(case, name)
        ]
        if stage == "none":
            self.leave_out("refer_hip_replacement", "no hip OA recorded (stage 'none')")
            return
        substantial = len(limits) >= 2 or (stage == "advanced" and len(limits) >= 1)
        if not substantial:
            if stage == "advanced":
                reason = (
                    "stage 'advanced' on its own does not justify referral: NICE judges it on "
                    "symptoms and function, not the X-ray, and no functional limitation is "
                    "recorded"
                )
            else:
                reason = (
                    "function is not yet substantially limited"
                    + (f" (only {join(limits)})" if limits else "")
                    + ": NICE bases referral on symptoms and function"
                )
            self.leave_out("refer_hip_replacement", reason)
            return
        basis = (f"{stage} hip OA with " if stage == "advanced" else "") + join(limits)
        spine = (
            "; a co-existing spine problem means back pain may persist afterwards"
            if self.label == "combined"
            else ""
        )
        # NICE names no trial length: non-surgical care comes first in the plan, and the
        # referral is an option to take up when it proves ineffective or unsuitable.
        self.option(
            "refer_hip_replacement",
            f"{basis}: symptoms substantially limit function; NICE: consider referring when "
            f"non-surgical care is ineffective or unsuitable (no fixed trial length){spine}",
        )
        self.notes.append(
            "Review for hip-replacement referral if function stays substantially limited and "
            "non-surgical care has not helped or does not suit the person; NICE names no "
            "fixed length of trial."
        )

    def spine(self) -> None:
        case = self.case
        self.add("back_self_management", f"{LABEL_TEXT[self.label]}: NG59 first step")
        self.add("stay_active", "NG59: encourage the person to continue normal activities")
        self.add("start_back_stratification", "matches the amount of treatment to the risk")
        back = describe(
            case, ("worse_bending", "worse_twisting", "spine_stiffness_bending"), mechanism=False
        )
        self.add(
            "ng59_exercise_programme",
            "core NG59 treatment" + (f" for {join(back)}" if back else ""),
        )
        self.add("spinal_manual_therapy", "only together with the exercise programme")
        radicular = describe(case, RADICULAR_FIELDS, mechanism=False)
        if radicular:
            self.option(
                "oral_nsaid",
                f"{join(radicular)}: for sciatica NICE NG59 (2020) found too little evidence "
                "for or against NSAIDs; if used, weigh the risks (the prescriber decides)",
            )
        else:
            self.add("oral_nsaid", "NG59: consider for back pain (the prescriber decides)")
        self.add(
            "no_routine_spine_imaging",
            "no red flag that calls for imaging: it would not change management",
        )
        self.add("ng59_avoid_list", "so the person does not spend effort on what does not help")
        stiffness = case.morning_stiffness_minutes
        if stiffness is not None and stiffness > NG226_MORNING_STIFFNESS_MINUTES:
            self.add(
                "check_inflammatory_cause",
                f"morning stiffness {stiffness} min: ask about inflammatory back pain (NICE "
                "NG65 features)",
            )
        self.option("yoga", "a mind-body option within NG59's group exercise")
        self.option("tai_chi", "a mind-body option within NG59's group exercise")
        self.safety_net(("numbness_tingling", "positive_slr", "pain_below_knee"))
        stage = case.hip_oa_stage
        if self.label == "spine" and stage in ("moderate", "advanced"):
            self.notes.append(
                f"Hip OA is recorded ({stage}) but the hip does not look like the pain driver: "
                "X-ray changes and pain often disagree (Kim 2015), so treat the back first and "
                "reassess the hip if the pain does not settle."
            )
        if self.label == "spine":
            self.leave_out(
                "refer_hip_replacement",
                "spine-driven pain: the hip is not the pain driver, so hip surgery would not be "
                "expected to help (the 'misdiagnosed' hip-spine pattern)",
            )
            self.leave_out(
                "weight_management",
                "NG59 makes no weight recommendation for back pain; weight advice belongs to "
                "the OA guidelines",
            )


def _checked(case: Any, result: Any) -> Reasoning:
    if not isinstance(case, Case):
        raise HipbackInputError(
            f"case: {type(case).__name__} is not allowed; allowed: a hipback.Case"
        )
    if result is None:
        return classify(case)
    if not isinstance(result, Reasoning):
        raise HipbackInputError(
            f"result: {type(result).__name__} is not allowed; allowed: the Reasoning from "
            "hipback.classify(case), or None"
        )
    if result.case != case:
        raise HipbackInputError(
            "result: it was computed for a different case; allowed: classify(case) of this "
            "case, or None"
        )
    return result


def _build(case: Case, result: Reasoning, label: str) -> Plan:
    hits = screen(case)
    b = _Builder(case, result, label, hits)
    if hits:
        b.red_flags()
    if not is_urgent(hits):
        if label == "undetermined":
            b.assess_further()
        else:
            if label == "combined":
                b.assessment()
            if label in ("hip", "combined"):
                b.hip()
            if label in ("spine", "combined"):
                b.spine()
            else:
                b.safety_net(("numbness_tingling", "positive_slr"))
    items = tuple(PlanItem(ITEM_BY_ID[i], why, n) for n, (i, why) in enumerate(b.items.items(), 1))
    options = tuple(
        PlanItem(ITEM_BY_ID[i], why, len(items) + n)
        for n, (i, why) in enumerate(b.options.items(), 1)
    )
    return Plan(
        items=items,
        options=options,
        label=label,
        urgent=is_urgent(hits),
        notes=tuple(dict.fromkeys(b.notes)),
        reasons=MappingProxyType(dict(b.reasons)),
        result=result,
        red_flags=hits,
        held=tuple(b.held),
    )


def recommend(case: Case, result: Reasoning | None = None) -> Plan:
    """The recommended management plan for a case: red flags first, then tailored care.

    Parameters
    ----------
    case : Case
        The presentation.
    result : Reasoning, optional
        The reasoning for this case; defaults to ``classify(case)``. Its label picks
        the plan.

    Returns
    -------
    Plan
        Ordered, immutable; ``plan.ids`` lists the item ids, ``str(plan)``
        prints it with the disclaimer.

    Examples
    --------
    >>> from hipback import Case
    >>> plan = recommend(Case(age=67, bmi=31.0, pain_groin=True, hip_rotation_limited=True,
    ...                       worse_walking=True))
    >>> plan.label, plan.urgent
    ('hip', False)
    >>> "weight_management" in plan, "prp_injection" in plan
    (True, False)
    >>> plan[0].id
    'diagnose_clinically'
    >>> recommend(Case(age=60, saddle_anaesthesia=True, pain_groin=True)).ids
    ('refer_cauda_equina', 'safety_netting')
    """
    result = _checked(case, result)
    return _build(case, result, result.label)


def recommend_for_label(case: Case, label: str, result: Reasoning | None = None) -> Plan:
    """The plan for a case as if its pain driver were ``label`` (red flags still first).

    The quiz grades a learner's plan against the plan for the case's true driver, which
    may differ from the kit's reasoning.

    Parameters
    ----------
    case : Case
        The presentation.
    label : str
        "hip", "spine", "combined" or "undetermined".
    result : Reasoning, optional
        The reasoning for this case (for the probabilities shown); defaults to
        ``classify(case)``.

    Examples
    --------
    >>> from hipback import Case
    >>> case = Case(age=45, pain_lower_back=True, worse_bending=True)
    >>> recommend_for_label(case, "spine").label
    'spine'
    >>> "hip_mobility_exercises" in recommend_for_label(case, "hip")
    True
    """
    if label not in PLAN_LABELS:
        raise HipbackInputError(
            f"label: {label!r} is not allowed; allowed: " + ", ".join(map(repr, PLAN_LABELS))
        )
    result = _checked(case, result)
    return _build(case, result, label)
