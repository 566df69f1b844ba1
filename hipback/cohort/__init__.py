"""The synthetic cohort: the generator's own parameters, the sampler, vignettes, the shipped
data and the evaluation of the reasoning against the cohort's ground truth.

The generator never reads the reasoning's likelihood ratios, so the classifier is scored
on data that are not drawn from its own assumptions.
"""
