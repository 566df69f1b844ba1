"""The kit's clinical knowledge, as data with a citation on every entry.

Findings and their likelihood ratios, red flags, references (and, as the layout grows,
the management catalogue, label meanings and the glossary). Everything else — the
engine, the cohort, the lessons, the figures and widgets — reads clinical numbers and
sentences from here and never restates them. This layer imports nothing of the kit but
:mod:`hipback.errors`.
"""
