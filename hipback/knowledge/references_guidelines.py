"""Sources added for the graded red flags and the management audit fixes.

The kit's main catalogue is :mod:`hipback.knowledge.references`; these entries sit beside
it (same :class:`~hipback.knowledge.references.Reference` record, same ``status``
meaning) until they are merged into it. :func:`reference` looks a key up in both, so
every red-flag rule and management item can cite either.
"""

from __future__ import annotations

from types import MappingProxyType

from hipback.knowledge.references import REFERENCES, Reference

_GUIDELINE_REFS = (
    Reference(
        "nice_ng234",
        "NICE NG234",
        "National Institute for Health and Care Excellence. Spinal metastases and metastatic "
        "spinal cord compression. NICE guideline NG234, 2023 (replaced CG75, 2008): contact "
        "the MSCC team within 24 hours for cancer with spinal pain suggestive of metastases, "
        "immediately with neurological symptoms or signs. Timings as summarised in the "
        "kit's evidence review, not re-read in the guideline text.",
        "unverified",
    ),
    Reference(
        "nice_ng156",
        "NICE NG156",
        "National Institute for Health and Care Excellence. Abdominal aortic aneurysm: "
        "diagnosis and management. NICE guideline NG156, 2020. The emergency action for a "
        "suspected symptomatic or ruptured aneurysm is cited from memory, not re-read.",
        "unverified",
    ),
    Reference(
        "coakley2006",
        "BSR hot swollen joint 2006",
        "Coakley G, Mathews C, Field M, et al. BSR & BHPR, BOA, RCGP and BSAC guidelines for "
        "management of the hot swollen joint in adults. Rheumatology 2006;45(8):1039-1041. "
        "doi:10.1093/rheumatology/kel163a. Cited from memory, not re-read.",
        "unverified",
    ),
)

#: The added references, by key.
GUIDELINE_REFERENCES: MappingProxyType[str, Reference] = MappingProxyType(
    {r.key: r for r in _GUIDELINE_REFS}
)


def reference(key: str) -> Reference:
    """Look a key up in the kit's references and in :data:`GUIDELINE_REFERENCES`.

    Examples
    --------
    >>> reference("nice_ng234").short
    'NICE NG234'
    >>> reference("downie2013").short
    'Downie 2013'
    """
    found = GUIDELINE_REFERENCES.get(key) or REFERENCES.get(key)
    if found is None:
        raise KeyError(key)
    return found


def is_reference(key: str) -> bool:
    """True when :func:`reference` knows the key."""
    return key in GUIDELINE_REFERENCES or key in REFERENCES
