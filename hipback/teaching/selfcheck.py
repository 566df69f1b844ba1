"""Self-checks that assess: the item bank, seeded option order and pure scoring.

Every lesson ends with a few items, written as plain data in
``hipback/teaching/selfchecks/lesson_NN.yaml`` (a lecturer edits them without reading
Python). Each item names the lesson objective(s) it assesses; each wrong option names
the misconception it stands for and says why it is wrong.

The learner commits an answer first; only then does :func:`score` say right or wrong,
why, and what each distractor stood for. :func:`score` is a pure function of the item
and the response: widgets show its result and keep nothing of their own.

Kinds of item
-------------
``single``    one option is right (response: the option's key)
``multiple``  several options are right (response: the set of keys); all or nothing
``number``    a probability in per cent (response: a number), right within a tolerance;
              common wrong values can be named as misconceptions
``order``     put the options in order (response: the keys in order)

Numbers in prompts come from the knowledge modules, never typed: ``{lr:FINDING:SOURCE}``
(a likelihood ratio), ``{pretest:SOURCE}``, ``{finding:FINDING}`` (its plain label),
``{post:SOURCE:FINDING}`` (the post-test probability after that one finding).

Option order is shuffled per learner with a seed (:func:`arrange`): the same seed gives
the same order, so a key printed for a named seed (:func:`answer_key`) matches the screen
of every learner who uses that seed.
"""

from __future__ import annotations

import math
import random
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from hipback.errors import HipbackInputError
from hipback.knowledge.findings import FINDING_BY_NAME, PRETEST
from hipback.reasoning import post_test_probability

BANK_DIR = Path(__file__).resolve().parent / "selfchecks"
KINDS = ("single", "multiple", "number", "order")
#: The seed used when a learner has none (and for the lecturer's default printed key).
DEFAULT_SEED = "class"
_LETTERS = "ABCDEFGH"


def default_progress_path() -> Path | None:
    """Where a learner's progress is kept: ``$HIPBACK_PROGRESS``, else
    ``~/.hipback/progress.json``. An empty ``HIPBACK_PROGRESS`` keeps it in memory only
    (``make lessons`` and the tests use that, so running a lesson saves nothing).
    """
    import os

    value = os.environ.get("HIPBACK_PROGRESS")
    if value is None:
        return Path.home() / ".hipback" / "progress.json"
    return Path(value) if value.strip() else None


def quiz_id(lesson: int) -> str:
    """The progress-file key of a lesson's self-check: ``"lesson-03"``."""
    return f"lesson-{lesson:02d}"


@dataclass(frozen=True, slots=True)
class Option:
    """One answer option. ``misconception`` names the mistake a wrong option stands for."""

    key: str
    text: str
    correct: bool
    why: str
    misconception: str = ""
    rank: int = 0  # order items: the option's place in the right order (1, 2, ...)
    #: What the reasoning engine must say for this option to be marked as it is:
    #: ``{"case": teaching case, "changes": {field: value}, "label": expected}``.
    check: Mapping[str, Any] | None = None


@dataclass(frozen=True, slots=True)
class WrongValue:
    """A common wrong number for a ``number`` item, and the misconception behind it."""

    value: float  # in per cent
    misconception: str
    why: str


@dataclass(frozen=True, slots=True)
class Item:
    """One self-check item (see the module docstring for the kinds)."""

    id: str
    lesson: int
    objectives: tuple[str, ...]
    kind: str
    prompt: str
    why: str
    options: tuple[Option, ...] = ()
    answer: float | None = None  # number items, per cent
    tolerance: float = 0.0  # number items, percentage points either side
    wrong_values: tuple[WrongValue, ...] = ()
    inline: bool = False  # shown inside the lesson (predict, then reveal), not at the end
    check: Mapping[str, Any] | None = None  # {"case": teaching case, "label": expected}

    @property
    def correct_keys(self) -> tuple[str, ...]:
        if self.kind == "order":
            return tuple(o.key for o in sorted(self.options, key=lambda o: o.rank))
        return tuple(o.key for o in self.options if o.correct)


@dataclass(frozen=True, slots=True)
class Feedback:
    """What the learner sees after committing: the verdict, why, and each distractor."""

    item_id: str
    correct: bool
    verdict: str
    why: str
    notes: tuple[str, ...] = field(default=())

    @property
    def points(self) -> int:
        return int(self.correct)


# --- knowledge placeholders --------------------------------------------------------------

_PLACEHOLDER = re.compile(r"\{(lr|pretest|finding|post):([a-z_]+)(?::([a-z_]+))?\}")


def _pct(p: float) -> str:
    return f"{100 * p:.0f}%"


def _finding(name: str):
    try:
        return FINDING_BY_NAME[name]
    except KeyError:
        raise HipbackInputError(f"self-check: unknown finding {name!r}") from None


def _post(source: str, finding: str) -> float:
    lr = getattr(_finding(finding), source).lr
    return post_test_probability(PRETEST[source].probability, lr)


def _fill(text: str) -> str:
    """Replace ``{lr:…}``-style placeholders with the numbers the kit currently holds."""

    def one(m: re.Match[str]) -> str:
        kind, a, b = m.groups()
        if kind == "lr":
            return f"{getattr(_finding(a), b).lr:.2f}"
        if kind == "pretest":
            return _pct(PRETEST[a].probability)
        if kind == "finding":
            return _finding(a).label.lower()
        return _pct(_post(a, b))

    return _PLACEHOLDER.sub(one, text)


def _value(spec: Any) -> float:
    """A number in per cent, from a literal or ``{post_test: [source, finding]}`` and kin."""
    if isinstance(spec, int | float):
        return float(spec)
    if isinstance(spec, Mapping) and len(spec) == 1:
        ((how, args),) = spec.items()
        source, finding = args
        pre = PRETEST[source].probability
        lr = getattr(_finding(finding), source).lr
        if how == "post_test":
            return 100 * post_test_probability(pre, lr)
        if how == "pretest_times_lr":  # the classic mistake: multiply the probability
            return 100 * pre * lr  # may pass 100%, as the learner's sum does
        if how == "pretest":
            return 100 * pre
    raise HipbackInputError(f"self-check: cannot read the number {spec!r}")


# --- the bank -----------------------------------------------------------------------------


def _item(raw: Mapping[str, Any], lesson: int, path: Path) -> Item:
    where = f"{path.name}, item {raw.get('id', '?')!r}"
    kind = raw.get("kind", "single")
    if kind not in KINDS:
        raise HipbackInputError(f"{where}: kind {kind!r}; allowed: {', '.join(KINDS)}")
    objectives = raw.get("objectives") or []
    if isinstance(objectives, str):
        objectives = [objectives]
    options = tuple(
        Option(
            key=str(o.get("key", _LETTERS[i])),
            text=_fill(str(o["text"])),
            correct=bool(o.get("correct", False)),
            why=_fill(str(o.get("why", ""))),
            misconception=str(o.get("misconception", "")),
            rank=int(o.get("rank", 0)),
            check=o.get("check"),
        )
        for i, o in enumerate(raw.get("options") or [])
    )
    item = Item(
        id=str(raw["id"]),
        lesson=lesson,
        objectives=tuple(str(x) for x in objectives),
        kind=kind,
        prompt=_fill(str(raw["prompt"]).strip()),
        why=_fill(str(raw.get("why", "")).strip()),
        options=options,
        answer=_value(raw["answer"]) if "answer" in raw else None,
        tolerance=float(raw.get("tolerance", 0.0)),
        wrong_values=tuple(
            WrongValue(_value(w["value"]), str(w["misconception"]), _fill(str(w["why"])))
            for w in raw.get("wrong_values") or []
        ),
        inline=bool(raw.get("inline", False)),
        check=raw.get("check"),
    )
    _validate(item, where)
    return item


def _validate(item: Item, where: str) -> None:
    if not item.objectives:
        raise HipbackInputError(f"{where}: names no objective")
    if item.kind == "number":
        if item.answer is None or item.tolerance <= 0:
            raise HipbackInputError(f"{where}: a number item needs an answer and a tolerance")
        return
    if len(item.options) < 2:
        raise HipbackInputError(f"{where}: needs at least two options")
    if len({o.key for o in item.options}) != len(item.options):
        raise HipbackInputError(f"{where}: two options share a key")
    if item.kind == "order":
        if sorted(o.rank for o in item.options) != list(range(1, len(item.options) + 1)):
            raise HipbackInputError(f"{where}: ranks must be 1..{len(item.options)}")
        return
    right = sum(o.correct for o in item.options)
    if right == 0 or (item.kind == "single" and right != 1):
        raise HipbackInputError(f"{where}: a {item.kind} item has {right} right options")
    for o in item.options:
        if not o.correct and not o.misconception:
            raise HipbackInputError(f"{where}: option {o.key} is wrong but names no misconception")


@cache
def bank() -> dict[int, tuple[Item, ...]]:
    """Every lesson's items, read from the YAML files (lesson number → items)."""
    out: dict[int, tuple[Item, ...]] = {}
    for path in sorted(BANK_DIR.glob("lesson_*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        lesson = int(data["lesson"])
        out[lesson] = tuple(_item(raw, lesson, path) for raw in data.get("items") or [])
    return out


def items(lesson: int) -> tuple[Item, ...]:
    """The items of one lesson, in the order the lesson shows them."""
    try:
        return bank()[lesson]
    except KeyError:
        raise HipbackInputError(
            f"lesson: {lesson!r} has no self-check; allowed: {sorted(bank())}"
        ) from None


def item(item_id: str) -> Item:
    """One item by its id (e.g. ``"02-post-test"``)."""
    for group in bank().values():
        for x in group:
            if x.id == item_id:
                return x
    raise HipbackInputError(f"self-check: no item {item_id!r}")


def all_items() -> list[Item]:
    return [x for lesson in sorted(bank()) for x in bank()[lesson]]


def checked_claims() -> list[tuple[str, str, Any, str]]:
    """Every claim an item makes about the reasoning engine, to be verified by the tests.

    Returns (item id, what is claimed, the case, the label the engine must give).
    """
    from hipback.teaching.lessons import teaching_case

    out = []
    for x in all_items():
        if x.check:
            out.append((x.id, "the item's case", teaching_case(x.check["case"]), x.check["label"]))
        for o in x.options:
            if o.check:
                case = teaching_case(o.check["case"]).replace(**o.check.get("changes", {}))
                out.append((x.id, o.text, case, o.check["label"]))
    return out


# --- order and scoring --------------------------------------------------------------------


def arrange(item: Item, seed: str | int | None = DEFAULT_SEED) -> tuple[Option, ...]:
    """The options in the order a learner with ``seed`` sees them (``None``: as written).

    >>> x = item("02-read-lr")
    >>> arrange(x, "A") == arrange(x, "A")
    True
    """
    options = list(item.options)
    if seed is None:
        return tuple(options)
    random.Random(f"{seed}/{item.id}").shuffle(options)
    if item.kind == "single":
        # Spread the right answer evenly: across the kit, for every seed, the right
        # option of the k-th single-choice item sits at place (offset + k) mod n.
        singles = [x.id for x in all_items() if x.kind == "single"]
        offset = random.Random(f"{seed}/offset").randrange(len(_LETTERS))
        target = (offset + singles.index(item.id)) % len(options) if item.id in singles else 0
        right = next(i for i, o in enumerate(options) if o.correct)
        options[right], options[target] = options[target], options[right]
    return tuple(options)


def _as_number(response: Any) -> float | None:
    if isinstance(response, str):
        response = response.strip().rstrip("%").strip().replace(",", ".")
    try:
        value = float(response)
    except (TypeError, ValueError):
        return None
    return value if math.isfinite(value) else None


def incomplete(item: Item, response: Any) -> str:
    """What the learner must still do before a response can be marked ("" when nothing).

    A self-check allows one try, so a response with nothing to mark (no choice, text that
    is not a number, no box ticked, a step left empty or used twice) is not committed:
    every item has at least one right option, so an empty answer is never a real one.

    Examples
    --------
    >>> incomplete(item("02-post-test"), "about 65")
    'Type a number first (for example 65).'
    >>> incomplete(item("02-post-test"), "65")
    ''
    """
    if item.kind == "single" and response in (None, ""):
        return "Choose an answer first."
    if item.kind == "number" and _as_number(response) is None:
        return "Type a number first (for example 65)."
    if item.kind == "multiple" and not list(response or ()):
        return "Tick at least one option first."
    if item.kind == "order":
        steps = list(response or ())
        if len(steps) < len(item.options) or None in steps or len(set(steps)) < len(steps):
            return "Put every step in a place first, each step once."
    return ""


def score(item: Item, response: Any) -> Feedback:
    """Mark one committed response. Pure: the same item and response give the same result.

    ``response`` is an option key (single), an iterable of keys (multiple, order) or a
    number in per cent (number). A missing or unreadable response is wrong and says so.
    """
    notes: list[str] = []
    by_key = {o.key: o for o in item.options}
    if item.kind == "number":
        value = _as_number(response)
        if value is None:
            return Feedback(item.id, False, "No number given.", item.why)
        ok = abs(value - item.answer) <= item.tolerance
        if not ok:
            for w in item.wrong_values:
                if abs(value - w.value) <= item.tolerance:
                    notes.append(f"Misconception: {w.misconception}. {w.why}")
        verdict = (
            f"You gave {value:g}%; the answer is about {item.answer:.0f}%."
            if ok
            else f"You gave {value:g}%; the answer is about {item.answer:.0f}%."
        )
        return Feedback(item.id, ok, verdict, item.why, tuple(notes))
    if item.kind == "single":
        chosen = by_key.get(str(response)) if response is not None else None
        if chosen is None:
            return Feedback(item.id, False, "No answer chosen.", item.why)
        right = next(o for o in item.options if o.correct)
        ok = chosen.correct
        verdict = (
            f"You chose: {right.text}"
            if ok
            else f"You chose: {chosen.text} The answer is: {right.text}"
        )
        why = right.why or item.why
        for o in item.options:
            if not o.correct:
                mark = " (your choice)" if o is chosen else ""
                notes.append(
                    f"“{o.text.rstrip('.')}”{mark}. Misconception: {o.misconception}. {o.why}"
                )
        return Feedback(item.id, ok, verdict, why, tuple(notes))
    keys = [str(k) for k in (response or [])]
    if item.kind == "multiple":
        chosen_set = set(keys) & set(by_key)
        right_set = set(item.correct_keys)
        ok = chosen_set == right_set
        for o in item.options:
            if o.correct and o.key not in chosen_set:
                notes.append(f"Missed: {o.text}. {o.why}")
            elif not o.correct and o.key in chosen_set:
                text = o.text.rstrip(".")
                notes.append(f"Not this one: “{text}”. Misconception: {o.misconception}. {o.why}")
        verdict = "You chose all of them, and nothing else." if ok else "Compare your choice below."
        return Feedback(item.id, ok, verdict, item.why, tuple(notes))
    # order
    ok = keys == list(item.correct_keys)
    for place, o in enumerate(sorted(item.options, key=lambda o: o.rank), start=1):
        if place > len(keys) or keys[place - 1] != o.key:
            notes.append(f"Place {place} is: {o.text}. {o.why}")
    verdict = "That is the order." if ok else "Compare your order with the right one below."
    return Feedback(item.id, ok, verdict, item.why, tuple(notes))


def lesson_score(lesson: int, responses: Mapping[str, Any]) -> tuple[int, int]:
    """(right, number of items) for the responses committed so far (item id → response)."""
    group = items(lesson)
    right = sum(score(x, responses[x.id]).correct for x in group if x.id in responses)
    return right, len(group)


def correct_positions(
    group: Iterable[Item] | None = None, seed: str | int | None = DEFAULT_SEED
) -> list[int]:
    """The 0-based place of the right option in each single-choice item, as shown."""
    group = all_items() if group is None else group
    out = []
    for x in group:
        if x.kind == "single":
            out += [i for i, o in enumerate(arrange(x, seed)) if o.correct]
    return out


# --- printed forms ------------------------------------------------------------------------


def describe(item: Item, seed: str | int | None = DEFAULT_SEED) -> str:
    """The item as plain text, options lettered in the order ``seed`` shows them."""
    lines = [item.prompt]
    if item.kind == "number":
        lines.append("Answer in per cent: ____")
    else:
        for letter, o in zip(_LETTERS, arrange(item, seed), strict=False):
            lines.append(f"  {letter}. {o.text}")
        if item.kind == "multiple":
            lines.append("(Choose all that apply.)")
        if item.kind == "order":
            lines.append("(Write the letters in order.)")
    return "\n".join(lines)


def key_line(item: Item, seed: str | int | None = DEFAULT_SEED) -> str:
    """The answer of one item, as letters for the order ``seed`` shows (or the number)."""
    if item.kind == "number":
        return f"about {item.answer:.0f}% (±{item.tolerance:g} points)"
    letter = {o.key: _LETTERS[i] for i, o in enumerate(arrange(item, seed))}
    keys = [letter[k] for k in item.correct_keys]
    return (" → " if item.kind == "order" else ", ").join(keys)


def answer_key(lessons: Sequence[int] | None = None, seed: str | int | None = DEFAULT_SEED) -> str:
    """A lecturer's printed key (Markdown) for the learners who use ``seed``."""
    chosen = sorted(bank()) if lessons is None else list(lessons)
    out = [f"# Self-check answer key (seed: {seed if seed is not None else 'as written'})", ""]
    for n in chosen:
        out.append(f"## Lesson {n:02d}")
        out.append("")
        # Numbered as the self-check at the end of the lesson numbers its questions; the
        # predictions made inside the lesson come first, each shown on its own.
        for x in (x for x in items(n) if x.inline):
            out.append(
                f"- Prediction in the lesson: **{key_line(x, seed)}**: {x.prompt.splitlines()[0]}"
            )
        for i, x in enumerate((x for x in items(n) if not x.inline), start=1):
            out.append(f"{i}. **{key_line(x, seed)}**: {x.prompt.splitlines()[0]}")
        out.append("")
    return "\n".join(out)
