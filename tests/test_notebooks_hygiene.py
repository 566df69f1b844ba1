"""The stored lesson notebooks: clean, current, small, safe to publish.

nbval (``make test`` runs it over ``notebooks/``) re-runs each notebook and
compares outputs; this file checks what nbval cannot: that the stored outputs
come from one clean in-order run, hold no errors, warnings, machine paths or
memory addresses, show the disclaimer, keep generated cells in step with the
lesson table, follow the widget/plotly policy, stay under 1 MB, and copy no run
of ten words from the source article (``tests/test_copied_text.py``). It also keeps
code out of a student's way: in lessons 00-06 every code cell is collapsed with a
one-line caption, except the marked "under the bonnet" ones, and no lesson prose sits
in a Python file. The policy is described in ``tests/README.md``.
"""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pytest

from hipback.reasoning import DISCLAIMER
from hipback.teaching.lessons import (
    LESSONS,
    NAV_TAG,
    REFRESH_COMMAND,
    generated_drift,
    lesson,
    lesson_map,
    nav_markdown,
)
from hipback.teaching.questions import HANDOUTS

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"
MAX_BYTES = 1_000_000

#: Output MIME types that must sit in a cell tagged nbval-ignore-output (tests/README.md).
VOLATILE_MIME = ("application/vnd.jupyter.widget-view+json", "application/vnd.plotly.v1+json")
MACHINE_PATH = re.compile(r"(/root/|/home/|/tmp/|/Users/|/work/|[A-Z]:\\\\Users)")
MEMORY_ADDRESS = re.compile(r"0x[0-9a-fA-F]{6,16}")
# Numbers a sentence of prose can quote: percentages and decimals (not 1.1.2 rec numbers).
QUOTED_NUMBER = re.compile(r"(?<![\d.])(\d+(?:\.\d+)?%|\d+\.\d+)(?![\d.])")


def load(item) -> dict:
    return json.loads((NOTEBOOKS / item.file).read_text(encoding="utf-8"))


def source(cell: dict) -> str:
    src = cell.get("source", "")
    return "".join(src) if isinstance(src, list) else src


def output_texts(cell: dict) -> list[str]:
    """Every text an output carries (streams, text/plain, text/html, markdown)."""
    texts = []
    for out in cell.get("outputs", []):
        if "text" in out:
            texts.append("".join(out["text"]) if isinstance(out["text"], list) else out["text"])
        for mime, value in out.get("data", {}).items():
            if mime.startswith("text/"):
                texts.append("".join(value) if isinstance(value, list) else value)
    return texts


def tags(cell: dict) -> list[str]:
    return cell.get("metadata", {}).get("tags", [])


LESSON_IDS = [x.file.removesuffix(".ipynb") for x in LESSONS]


@pytest.fixture(params=LESSONS, ids=LESSON_IDS)
def lesson_nb(request):
    return request.param, load(request.param)


def test_every_lesson_exists_and_nothing_else():
    found = sorted(p.name for p in NOTEBOOKS.glob("*.ipynb"))
    assert found == sorted(x.file for x in LESSONS)


def test_file_under_one_megabyte_and_no_widget_state(lesson_nb):
    item, nb = lesson_nb
    size = (NOTEBOOKS / item.file).stat().st_size
    assert size < MAX_BYTES, f"{item.file} is {size} bytes"
    assert "widgets" not in nb.get("metadata", {}), "stored widget state: run make lessons"
    for cell in nb["cells"]:
        for out in cell.get("outputs", []):
            assert "application/vnd.jupyter.widget-state+json" not in out.get("data", {})
            html = out.get("data", {}).get("text/html", "")
            html = "".join(html) if isinstance(html, list) else html
            assert "plotly.js v" not in html and "Plotly.newPlot" not in html, (
                "plotly.js or an HTML figure is stored: use the plotly_mimetype renderer"
            )


def test_outputs_from_one_clean_in_order_run(lesson_nb):
    item, nb = lesson_nb
    counts = [c.get("execution_count") for c in nb["cells"] if c["cell_type"] == "code"]
    assert counts, f"{item.file} has no code cells"
    assert counts == list(range(1, len(counts) + 1)), (
        f"{item.file}: execution counts {counts} are not one clean run; run make lessons"
    )


def test_no_errors_warnings_paths_or_addresses(lesson_nb):
    item, nb = lesson_nb
    for k, cell in enumerate(nb["cells"]):
        for out in cell.get("outputs", []):
            assert out["output_type"] != "error", f"{item.file} cell {k}: error output"
            assert out.get("name") != "stderr", f"{item.file} cell {k}: stderr (a warning?)"
        for text in output_texts(cell) + [source(cell)]:
            assert not MACHINE_PATH.search(text), f"{item.file} cell {k}: machine path"
        for text in output_texts(cell):
            assert not MEMORY_ADDRESS.search(text), f"{item.file} cell {k}: memory address"


def test_disclaimer_is_shown(lesson_nb):
    item, nb = lesson_nb
    shown = [t for c in nb["cells"] for t in output_texts(c) if DISCLAIMER in t]
    assert shown, f"{item.file} never displays hipback.reasoning.DISCLAIMER"


def test_generated_cells_match_the_lesson_table(lesson_nb):
    item, nb = lesson_nb
    assert generated_drift(nb, item.number) == []
    first, second = nb["cells"][0], nb["cells"][1]
    assert "hipback-header" in tags(first), "the header (objectives, time) must come first"
    assert NAV_TAG in tags(second) and NAV_TAG in tags(nb["cells"][-1]), (
        "navigation must follow the header and end the lesson"
    )


def test_first_code_cell_imports_the_kit_helpfully(lesson_nb):
    item, nb = lesson_nb
    first = next(c for c in nb["cells"] if c["cell_type"] == "code")
    src = source(first)
    assert "from hipback.teaching import lessons" in src and "ModuleNotFoundError" in src
    assert "make lab" in src, "the failure message must say how to install the kit"
    assert "lessons.setup()" in src


def code_lines(cell: dict) -> list[str]:
    """A code cell's lines without its comment lines (the caption)."""
    return [ln for ln in source(cell).splitlines() if ln.strip() and not ln.startswith("#")]


def test_ends_with_a_self_check(lesson_nb):
    item, nb = lesson_nb
    code = [c for c in nb["cells"] if c["cell_type"] == "code"]
    assert code_lines(code[-1]) == [f"widgets.self_check({item.number})"]
    assert "nbval-ignore-output" in tags(code[-1])


OPTIONAL_TAG = "under-the-bonnet"


def test_no_visible_code_in_the_student_lessons(lesson_nb):
    """Lessons 00-06: every code cell is collapsed, except marked optional ones."""
    item, nb = lesson_nb
    if item.audience != "students":
        pytest.skip("lesson 07 is for lecturers")
    for k, cell in enumerate(nb["cells"]):
        if cell["cell_type"] != "code":
            continue
        hidden = cell.get("metadata", {}).get("jupyter", {}).get("source_hidden", False)
        if OPTIONAL_TAG in tags(cell):
            before = source(nb["cells"][k - 1])
            assert "under the bonnet" in before.lower() and "optional" in before.lower(), (
                f"{item.file} cell {k}: an optional code cell must follow a note marking "
                "it as optional ('look under the bonnet')"
            )
            continue
        assert hidden, (
            f"{item.file} cell {k} shows its code: collapse it (View ▸ Collapse Selected "
            'Code, stored as "jupyter": {"source_hidden": true}) or tag it '
            f"{OPTIONAL_TAG} after a note that marks it optional"
        )


def test_every_code_cell_has_a_one_line_caption(lesson_nb):
    item, nb = lesson_nb
    for k, cell in enumerate(nb["cells"]):
        if cell["cell_type"] == "code":
            first = source(cell).splitlines()[0]
            assert first.startswith("# ") and len(first) < 100, (
                f"{item.file} cell {k}: start the cell with a one-line '# ' caption saying "
                "what it shows"
            )


CODE_NAME = re.compile(r"\b[a-z]+(?:_[a-z]+)+\b")


def test_no_code_names_in_what_students_read(lesson_nb):
    """Prose and printed outputs say "numbness or tingling", never numbness_tingling."""
    item, nb = lesson_nb
    if item.audience != "students":
        pytest.skip("lesson 07 is for lecturers")
    for k, cell in enumerate(nb["cells"]):
        if OPTIONAL_TAG in tags(cell) or (
            cell["cell_type"] == "markdown"
            and k + 1 < len(nb["cells"])
            and OPTIONAL_TAG in tags(nb["cells"][k + 1])
        ):
            continue
        texts = [source(cell)] if cell["cell_type"] == "markdown" else output_texts(cell)
        for text in texts:
            text = re.sub(r"\(([^)]*\.ipynb[^)]*)\)", "", text)  # links to lessons
            text = re.sub(r"<[^>]+>", " ", text)  # HTML tags and their attributes
            found = [w for w in CODE_NAME.findall(text) if "." not in w]
            assert not found, f"{item.file} cell {k}: code names shown to students: {found}"
            assert " -> " not in text or "post-test" in text, (
                f"{item.file} cell {k}: a '->' change; say it in words ('no → yes')"
            )


def test_generated_cells_are_marked_in_metadata(lesson_nb):
    item, nb = lesson_nb
    marked = [c for c in nb["cells"] if c.get("metadata", {}).get("hipback", {}).get("generated")]
    assert len(marked) >= 3 if item.number == 0 else len(marked) >= 3, item.file


def test_a_stale_generated_cell_fails_and_names_the_fix(lesson_nb):
    item, nb = lesson_nb
    stale = json.loads(json.dumps(nb))
    header = stale["cells"][0]
    header["source"] = source(header).replace("minutes", "min", 1)
    problems = generated_drift(stale, item.number)
    assert problems and all(REFRESH_COMMAND in p for p in problems if "out of date" in p)


def test_widget_and_plotly_outputs_follow_the_policy(lesson_nb):
    """Widget and plotly output is only stored in cells nbval is told not to compare."""
    item, nb = lesson_nb
    for k, cell in enumerate(nb["cells"]):
        mimes = {m for out in cell.get("outputs", []) for m in out.get("data", {})}
        if mimes & set(VOLATILE_MIME):
            assert "nbval-ignore-output" in tags(cell), (
                f"{item.file} cell {k}: widget/plotly output without nbval-ignore-output"
            )


def test_ignored_cells_are_only_widgets_and_figures(lesson_nb):
    """No text output hides behind nbval-ignore-output: quoted text stays compared."""
    item, nb = lesson_nb
    for k, cell in enumerate(nb["cells"]):
        if "nbval-ignore-output" not in tags(cell):
            continue
        for out in cell.get("outputs", []):
            assert out["output_type"] != "stream", f"{item.file} cell {k}: ignored text"
            assert set(out.get("data", {})) & set(VOLATILE_MIME), (
                f"{item.file} cell {k}: ignored output is neither a widget nor a figure"
            )


def test_code_cells_are_short(lesson_nb):
    item, nb = lesson_nb
    setup = next(c for c in nb["cells"] if c["cell_type"] == "code")
    for k, cell in enumerate(nb["cells"]):
        if cell["cell_type"] == "code" and cell is not setup:
            lines = source(cell).splitlines()
            assert len(lines) <= 8, f"{item.file} cell {k} has {len(lines)} lines"
            assert not re.search(r"^\s*(def|class) ", source(cell), re.M), (
                f"{item.file} cell {k} defines logic; put it in the hipback package"
            )


def test_numbers_in_prose_appear_in_compared_outputs(lesson_nb):
    """A percentage or decimal typed in the prose must be visible in a compared output.

    Prose quotes numbers the kit prints, so a change to a knowledge module changes a
    compared output and nbval fails, instead of the prose silently going stale.
    """
    item, nb = lesson_nb
    compared = " ".join(
        t for c in nb["cells"] if "nbval-ignore-output" not in tags(c) for t in output_texts(c)
    )
    for k, cell in enumerate(nb["cells"]):
        if cell["cell_type"] != "markdown" or cell.get("metadata", {}).get("hipback"):
            continue  # generated cells: their numbers come from the lesson table
        text = re.sub(r"`[^`]*`", "", source(cell))  # commands and file names are not quotes
        text = re.sub(r"\|[^\n]*\|", "", text)  # session-plan table times (0:10 etc.)
        for number in QUOTED_NUMBER.findall(text):
            assert number in compared, (
                f"{item.file} cell {k}: prose quotes {number} but no compared output shows it"
            )


def test_handouts_are_current():
    for name, make in HANDOUTS.items():
        path = NOTEBOOKS / "handouts" / name
        assert path.exists(), f"missing {path.name}: run make lessons"
        assert path.read_text(encoding="utf-8") == make(), f"{name} is stale: run make lessons"
        assert DISCLAIMER in path.read_text(encoding="utf-8")


def test_question_handout_has_no_answers():
    questions = (NOTEBOOKS / "handouts" / "session_questions.md").read_text(encoding="utf-8")
    key = (NOTEBOOKS / "handouts" / "session_answer_key.md").read_text(encoding="utf-8")
    assert "Answer:" not in questions and "Model answer" not in questions
    assert "Answer:" in key and "Model answer" in key


PROSE_LINE = 60


def test_no_lesson_prose_in_python_files():
    """The notebooks are the source of the lessons: no line of their prose is in a .py file.

    Any markdown line of 60 characters or more from a notebook found in a Python file
    under hipback/ or scripts/ means a lesson paragraph is being kept (and would be
    overwritten) in code.
    """
    lines = set()
    for item in LESSONS:
        for cell in load(item)["cells"]:
            if cell["cell_type"] == "markdown" and not cell.get("metadata", {}).get("hipback"):
                lines |= {ln.strip() for ln in source(cell).splitlines()}
    lines = {ln for ln in lines if len(ln) >= PROSE_LINE}
    python = [*(ROOT / "hipback").rglob("*.py"), *(ROOT / "scripts").rglob("*.py")]
    found = [
        f"{p.relative_to(ROOT)}: {ln[:70]}"
        for p in python
        for ln in lines
        if ln in p.read_text(encoding="utf-8")
    ]
    assert not found, "lesson prose in Python files:\n" + "\n".join(found)


_NUDGE_PRETEST = """
import dataclasses

import hipback.knowledge.findings as findings

findings.PRETEST["hip"] = dataclasses.replace(
    findings.PRETEST["hip"], probability=findings.PRETEST["hip"].probability + 0.01
)
"""


def test_a_changed_number_makes_nbval_fail(tmp_path):
    """The policy works: nudge one cited number and nbval must reject lesson 02.

    A ``sitecustomize`` module on PYTHONPATH (inherited by the nbval kernel) moves the
    hip pre-test probability by one point; the stored outputs quote the old value.
    """
    import os
    import sys

    (tmp_path / "sitecustomize.py").write_text(_NUDGE_PRETEST, encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(tmp_path)}
    args = [
        sys.executable,
        "-m",
        "pytest",
        "notebooks/02_telling_them_apart.ipynb",
        "--nbval",
        "--nbval-current-env",
        "--nbval-sanitize-with",
        "tests/nbval_sanitize.cfg",
        "-q",
        "-p",
        "no:cacheprovider",
    ]
    run = subprocess.run(args, cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert run.returncode != 0, run.stdout[-2000:]
    assert "Cell outputs differ" in run.stdout


# --- the lesson helpers that the checks above rely on ----------------------------------------


def test_navigation_has_no_previous_on_first_and_no_next_on_last():
    assert not nav_markdown(0).startswith("[←")
    assert "→" not in nav_markdown(len(LESSONS) - 1)
    assert all("Contents" in nav_markdown(x.number) for x in LESSONS)


def test_lesson_map_links_every_lesson_with_its_time():
    text = lesson_map(link_prefix="notebooks/")
    for item in LESSONS:
        assert f"(notebooks/{item.file})" in text and f"{item.minutes} min" in text


README_MAP = re.compile(r"<!-- lesson-map:start -->\n(.*?)<!-- lesson-map:end -->", re.S)


def test_readme_lesson_map_is_generated_from_the_lesson_table():
    """Between its lesson-map markers the README holds ``python -m hipback.teaching.lessons``."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    found = README_MAP.search(readme)
    assert found is not None, "README.md lost its <!-- lesson-map:start/end --> markers"
    assert found.group(1).strip() == lesson_map(link_prefix="notebooks/").strip()


def test_teaching_cases_sit_clearly_away_from_the_label_boundaries():
    """A label that hinges on the last decimal could differ between machines (libm).

    v2 label rule: at least one point (on either question) from any label boundary.
    """
    from hipback import classify
    from hipback.reasoning import label_margin
    from hipback.teaching.lessons import MECHANISM_CASES, TEACHING_CASES
    from hipback.teaching.selfcheck import checked_claims

    cases = {**TEACHING_CASES, **MECHANISM_CASES}
    for item_id, text, case, _ in checked_claims():
        cases[f"{item_id}: {text}"] = case
    for name, case in cases.items():
        assert label_margin(classify(case)) >= 1.0, name


def test_every_lesson_has_two_to_four_objectives():
    for item in LESSONS:
        assert 2 <= len(item.objectives) <= 4, item.file


def test_bad_lesson_raises_a_clear_error():
    from hipback import HipbackInputError

    with pytest.raises(HipbackInputError, match="not a lesson"):
        lesson(9)


def test_nothing_is_cut_off(lesson_nb):
    """No compared output shortens a sentence or a table with '...' (pandas truncation)."""
    item, nb = lesson_nb
    for k, cell in enumerate(nb["cells"]):
        if "nbval-ignore-output" in tags(cell):
            continue
        for text in output_texts(cell):
            assert "..." not in text and "…" not in text, f"{item.file} cell {k}: text cut off"


def test_lesson_06_is_marked_optional():
    six = lesson(6)
    assert six.optional
    nb = load(six)
    assert "Optional, for the curious" in source(nb["cells"][0])
    assert "(optional)" in lesson_map()
