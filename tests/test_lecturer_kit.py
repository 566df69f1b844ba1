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
