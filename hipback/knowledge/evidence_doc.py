"""The evidence table: every number and position the kit uses, with its basis and source.

``docs/evidence.md`` is generated from the knowledge modules by this module, so that a
reader can check every likelihood ratio, pre-test probability, red-flag rule and guideline
position without reading code. A test fails when the stored file drifts from the
catalogue; ``python -m hipback.knowledge.evidence_doc`` rewrites it.

Examples
--------
>>> text = render()
>>> text.startswith("# The evidence behind hipback")
True
>>> "Khan 2004" in text
True
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable
from pathlib import Path

from hipback.knowledge.findings import FINDINGS, NOT_SCORED, PRETEST, Evidence
from hipback.knowledge.management import MANAGEMENT_ITEMS
from hipback.knowledge.red_flags import AGE_FACTORS, RED_FLAG_RULES, RED_FLAGS, SEVERAL_WEAK_FLAGS
from hipback.knowledge.references import REFERENCES

#: Where the generated table lives, relative to the project root.
DOC_PATH = Path("docs") / "evidence.md"

_HEADER = """\
# The evidence behind hipback

Every clinical number, red-flag rule and guideline position the kit uses, with its basis
and its source. This page is generated from the knowledge modules (`hipback/knowledge/`)
by `python -m hipback.knowledge.evidence_doc`; do not edit it by hand (a test fails when
it drifts). Educational use only: not medical advice, not for clinical decisions.

Points are 10 × log10(LR): +10 points multiplies the odds by 10. *Published*: the figure
is in the paper; *derived*: computed from a published sensitivity and specificity;
*teaching estimate*: no published figure exists, and the rationale says why the number
was chosen; *neutral*: the finding does not bear on that question.
"""


def _cell(text: object) -> str:
    """Text safe inside a Markdown table cell."""
    return " ".join(str(text).split()).replace("|", "\\|")


def _lr(evidence: Evidence | None) -> str:
    if evidence is None:
        return "—"
    parts = [f"{evidence.lr:g} ({evidence.points:+.1f} pts), {evidence.basis}"]
    if evidence.basis not in ("teaching estimate", "neutral"):
        parts.append(evidence.citation)
    sens, spec = evidence.sensitivity, evidence.specificity
    if sens is not None and spec is not None:
        parts.append(f"sens {sens:.1%}, spec {spec:.1%}")
    if getattr(evidence, "indirect", False):
        parts.append("another population, counted at reduced weight")
    return "; ".join(parts)


def _notes(finding: object) -> str:
    notes = []
    for side in ("hip", "spine", "hip_absent", "spine_absent"):
        ev = getattr(finding, side, None)
        if ev is not None and ev.note and ev.basis != "neutral":
            notes.append(f"*{side.replace('_', ' ')}*: {ev.note}")
    caveat = getattr(finding, "caveat", "")
    if caveat:
        notes.append(f"*caveat*: {caveat}")
    return _cell(" ".join(notes))


def _findings() -> Iterable[str]:
    yield "## Findings and their likelihood ratios\n"
    yield (
        "| finding | construct | hip, present | hip, absent | spine, present | spine, absent "
        "| what the figures measure |"
    )
    yield "|---|---|---|---|---|---|---|"
    for f in FINDINGS:
        yield (
            f"| {_cell(f.label)} (`{f.name}`) | {_cell(f.construct)} | {_cell(_lr(f.hip))} "
            f"| {_cell(_lr(getattr(f, 'hip_absent', None)))} | {_cell(_lr(f.spine))} "
            f"| {_cell(_lr(getattr(f, 'spine_absent', None)))} | {_notes(f)} |"
        )
    yield ""


def _pretest() -> Iterable[str]:
    yield "## Pre-test probabilities\n"
    yield "| question | probability | basis | source and rationale |"
    yield "|---|---|---|---|"
    for question, p in PRETEST.items():
        source = "" if p.basis == "teaching estimate" else REFERENCES[p.source].short + ": "
        yield f"| {question} | {p.probability:.0%} | {p.basis} | {_cell(source + p.note)} |"
    yield ""
    yield "### Published figures shown but not scored\n"
    yield "| what | figure | why it is not scored |"
    yield "|---|---|---|"
    for what, figure, why in NOT_SCORED:
        yield f"| {_cell(what)} | {_cell(figure)} | {_cell(why)} |"
    yield ""


def _sources(keys: Iterable[str]) -> str:
    return "; ".join(REFERENCES[k].short if k in REFERENCES else k for k in keys)


def _red_flags() -> Iterable[str]:
    yield "## Red-flag rules (graded by level of concern)\n"
    yield "| rule | level | when | action | sources |"
    yield "|---|---|---|---|---|"
    for rule in (*RED_FLAG_RULES, SEVERAL_WEAK_FLAGS):
        when = []
        if rule.all_of:
            when.append("all of: " + ", ".join(rule.all_of))
        if rule.any_of:
            when.append("any of: " + ", ".join(rule.any_of))
        if rule is SEVERAL_WEAK_FLAGS:
            when.append("two or more monitor-level hits left after the rules above")
        yield (
            f"| {_cell(rule.condition)} (`{rule.id}`) | {rule.level} | {_cell('; '.join(when))} "
            f"| {_cell(rule.action)} | {_cell(_sources(rule.sources))} |"
        )
    yield ""
    yield "### Red-flag fields: level on their own and what is known of them\n"
    yield "| field | flag | level alone | note | sources |"
    yield "|---|---|---|---|---|"
    for flag in RED_FLAGS:
        yield (
            f"| `{flag.name}` | {_cell(flag.label)} | {flag.alone} | {_cell(flag.note)} "
            f"| {_cell(_sources(flag.sources))} |"
        )
    yield ""
    yield "### Age factors read by the rules\n"
    yield "| factor | present when age is over | note | sources |"
    yield "|---|---|---|---|"
    for factor in AGE_FACTORS:
        yield (
            f"| `{factor.name}` | {factor.above} | {_cell(factor.note)} "
            f"| {_cell(_sources(factor.sources))} |"
        )
    yield ""


def _management() -> Iterable[str]:
    yield "## Management items and guideline positions\n"
    yield "| item | pillar | guideline positions | beyond the guidelines |"
    yield "|---|---|---|---|"
    for item in MANAGEMENT_ITEMS:
        positions = "; ".join(
            f"{REFERENCES[p.reference].short if p.reference in REFERENCES else p.reference}: "
            f"{' '.join(x for x in (p.strength, p.direction) if x)}"
            + (f" ({p.tag})" if p.tag != "found" else "")
            for p in item.positions
        )
        yield (
            f"| {_cell(item.title)} (`{item.id}`) | {_cell(item.pillar)} | {_cell(positions)} "
            f"| {_cell(item.beyond_guidelines)} |"
        )
    yield ""


def _references() -> Iterable[str]:
    yield "## References\n"
    yield "| key | citation | status |"
    yield "|---|---|---|"
    for ref in sorted(REFERENCES.values(), key=lambda r: r.key):
        yield f"| `{ref.key}` | {_cell(ref.citation)} | {ref.status} |"
    yield ""


def render() -> str:
    """The whole evidence table as Markdown (deterministic: same catalogue, same text)."""
    lines = [_HEADER]
    for part in (_pretest, _findings, _red_flags, _management, _references):
        lines.extend(part())
    return "\n".join(lines).rstrip("\n") + "\n"


def main(argv: list[str] | None = None) -> int:
    """Write ``docs/evidence.md`` (or, with ``--check``, fail when it is stale)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=Path, default=Path.cwd(), help="project root")
    parser.add_argument("--check", action="store_true", help="only check the stored file")
    args = parser.parse_args(argv)
    path = args.root / DOC_PATH
    text = render()
    if args.check:
        stored = path.read_text(encoding="utf-8") if path.exists() else ""
        if stored != text:
            print(f"{DOC_PATH} is stale: run `python -m hipback.knowledge.evidence_doc`")
            return 1
        return 0
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    print(f"wrote {DOC_PATH}")
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
