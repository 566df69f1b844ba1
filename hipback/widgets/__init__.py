"""ipywidgets apps: the case explorer, the plan builder and the quiz.

Each function returns a widget (display it as the last line of a cell) whose
attributes let a test or a lesson drive it without a browser, e.g.
``explorer.controls["pain_groin"].value = True`` then ``explorer.result``.
Callbacks never print: they update HTML widgets and figures in place.
"""

from hipback.widgets.explorer import CaseExplorer, case_explorer
from hipback.widgets.plan_builder import PlanBuilder, plan_builder
from hipback.widgets.quiz import Quiz, QuizAnswer, practice, quiz

__all__ = [
    "CaseExplorer",
    "PlanBuilder",
    "Quiz",
    "QuizAnswer",
    "case_explorer",
    "plan_builder",
    "practice",
    "quiz",
]

from hipback.widgets.selfcheck import SelfCheck, predict, progress_summary, self_check  # noqa: E402

__all__ += ["SelfCheck", "predict", "progress_summary", "self_check"]
