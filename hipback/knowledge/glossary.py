"""Glossary: the terms the kit uses, each with a plain definition and a source.

Lessons, widgets and case cards read definitions from here (one source of truth): each
lesson's "Words used in this lesson" box lists the terms whose ``match`` spellings occur
in the lesson (made by ``make lessons``).
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
    match : tuple of str
        Lower-case spellings that show a lesson uses the term (default: the term).
    """

    term: str
    definition: str
    source: str
    match: tuple[str, ...] = ()

    @property
    def spellings(self) -> tuple[str, ...]:
        """The spellings to look for (``match``, or the term in lower case)."""
        return self.match or (self.term.lower(),)


GLOSSARY: dict[str, Term] = {
    t.term: t
    for t in (
        Term(
            "internal rotation",
            "Turning the thigh inwards at the hip (the foot swings outwards with the knee bent). "
            "It is often the first movement lost in hip osteoarthritis.",
            "birrell2001",
            match=("internal rotation",),
        ),
        Term(
            "neurogenic claudication",
            "Pain, heaviness or tingling in the buttocks and legs brought on by standing or "
            "walking and eased by sitting or bending forward, from a narrowed lumbar canal.",
            "suri2010",
            match=("claudication",),
        ),
        Term(
            "stenosis",
            "Narrowing of the lumbar spinal canal or its exits, squeezing the nerves; common "
            "after 60 and often without symptoms.",
            "suri2010",
            match=("stenosis",),
        ),
        Term(
            "radicular pain",
            "Pain from an irritated nerve root, felt along the leg in the root's territory "
            "(below the knee for L5 and S1), often with tingling; called sciatica.",
            "nice_ng59",
            match=("radicular", "nerve-root", "nerve root"),
        ),
        Term(
            "likelihood ratio",
            "How many times more likely a finding is in people with the condition than in "
            "people without it: LR+ = sensitivity / (1 - specificity) when present, "
            "LR- = (1 - sensitivity) / specificity when absent.",
            "metcalfe2019",
            match=("likelihood ratio", " lr "),
        ),
        Term(
            "pre-test probability",
            "How likely the condition is before the finding is known (the starting point).",
            "plain",
            match=("pre-test",),
        ),
        Term(
            "post-test probability",
            "How likely the condition is after the finding: pre-test odds times the likelihood "
            "ratio, turned back into a probability (what Fagan's nomogram draws).",
            "plain",
            match=("post-test",),
        ),
        Term(
            "MSCC",
            "Metastatic spinal cord compression: cancer spread to the spine pressing on the "
            "cord or cauda equina. A person with cancer and spinal pain that suggests spread "
            "(night pain, weight loss, upper-back pain, or over 50) needs urgent assessment; "
            "new weakness or numbness makes it an emergency.",
            "downie2013",
            match=("mscc", "spinal cord compression"),
        ),
        Term(
            "cauda equina",
            "The bundle of nerve roots below the end of the spinal cord; its compression "
            "(cauda equina syndrome: saddle numbness, bladder, bowel or sexual change, "
            "sciatica in both legs) is an emergency.",
            "greenhalgh2018",
            match=("cauda equina",),
        ),
        Term(
            "STarT Back",
            "A short questionnaire that sorts people with back pain into low, medium or high "
            "risk of a poor outcome, to match the amount of treatment; NICE NG59 suggests a "
            "tool like it at first contact.",
            "nice_ng59",
            match=("start back",),
        ),
        Term(
            "Brier score",
            "The mean squared difference between predicted probabilities and what happened "
            "(1 or 0): 0 is perfect, 0.25 is what always saying 50% scores.",
            "plain",
            match=("brier",),
        ),
        Term(
            "osteoarthritis (OA)",
            "Wear and repair of a joint's cartilage and bone that makes it stiff and painful; "
            "in the hip it limits turning inwards (internal rotation) first.",
            "birrell2001",
            match=("osteoarthritis", " oa "),
        ),
        Term(
            "lumbar spine",
            "The five vertebrae of the low back, with the discs and joints between them.",
            "plain",
            match=("lumbar",),
        ),
        Term(
            "red flag",
            "A sign of a possibly serious condition (cancer, infection, fracture, nerve "
            "compression) that is screened apart from the hip-or-spine question and graded "
            "by how fast to act: emergency, urgent, soon or monitor.",
            "finucane2020",
            match=("red flag",),
        ),
        Term(
            "odds",
            "The chance something is there divided by the chance it is not (an even chance "
            "is odds of one).",
            "plain",
            match=("odds",),
        ),
        Term(
            "points",
            "The kit's scale for a finding's weight: ten times the base-ten logarithm of its "
            "likelihood ratio, so that weights add up where likelihood ratios multiply.",
            "plain",
            match=("points",),
        ),
        Term(
            "Fagan nomogram",
            "A chart with three scales that turns a pre-test probability and a likelihood "
            "ratio into a post-test probability with a ruler.",
            "plain",
            match=("nomogram",),
        ),
        Term(
            "calibration",
            "Whether stated chances come true: of all the people given seven chances in ten, "
            "about seven in ten should have the condition.",
            "plain",
            match=("calibrat",),
        ),
    )
}
