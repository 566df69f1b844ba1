"""The synthetic cohort: the generator's own parameters, the sampler, vignettes, the shipped
data and the evaluation of the reasoning against the cohort's ground truth.

The generator never reads the reasoning's likelihood ratios (a few published figures
appear on both sides: :data:`hipback.cohort.parameters.SHARED_WITH_CATALOGUE`).
:func:`hipback.cohort.explain.explain_disagreement` says which finding misled the
model when its label and a case's truth differ.
"""
