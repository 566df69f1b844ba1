"""The lecturer's kit: model answers for every prompt, 90- and 60-minute plans with
roles and a debrief, and lesson 07 showing them. Oracle: hipback/teaching/lecturer.yaml."""

from __future__ import annotations

import json
from pathlib import Path

from hipback.teaching import questions

ROOT = Path(__file__).resolve().parent.parent


def test_every_prompt_has_a_model_answer():
    prompts = questions.prompts()
    assert len(prompts) >= 10
    for p in prompts:
        assert p.prompt.strip() and len(p.model_answer) > 60, p.prompt


def test_plans_add_up_and_have_roles_and_a_debrief():
    assert sorted(questions.plan_lengths()) == [60, 90]
    for minutes in questions.plan_lengths():
        plan = questions.session_plan(minutes)
        assert int(plan["Minutes"].sum()) == minutes
        assert plan["What happens"].str.contains("Debrief").any()
    assert len(questions.group_roles()) == 4
    assert len(questions.debrief()) >= 2


def test_lesson_07_shows_the_kit_and_the_answer_key_has_the_model_answers():
    nb = json.loads((ROOT / "notebooks" / "07_lecturer_guide.ipynb").read_text(encoding="utf-8"))
    out = "\n".join(
        "".join(o.get("text", "")) + "".join(o.get("data", {}).get("text/plain", ""))
        for c in nb["cells"]
        for o in c.get("outputs", [])
    )
    for p in questions.prompts():
        assert p.model_answer[:50] in out
    code = "\n".join("".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "code")
    assert "session_plan(60)" in code and "group_roles()" in code
    key = (ROOT / "notebooks" / "handouts" / "session_answer_key.md").read_text(encoding="utf-8")
    assert "Session plan (60 minutes)" in key and "Model answer" in key


def _moves(case, change):
    from hipback import classify

    before, after = classify(case).probabilities, classify(case.replace(**change)).probabilities
    return sum(abs(after[q] - before[q]) for q in ("hip", "spine"))


def test_lesson_03_s_model_answer_names_the_changes_that_move_the_borderline_case_most():
    # The key says: symptoms in both legs or easing on bending forward move it most (to
    # combined); no groin pain most the other way; worse on sitting moves both, less far.
    from hipback import classify
    from hipback.case import FIELDS
    from hipback.teaching.lessons import TEACHING_CASES

    case = TEACHING_CASES["borderline"]
    answer = questions.prompts(3)[0]
    assert "borderline case the most" in answer.prompt
    changes = [
        {spec.name: value}
        for spec in FIELDS
        if spec.kind == "bool" and getattr(case, spec.name) is None
        for value in (True, False)
    ] + [{"sitting_effect": value} for value in ("eases", "worsens", "no_change")]
    ranked = sorted(changes, key=lambda change: -_moves(case, change))
    top = [next(iter(c.items())) for c in ranked[:3]]
    assert set(top[:2]) == {("bilateral_leg_symptoms", True), ("eased_by_bending_forward", True)}
    assert top[2] == ("pain_groin", False)
    for change in ({"bilateral_leg_symptoms": True}, {"eased_by_bending_forward": True}):
        assert classify(case.replace(**change)).label == "combined"
    sitting = classify(case.replace(sitting_effect="worsens")).probabilities
    base = classify(case).probabilities
    assert sitting["hip"] < base["hip"] and sitting["spine"] > base["spine"]
    assert _moves(case, {"sitting_effect": "worsens"}) < _moves(case, {"pain_groin": False})
    for words in ("both legs", "bending forward", "no groin pain", "made worse by sitting"):
        assert words in answer.model_answer


def test_lesson_02_s_prompt_is_right_that_groin_pain_is_the_strongest_hip_clue_to_ask():
    from hipback.knowledge.findings import FINDINGS
    from hipback.reasoning import ASKABLE

    assert "strongest hip clue you can ask about" in questions.prompts(2)[0].prompt
    askable = {getattr(a, "field", a) for a in ASKABLE}
    hip_points = {
        f.name: f.evidence("hip", True).points
        for f in FINDINGS
        if f.field in askable and f.evidence("hip", True) is not None
    }
    assert max(hip_points, key=hip_points.get) == "pain_groin"
    xray = next(f for f in FINDINGS if f.name == "xray_hip_oa")
    assert (
        xray.field not in askable and xray.evidence("hip", True).points > hip_points["pain_groin"]
    )


def test_lesson_01_s_model_answer_does_not_say_the_hip_refers_pain_to_the_back():
    # The kit's mechanism text (Lesher 2008): no referral from the hip to the lower back.
    from hipback.knowledge.findings import MECHANISMS

    assert "no referral to the lower back" in MECHANISMS["referred_pain"]
    answer = questions.prompts(1)[1].model_answer
    assert "refer pain to it" not in answer and "makes the back work harder" in answer


def test_lesson_02_s_key_on_the_starting_point_holds_for_the_hip_driven_case():
    from hipback import classify
    from hipback.teaching.lessons import TEACHING_CASES

    case = TEACHING_CASES["hip_driven"]
    assert "a little over 40% instead of 25%" in questions.prompts(2)[2].model_answer
    assert classify(case).label == "hip"
    assert classify(case, pretest={"hip": 0.4, "spine": 0.41}).label == "combined"
    assert classify(case, pretest={"hip": 0.4, "spine": 0.38}).label == "hip"
