"""The named teaching cases the lessons share, and their plain-text views.

:data:`TEACHING_CASES` and :data:`MECHANISM_CASES` are presentations, not rules: every
label shown for them is computed by :func:`hipback.classify`. :func:`describe_case`,
:func:`compare_cases` and :func:`mechanism_example` put a case, a change to it and a
mechanism of the article into plain words for a lesson's output.
"""

from __future__ import annotations

from typing import Any

from hipback.case import FIELDS, GROUPS, Case
from hipback.errors import HipbackInputError
from hipback.knowledge.findings import FINDINGS, MECHANISMS
from hipback.reasoning import classify

#: Named cases the lessons share. They are presentations, not rules: every label
#: shown for them is computed by :func:`hipback.classify`.
TEACHING_CASES: dict[str, Case] = {
    "hip_driven": Case(
        age=67,
        sex="female",
        bmi=29.0,
        symptom_weeks=40,
        hip_oa_stage="moderate",
        pain_groin=True,
        pain_lower_back=True,
        worse_walking=True,
        worse_stairs=True,
        sitting_effect="eases",
        hip_rotation_limited=True,
        difficulty_shoes_socks=True,
        morning_stiffness_minutes=20,
    ),
    "spine_driven": Case(
        age=45,
        sex="male",
        bmi=26.0,
        symptom_weeks=8,
        hip_oa_stage="none",
        pain_lower_back=True,
        pain_buttock=True,
        pain_below_knee=True,
        worse_bending=True,
        worse_prolonged_sitting=True,
        sitting_effect="worsens",
        spine_stiffness_bending=True,
        numbness_tingling=True,
        positive_slr=True,
    ),
    "combined": Case(
        age=71,
        sex="male",
        bmi=31.0,
        symptom_weeks=60,
        hip_oa_stage="advanced",
        pain_groin=True,
        pain_lower_back=True,
        pain_below_knee=True,
        worse_stairs=True,
        worse_bending=True,
        hip_rotation_limited=True,
        difficulty_shoes_socks=True,
        spine_stiffness_bending=True,
        numbness_tingling=True,
        limp=True,
    ),
    "borderline": Case(
        age=62,
        sex="female",
        bmi=27.0,
        symptom_weeks=20,
        hip_oa_stage="unknown",
        pain_buttock=True,
        pain_anterior_thigh=True,
        worse_walking=True,
        worse_twisting=True,
        difficulty_crossing_legs=True,
        limp=True,
    ),
    "red_flag": Case(
        age=66,
        sex="female",
        symptom_weeks=6,
        hip_oa_stage="early",
        pain_groin=True,
        pain_lower_back=True,
        worse_stairs=True,
        hip_rotation_limited=True,
        history_of_cancer=True,
        night_pain=True,
    ),
}


#: One small case per mechanism of the article (keys of
#: :data:`hipback.knowledge.findings.MECHANISMS`), showing findings that mechanism explains. Most
#: read as "hip" (the back pain is the consequence); in pelvic imbalance the back has become a
#: source of its own ("combined") and in weak core and glutes the overworked back drives the
#: pain ("spine"), as lesson 01 says.
MECHANISM_CASES: dict[str, Case] = {
    "compensation": Case(
        age=66,
        sex="male",
        pain_groin=True,
        pain_lower_back=True,
        limp=True,
        hip_rotation_limited=True,
        worse_walking=True,
    ),
    "pelvic_imbalance": Case(  # combined: the unevenly loaded back is a source too
        age=64,
        sex="female",
        pain_groin=True,
        pain_buttock=True,
        pain_lower_back=True,
        pain_below_knee=True,
        hip_rotation_limited=True,
        spine_stiffness_bending=True,
        worse_bending=True,
        numbness_tingling=True,
        sitting_effect="eases",
    ),
    "shared_nerves": Case(
        age=70,
        sex="female",
        pain_groin=True,
        pain_anterior_thigh=True,
        pain_below_knee=True,
        hip_rotation_limited=True,
    ),
    "weak_core_glutes": Case(  # spine-driven: the overworked back is now the source
        age=61,
        sex="female",
        pain_lower_back=True,
        pain_buttock=True,
        limp=True,
        worse_bending=True,
        worse_prolonged_sitting=True,
        spine_stiffness_bending=True,
        sitting_effect="worsens",
    ),
    "referred_pain": Case(
        age=68,
        sex="male",
        pain_groin=True,
        pain_buttock=True,
        pain_knee=True,
        hip_rotation_limited=True,
        difficulty_shoes_socks=True,
        sitting_effect="eases",
    ),
}


def mechanism_example(key: str) -> str:
    """A mechanism in the kit's words, its example case, and how the kit reads the case.

    Examples
    --------
    >>> mechanism_example("compensation").splitlines()[0]
    'Altered movement and compensation.'
    """
    if key not in MECHANISM_CASES:
        raise HipbackInputError(
            f"key: {key!r} is not a mechanism; allowed: {', '.join(MECHANISM_CASES)}"
        )
    case = MECHANISM_CASES[key]
    r = classify(case)
    name = MECHANISMS[key].partition(":")[0]
    linked = [f.label.lower() for f in FINDINGS if f.mechanism == key and f.present(case)]
    lines = [f"{name}.", "Example: " + describe_case(case).replace("\n", " ")]
    if linked:
        lines.append(f"Findings this mechanism explains here: {', '.join(linked)}.")
    else:
        lines.append(
            "The case record has no test of this mechanism itself: it shows only through "
            "what it causes."
        )
    lines.append(
        f"The kit reads it as: {r.label} (hip source {_pct(r.probabilities['hip'])}, "
        f"spine source {_pct(r.probabilities['spine'])})."
    )
    return "\n".join(lines)


def teaching_case(name: str) -> Case:
    """One of :data:`TEACHING_CASES` by name.

    Examples
    --------
    >>> teaching_case("hip_driven").age
    67
    """
    if name not in TEACHING_CASES:
        raise HipbackInputError(
            f"name: {name!r} is not a teaching case; allowed: {', '.join(TEACHING_CASES)}"
        )
    return TEACHING_CASES[name]


def describe_case(case: Case) -> str:
    """A case as one plain-language line per group of findings.

    Examples
    --------
    >>> describe_case(Case(age=60, limp=True)).splitlines()[0]
    'Age 60, sex unspecified.'
    """
    head = [f"Age {case.age}, sex {case.sex}."]
    extra = []
    if case.bmi is not None:
        extra.append(f"BMI {case.bmi:g}")
    if case.symptom_weeks is not None:
        extra.append(f"symptoms for {case.symptom_weeks} weeks")
    if case.hip_oa_stage != "unknown":
        extra.append(f"hip OA stage on record: {case.hip_oa_stage}")
    if extra:
        head[0] = head[0][:-1] + ", " + ", ".join(extra) + "."
    lines = head
    for group in GROUPS[1:]:
        items = []
        for spec in FIELDS:
            if spec.group != group:
                continue
            value = getattr(case, spec.name)
            if spec.kind == "bool" and value:
                items.append(spec.label.lower())
            elif spec.name == "sitting_effect" and value != spec.default:
                items.append(f"sitting {value}")
            elif spec.name == "morning_stiffness_minutes" and value:
                items.append(f"morning stiffness {value} min")
        if items:
            lines.append(f"{group}: {'; '.join(items)}.")
    return "\n".join(lines)


def compare_cases(before: Case, after: Case) -> str:
    """What changed between two cases and how the reasoning moved (plain text).

    Examples
    --------
    >>> print(compare_cases(Case(age=60), Case(age=60, pain_groin=True)).splitlines()[0])
    Changed: pain in the groin: not asked → yes
    """
    changes = [
        change_words(name, getattr(before, name), getattr(after, name))
        for name, _ in before
        if getattr(before, name) != getattr(after, name)
    ]
    a, b = classify(before), classify(after)
    lines = [f"Changed: {'; '.join(changes) or 'nothing'}"]
    for tag, r in (("Before", a), ("After", b)):
        lines.append(
            f"{tag}: {r.label:<8} hip source {_pct(r.probabilities['hip'])}, "
            f"spine source {_pct(r.probabilities['spine'])}"
            + (f", URGENT ({r.urgency})" if r.urgent else "")
        )
    return "\n".join(lines)


def change_words(name: str, old: Any, new: Any) -> str:
    """One changed field in plain words: ``"numbness or tingling in the leg: no → yes"``.

    Examples
    --------
    >>> change_words("limp", True, False)
    'walks with a limp: yes → no'
    """
    spec = next((f for f in FIELDS if f.name == name), None)
    label = spec.label.lower() if spec is not None else name.replace("_", " ")

    def word(value: Any) -> str:
        if isinstance(value, bool):
            return "yes" if value else "no"
        if value is None:
            return "not asked"
        if spec is not None and spec.kind == "choice":
            return spec.choice_text(value)
        return str(value)

    return f"{label}: {word(old)} → {word(new)}"


def _pct(p: float) -> str:
    return f"{p:.0%}"
