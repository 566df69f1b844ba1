"""The lessons' questions: end-of-lesson self-checks, discussion prompts, the session plan
and the lecturer's handouts.

Questions are data, computed on call so that any number they quote is the one
currently in the knowledge modules (findings, red flags, management). Options
that depend on the model (for example "which two changes make this case
spine-driven?") are marked right or wrong by running :func:`hipback.classify`,
never by hand. :mod:`hipback.teaching.lessons` renders them
(:func:`hipback.teaching.lessons.self_check`) and re-exports the names below.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from html import escape
from typing import TYPE_CHECKING, Any

from hipback.case import Case
from hipback.knowledge.findings import FINDING_BY_NAME, MECHANISMS, PRETEST
from hipback.knowledge.red_flags import RED_FLAG_BY_NAME
from hipback.reasoning import DISCLAIMER, classify
from hipback.teaching.lessons import (
    _LETTERS,
    LESSONS,
    Option,
    Question,
    _pct,
    describe_case,
    teaching_case,
)
from hipback.teaching.views import finding_note

if TYPE_CHECKING:
    import pandas as pd


# --- the self-check questions --------------------------------------------------------------


#: The candidate pairs of changes offered in lesson 03's "make it spine-driven" question,
#: applied to ``TEACHING_CASES["borderline"]``. Whether each is right is computed.
FLIP_CHOICES: tuple[dict[str, Any], ...] = (
    {"sitting_effect": "worsens", "numbness_tingling": True},
    {"limp": False, "pain_buttock": False},
    {"pain_lower_back": True, "numbness_tingling": True},
)


def _flip_option(base: Case, changes: Mapping[str, Any], target: str) -> Option:
    """An option "change these findings"; right when the label becomes ``target``."""
    after = classify(base.replace(**changes))
    words = [
        (FINDING_BY_NAME[k].label if k in FINDING_BY_NAME else k.replace("_", " "))
        + (" added" if v else " removed")
        if isinstance(v, bool)
        else FINDING_BY_NAME.get(f"sitting_{v}", FINDING_BY_NAME["sitting_eases"]).label
        if k == "sitting_effect"
        else f"{k.replace('_', ' ')} -> {v}"
        for k, v in changes.items()
    ]
    p = after.probabilities
    why = (
        f"With this change the hip source is {_pct(p['hip'])} and the spine source "
        f"{_pct(p['spine'])}, so the label is '{after.label}'."
    )
    return Option("; ".join(words), after.label == target, why)


def _checks_00() -> list[Question]:
    r = classify(teaching_case("hip_driven"))
    top = r.contributions[0]
    return [
        Question(
            "What may the kit's output be used for?",
            (
                Option(
                    "Deciding a real patient's treatment.",
                    False,
                    "The kit is a teaching tool: its cases are synthetic and several of "
                    "its numbers are teaching estimates. " + DISCLAIMER,
                ),
                Option(
                    "Practising clinical reasoning on made-up cases.",
                    True,
                    "That is exactly its purpose: every number is shown with its source "
                    "so you can question it.",
                ),
            ),
        ),
        Question(
            "In the printout for the first teaching case, which finding moved the reasoning most?",
            (
                Option(
                    top.label,
                    True,
                    f"It carries {top.points:+.1f} points, the largest in the list; the "
                    "findings are sorted by the size of their effect.",
                ),
                Option(
                    "The patient's age",
                    False,
                    "Age is not scored: the studies behind age compare one diagnosis with "
                    "other pain in the same region, not hip with spine.",
                ),
            ),
        ),
        Question(
            "The printout says 'pre-test' and 'post-test'. What is the difference?",
            (
                Option(
                    "Pre-test is before the findings are counted; post-test is after.",
                    True,
                    "The kit starts each question from a published or stated starting "
                    "probability and moves it with each finding.",
                ),
                Option(
                    "Pre-test is the first visit, post-test the follow-up.",
                    False,
                    "Both numbers describe the same visit: before and after weighing the findings.",
                ),
            ),
        ),
    ]


def _checks_01() -> list[Question]:
    nerves = MECHANISMS["shared_nerves"].partition(":")[0]
    referred = MECHANISMS["referred_pain"].partition(":")[0]
    return [
        Question(
            "A patient with hip osteoarthritis has numbness and pain down the back of the "
            "thigh. Which mechanism could explain a hip causing leg symptoms like sciatica?",
            (
                Option(
                    nerves,
                    True,
                    "The hip joint and the lower back are supplied by nerves from the same "
                    "network (the lumbar plexus), so irritation can be felt along those "
                    "nerves. True nerve-root signs still point to the spine.",
                ),
                Option(
                    "Weak core and glutes",
                    False,
                    "Weak muscles add load and fatigue to the back; they do not send pain "
                    "down a nerve.",
                ),
            ),
        ),
        Question(
            "Which of these is a typical hip osteoarthritis symptom rather than a spinal one?",
            (
                Option(
                    "Difficulty putting on shoes and socks",
                    True,
                    "It needs hip bending and rotation, the movements osteoarthritis limits first.",
                ),
                Option(
                    "Pain that is worse when bending forward",
                    False,
                    "The article lists bending among the things that aggravate spinal pain.",
                ),
            ),
        ),
        Question(
            "Pain is felt in the lower back although the problem is in the hip. What is "
            "this called?",
            (
                Option(
                    "Referred pain",
                    True,
                    f"{referred}: the brain places the pain where the nerves from the "
                    "two regions meet, not where the tissue is damaged.",
                ),
                Option(
                    "Pelvic imbalance",
                    False,
                    "Pelvic imbalance is a mechanical cause: a tilted pelvis loads the "
                    "back unevenly. It is real back strain, not misplaced pain.",
                ),
            ),
        ),
    ]


def _checks_02() -> list[Question]:
    groin = FINDING_BY_NAME["pain_groin"]
    knee = FINDING_BY_NAME["pain_below_knee"]
    seated = FINDING_BY_NAME["sitting_eases"]
    pre = PRETEST["hip"].probability
    from hipback.reasoning import post_test_probability

    after = post_test_probability(pre, groin.hip.lr)
    return [
        Question(
            f"Groin pain has a likelihood ratio (LR) of {groin.hip.lr:.2f} for a hip source "
            f"({groin.hip.citation}). Starting from {_pct(pre)} ({PRETEST['hip'].citation}), "
            "where do you end up?",
            (
                Option(
                    f"About {_pct(after)}",
                    True,
                    f"Odds {pre:.2f}/{1 - pre:.2f} times {groin.hip.lr:.2f} give a "
                    f"probability of {_pct(after)}: more likely, but far from certain.",
                ),
                Option(
                    f"About {_pct(min(pre * groin.hip.lr, 0.99))}",
                    False,
                    "An LR multiplies the odds, not the probability; multiplying the "
                    "probability overshoots.",
                ),
                Option(
                    "Certain: groin pain means hip",
                    False,
                    "No single finding here has an LR large enough to make anything certain.",
                ),
            ),
        ),
        Question(
            "A patient has pain below the knee. Does that rule the hip out?",
            (
                Option("No", True, finding_note(knee.name, "hip")),
                Option("Yes, hip pain never goes below the knee", False, knee.caveat),
            ),
        ),
        Question(
            "The article says hip pain is often eased by sitting. Why does the kit give "
            "that finding no weight for the spine question?",
            (
                Option("Because spinal stenosis is also eased by sitting", True, seated.caveat),
                Option(
                    "Because sitting is never reported",
                    False,
                    "Patients report it often; the problem is that it does not separate "
                    "the two sources.",
                ),
            ),
        ),
    ]


def _checks_03() -> list[Question]:
    base = teaching_case("borderline")
    start = classify(base)
    flag = RED_FLAG_BY_NAME["saddle_anaesthesia"]
    return [
        Question(
            f"The borderline case starts as '{start.label}'. Which two changes make it "
            "spine-driven?",
            tuple(_flip_option(base, changes, "spine") for changes in FLIP_CHOICES),
        ),
        Question(
            "You add numbness in the saddle area to a clearly hip-driven case. What happens?",
            (
                Option(
                    "The case becomes urgent whatever the hip score",
                    True,
                    f"{flag.label} screens for {flag.condition.lower()}. {flag.action}",
                ),
                Option(
                    "The hip probability falls",
                    False,
                    "Red flags are screened apart from the two probabilities: they do not "
                    "change them, they override them.",
                ),
            ),
        ),
        Question(
            "Why does adding 'worse when walking' to a case that already has 'worse on "
            "stairs' barely change the hip probability?",
            (
                Option(
                    "Both measure pain on weight-bearing, so the kit counts that once",
                    True,
                    "Findings that measure one thing (a construct) are counted once, "
                    "using the strongest; counting both would double the evidence.",
                ),
                Option(
                    "Walking pain favours the spine", False, finding_note("worse_walking", "spine")
                ),
            ),
        ),
    ]


def _management_questions() -> list[Question]:
    from hipback.management import ITEM_BY_ID

    prp, stem = ITEM_BY_ID["prp_injection"], ITEM_BY_ID["stem_cell_injection"]
    imaging = ITEM_BY_ID["routine_imaging_to_confirm"]
    clinical = ITEM_BY_ID["diagnose_clinically"]
    extras = [ITEM_BY_ID[k] for k in ("turmeric", "omega3_supplement", "hydration")]
    return [
        Question(
            "The article suggests platelet-rich plasma (PRP) or stem-cell injections for "
            "early to moderate arthritis. Where do the guidelines stand?",
            (
                Option(
                    f"PRP: {prp.status}; stem cells: {stem.status}",
                    True,
                    f"{prp.beyond_guidelines} {stem.beyond_guidelines}",
                ),
                Option(
                    "Both are first-line treatments",
                    False,
                    "First-line care is exercise, weight loss where it applies, and "
                    f"information and support. PRP: {prp.guideline_summary}.",
                ),
            ),
        ),
        Question(
            "Should a typical case of hip osteoarthritis have an X-ray to confirm it?",
            (
                Option(
                    "Usually not: it is diagnosed clinically",
                    True,
                    f"{clinical.title}: {clinical.guideline_summary}. {imaging.beyond_guidelines}",
                ),
                Option(
                    "Yes: the X-ray shows whether the hip is the pain source",
                    False,
                    " ".join(f"{e.text} ({e.citation})." for e in imaging.evidence)
                    + " A picture cannot show which joint hurts.",
                ),
            ),
        ),
        Question(
            "Turmeric, omega-3 and drinking more water: treatments for hip OA?",
            (
                Option(
                    "No: general health advice at most, not OA treatment",
                    True,
                    " ".join(f"{i.title} [{i.status}]: {i.beyond_guidelines}" for i in extras),
                ),
                Option(
                    "Yes, the guidelines recommend them",
                    False,
                    "; ".join(f"{i.title}: {i.guideline_summary}" for i in extras) + ".",
                ),
            ),
        ),
    ]


def _checks_05() -> list[Question]:
    return [
        Question(
            "A case story mentions a past history of cancer and new back pain at night. "
            "What comes first?",
            (
                Option(
                    "The red-flag action, before any hip-or-spine reasoning",
                    True,
                    f"{RED_FLAG_BY_NAME['history_of_cancer'].action} "
                    f"({RED_FLAG_BY_NAME['history_of_cancer'].citation})",
                ),
                Option(
                    "Decide hip or spine, then consider the history",
                    False,
                    "Red flags always win: the referral cannot wait for the reasoning.",
                ),
            ),
        ),
        Question(
            "Your answer was 'hip' and the feedback says 'combined'. What does that mean?",
            (
                Option(
                    "Both the hip and the spine questions passed the threshold",
                    True,
                    "Combined means strong evidence for both sources at once; both need "
                    "assessment and treatment (Offierski & MacNab's complex hip-spine "
                    "syndrome).",
                ),
                Option(
                    "The kit could not decide",
                    False,
                    "Combined is a finding in its own right, not a failure to decide.",
                ),
            ),
        ),
    ]


def _checks_06() -> list[Question]:
    return [
        Question(
            "The model adds up findings as if each were new evidence. What happens when "
            "findings travel together (for example, because both follow severity)?",
            (
                Option(
                    "It becomes over-confident: probabilities near 0% or 100% are "
                    "right less often than they claim",
                    True,
                    "Correlated findings carry less new information than their LRs "
                    "assume, so their sum overstates the evidence. A calibration chart "
                    "shows it as points below the diagonal at the high end.",
                ),
                Option(
                    "It becomes under-confident",
                    False,
                    "Counting the same evidence twice pushes probabilities outward, not "
                    "toward the middle.",
                ),
            ),
        ),
        Question(
            "Why is the synthetic cohort generated with its own parameters rather than "
            "the model's LRs?",
            (
                Option(
                    "So the model is not graded on data built from its own assumptions",
                    True,
                    "A model tested on data drawn from itself looks perfect by "
                    "construction; separate parameters with correlation and noise make "
                    "the test honest.",
                ),
                Option(
                    "To make the cohort more realistic than real patients",
                    False,
                    "Synthetic data are never more realistic than patients; they are "
                    "reproducible and safe to share.",
                ),
            ),
        ),
    ]


def _checks_07() -> list[Question]:
    return [
        Question(
            "Students will use the case explorer as an app. Where should their tasks be?",
            (
                Option(
                    "On the printed question handout",
                    True,
                    "Learners using an app should not need to read instructions inside "
                    "a notebook; the handout gives them short, concrete questions.",
                ),
                Option(
                    "In the notebook's code cells",
                    False,
                    "Students never need to read or edit code in this kit.",
                ),
            ),
        ),
    ]


#: Lesson number -> function returning its self-check questions (computed on call so
#: that any number quoted is the current one in the knowledge modules).
SELF_CHECKS: dict[int, Callable[[], list[Question]]] = {
    0: _checks_00,
    1: _checks_01,
    2: _checks_02,
    3: _checks_03,
    4: _management_questions,
    5: _checks_05,
    6: _checks_06,
    7: _checks_07,
}


# --- the lecturer's session plan -----------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Slot:
    """One block of the 90-minute session plan."""

    minutes: int
    activity: str
    show: str
    students: str


#: The 90-minute session, in order; start times are computed, never typed.
SESSION_PLAN: tuple[Slot, ...] = (
    Slot(
        10,
        "Hook: a patient with back pain whose hip was the problem",
        "lesson 00, the first printout",
        "Guess hip or spine before the reveal",
    ),
    Slot(
        15,
        "Hip osteoarthritis and the five mechanisms",
        "lesson 01, the mechanism table and the body map",
        "Handout, lesson 01 prompts",
    ),
    Slot(
        20,
        "Likelihood ratios, pre- and post-test probability, the Fagan nomogram",
        "lesson 02, findings table, nomogram, the four qualifiers",
        "Work the groin-pain example by hand",
    ),
    Slot(5, "Break", "", ""),
    Slot(
        15,
        "Case explorer in pairs",
        "the app (make app), explorer page",
        "Handout, lesson 03 tasks",
    ),
    Slot(
        15,
        "Management and the guidelines",
        "lesson 04, the table and a plan for the hip-driven case",
        "Build a plan, compare",
    ),
    Slot(
        10,
        "Quiz and wrap-up",
        "the app, quiz page (easy, then hard)",
        "Answer, then discuss the case that fooled most people",
    ),
)


def session_plan() -> pd.DataFrame:
    """The session plan as a table with computed start times (h:mm).

    Examples
    --------
    >>> plan = session_plan()
    >>> plan["Start"].iloc[0], int(plan["Minutes"].sum())
    ('0:00', 90)
    """
    import pandas as pd

    rows, start = [], 0
    for slot in SESSION_PLAN:
        rows.append(
            {
                "Start": f"{start // 60}:{start % 60:02d}",
                "Minutes": slot.minutes,
                "What happens": slot.activity,
                "Show": slot.show,
                "Students do": slot.students,
            }
        )
        start += slot.minutes
    return pd.DataFrame(rows)


# --- the lecturer's handout ---------------------------------------------------------------

#: Discussion prompts for a live session, by lesson.
DISCUSSION_PROMPTS: dict[int, tuple[str, ...]] = {
    1: (
        "Which of the five mechanisms would you test for first in clinic, and how?",
        "A patient says: 'my back hurts, so it can't be my hip'. What do you say?",
    ),
    2: (
        "Groin pain is the strongest single hip clue in the kit. Why is it still far from proof?",
        "Which finding in the article's table do you now trust least, and why?",
        "If you started from a different pre-test probability, which conclusions change?",
    ),
    3: (
        "In the explorer, set up the borderline case (untick everything else): "
        + describe_case(teaching_case("borderline")).replace("\n", " "),
        "Before you tick it, predict: does numbness or tingling in the leg move the hip "
        "probability, the spine probability, or both? Then check.",
        "Make the borderline case spine-driven by changing two findings. Which pair did "
        "you use, and is it clinically plausible?",
        "Which single finding, when added, changes the case the most? Why that one?",
        "Add numbness in the saddle area. What must happen next, and how fast?",
    ),
    4: (
        "Build a plan for the hip-driven case. Which item did you include that the kit "
        "calls 'not indicated' or 'against guidance'?",
        "How would you explain to a patient that PRP is not recommended?",
    ),
    5: ("Which case story fooled you, and which finding did you over-weight?",),
    6: (
        "Where on the calibration chart is the model over-confident, and why there?",
        "What would you need to collect to replace a teaching estimate with a real LR?",
    ),
}


def handout_markdown(answers: bool = False) -> str:
    """The session question handout (and, with ``answers=True``, its answer key).

    Examples
    --------
    >>> handout_markdown().splitlines()[0]
    '# hipback session: questions'
    """
    title = "answer key" if answers else "questions"
    lines = [f"# hipback session: {title}", "", f"*{DISCLAIMER}*", ""]
    if not answers:
        lines += [
            "Work with the code-free app or the lesson notebooks. You never need to edit "
            "code. Write your answer before you check it.",
            "",
        ]
    else:
        lines += [
            f"## Session plan ({sum(x.minutes for x in SESSION_PLAN)} minutes)",
            "",
            "| Start | Min | What | Show |",
            "|---|---|---|---|",
        ]
        lines += [
            f"| {r['Start']} | {r['Minutes']} | {r['What happens']} | {r['Show']} |"
            for r in session_plan().to_dict("records")
        ]
        lines.append("")
    for item in LESSONS:
        prompts = DISCUSSION_PROMPTS.get(item.number, ())
        checks = SELF_CHECKS[item.number]() if item.audience == "students" else []
        if not prompts and not checks:
            continue
        lines += [f"## {item.label} (about {item.minutes} min)", ""]
        if prompts:
            lines += ["**Discuss**", ""]
            lines += [f"- {p}" for p in prompts]
            lines.append("")
        if checks:
            lines += ["**Check yourself**", ""]
            for k, q in enumerate(checks, start=1):
                lines.append(f"{k}. {q.prompt}")
                for letter, o in zip(_LETTERS, q.options, strict=False):
                    if answers:
                        verdict = "**right**" if o.correct else "not right"
                        lines.append(f"   - {letter}. {o.text}: {verdict}. {o.why}")
                    else:
                        lines.append(f"   - {letter}. {o.text}")
            lines.append("")
    text = "\n".join(lines).rstrip() + "\n"
    return re.sub(r"\n{3,}", "\n\n", text)


_PRINT_CSS = (
    "body{font-family:system-ui,sans-serif;max-width:46em;margin:1.5em auto;line-height:1.45}"
    "h2{margin-top:1.4em;border-bottom:1px solid #999}"
    "table{border-collapse:collapse}td,th{border:1px solid #999;padding:3px 6px}"
    "li{margin:2px 0}.write{border-bottom:1px dotted #777;height:1.6em;margin:4px 0 10px}"
    "@media print{h2{break-after:avoid}li{break-inside:avoid}}"
)


def handout_html(answers: bool = False) -> str:
    """The handout as one printable HTML page (same content as :func:`handout_markdown`).

    The question sheet leaves a dotted line under each question to write on.

    Examples
    --------
    >>> "<h1>hipback session: questions</h1>" in handout_html()
    True
    """
    title = "answer key" if answers else "questions"
    out = [
        "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>",
        f"<title>hipback session: {title}</title><style>{_PRINT_CSS}</style></head><body>",
        f"<h1>hipback session: {title}</h1>",
        f"<p><b>{escape(DISCLAIMER)}</b></p>",
    ]
    if not answers:
        out.append(
            "<p>Work with the code-free app or the lesson notebooks. You never need to edit "
            "code. Write your answer before you check it.</p>"
        )
    else:
        total = sum(x.minutes for x in SESSION_PLAN)
        out.append(f"<h2>Session plan ({total} minutes)</h2><table>")
        out.append("<tr><th>Start</th><th>Min</th><th>What</th><th>Show</th></tr>")
        out += [
            f"<tr><td>{r['Start']}</td><td>{r['Minutes']}</td>"
            f"<td>{escape(r['What happens'])}</td><td>{escape(r['Show'])}</td></tr>"
            for r in session_plan().to_dict("records")
        ]
        out.append("</table>")
    for item in LESSONS:
        prompts = DISCUSSION_PROMPTS.get(item.number, ())
        checks = SELF_CHECKS[item.number]() if item.audience == "students" else []
        if not prompts and not checks:
            continue
        out.append(f"<h2>{escape(item.label)} (about {item.minutes} min)</h2>")
        if prompts:
            out.append("<p><b>Discuss</b></p><ul>")
            out += [f"<li>{escape(text)}</li>" for text in prompts]
            out.append("</ul>")
        if checks:
            out.append("<p><b>Check yourself</b></p><ol>")
            for q in checks:
                out.append(f"<li>{escape(q.prompt)}<ul>")
                for letter, o in zip(_LETTERS, q.options, strict=False):
                    if answers:
                        verdict = "<b>right</b>" if o.correct else "not right"
                        out.append(
                            f"<li>{letter}. {escape(o.text)}: {verdict}. {escape(o.why)}</li>"
                        )
                    else:
                        out.append(f"<li>{letter}. {escape(o.text)}</li>")
                out.append("</ul>" + ("" if answers else "<div class='write'></div>") + "</li>")
            out.append("</ol>")
    out.append("</body></html>")
    return "\n".join(out) + "\n"


#: Handout files in ``notebooks/handouts/`` and the function that writes each.
HANDOUTS: dict[str, Callable[[], str]] = {
    "session_questions.md": lambda: handout_markdown(answers=False),
    "session_answer_key.md": lambda: handout_markdown(answers=True),
    "session_questions.html": lambda: handout_html(answers=False),
    "session_answer_key.html": lambda: handout_html(answers=True),
}
