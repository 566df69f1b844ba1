"""Glossary: the terms the kit uses, each with a plain definition and a source.

Lessons, widgets and case cards read definitions from here (one source of truth).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Term:
    """One glossary entry.

    Attributes
    ----------
    term : str
        The term as learners meet it.
    definition : str
        A plain-language definition.
    source : str
        Reference key in :data:`hipback.knowledge.references.REFERENCES`, or
        ``"plain"`` for a plain definition of common clinical usage.
    """

    term: str
    definition: str
    source: str


GLOSSARY: dict[str, Term] = {
    t.term: t
    for t in (
        Term(
            "internal rotation",
            "Turning the thigh inwards at the hip (the foot swings outwards with the knee bent). "
            "It is often the first movement lost in hip osteoarthritis.",
            "birrell2001",
        ),
        Term(
            "neurogenic claudication",
            "Pain, heaviness or tingling in the buttocks and legs brought on by standing or "
            "walking and eased by sitting or bending forward, from a narrowed lumbar canal.",
            "suri2010",
        ),
        Term(
            "stenosis",
            "Narrowing of the lumbar spinal canal or its exits, squeezing the nerves; common "
            "after 60 and often without symptoms.",
            "suri2010",
        ),
        Term(
            "radicular pain",
            "Pain from an irritated nerve root, felt along the leg in the root's territory "
            "(below the knee for L5 and S1), often with tingling; called sciatica.",
            "nice_ng59",
        ),
        Term(
            "likelihood ratio",
            "How many times more likely a finding is in people with the condition than in "
            "people without it: LR+ = sensitivity / (1 - specificity) when present, "
            "LR- = (1 - sensitivity) / specificity when absent.",
            "metcalfe2019",
        ),
        Term(
            "pre-test probability",
            "How likely the condition is before the finding is known (the starting point).",
            "plain",
        ),
        Term(
            "post-test probability",
            "How likely the condition is after the finding: pre-test odds times the likelihood "
            "ratio, turned back into a probability (what Fagan's nomogram draws).",
            "plain",
        ),
        Term(
            "MSCC",
            "Metastatic spinal cord compression: cancer spread to the spine pressing on the "
            "cord or cauda equina; a person with cancer and new spinal pain needs urgent "
            "assessment.",
            "downie2013",
        ),
        Term(
            "cauda equina",
            "The bundle of nerve roots below the end of the spinal cord; its compression "
            "(cauda equina syndrome: saddle numbness, bladder, bowel or sexual change, "
            "sciatica in both legs) is an emergency.",
            "greenhalgh2018",
        ),
        Term(
            "STarT Back",
            "A short questionnaire that sorts people with back pain into low, medium or high "
            "risk of a poor outcome, to match the amount of treatment; NICE NG59 suggests a "
            "tool like it at first contact.",
            "nice_ng59",
        ),
        Term(
            "Brier score",
            "The mean squared difference between predicted probabilities and what happened "
            "(1 or 0): 0 is perfect, 0.25 is what always saying 50% scores.",
            "plain",
        ),
    )
}
