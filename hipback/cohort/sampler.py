"""The cohort sampler: synthetic cases with a known answer.

:func:`generate_cases` draws a cohort from the generator's own parameters
(:mod:`hipback.cohort.parameters`, with their citations), never from the
classifier's likelihood ratios. :mod:`hipback.cohort.vignettes` turns a case into
the paragraph learners read.

Reproducibility: all randomness comes from one block of uniform numbers drawn
with ``numpy.random.default_rng(seed).random((n, K))``. Uniform doubles from
numpy's PCG64 generator are bit-identical on every platform and numpy version
that supports it, and normal variates are made from them by Box-Muller here
(not by numpy's own normal sampler, whose algorithm may change between
versions), so the same seed gives the same frame on any machine. Row ``i``
uses only row ``i`` of the block: the first ``k`` cases of a cohort of ``n``
are the cohort of ``k``.
"""

from __future__ import annotations

import math
from functools import cache
from typing import TYPE_CHECKING, Any

from hipback.case import FIELD_BY_NAME, FIELD_NAMES, FIELDS, RED_FLAG_GROUP, frame_dtypes
from hipback.cohort import parameters as cm
from hipback.errors import HipbackInputError

if TYPE_CHECKING:
    import pandas as pd

#: Red-flag fields in case-record order.
RED_FLAG_FIELDS: tuple[str, ...] = tuple(f.name for f in FIELDS if f.group == RED_FLAG_GROUP)

#: Ground-truth columns added after the case-record fields.
TRUTH_COLUMNS: tuple[str, ...] = (
    "true_label",
    "hip_source",
    "spine_source",
    "spine_pattern",
    "serious_pathology",
    "true_red_flags",
    "difficulty",
    "mimic",
)

#: Difficulty values accepted by :func:`generate_cases`.
DIFFICULTY_CHOICES: tuple[str, ...] = (*cm.DIFFICULTIES, "mixed")

#: Largest cohort one call may generate (memory guard: about 0.5 kB per case).
MAX_CASES = 5_000_000

_FINDING_FIELDS = tuple(m.field for m in cm.FINDING_MODELS)

#: Red-flag fields added after the slots below were fixed: their uniforms come from a
#: second draw after the first, so the first block, and every older seed's cases, stay.
_LATER_FLAGS: tuple[str, ...] = ("systemically_unwell",)
_SLOT_FLAGS = tuple(name for name in RED_FLAG_FIELDS if name not in _LATER_FLAGS)

# One column of uniforms per purpose. Adding a column changes every row of this block, so
# a new purpose goes in _LATER_SLOTS (drawn after it) instead.
_SLOTS: tuple[str, ...] = (
    "difficulty", "truth", "mimic", "pattern",
    "age_a", "age_b", "sex_unspecified", "sex",
    "bmi_a", "bmi_b", "bmi_missing", "weeks_a", "weeks_b", "weeks_missing",
    "z_hip_a", "z_hip_b", "z_spine_a", "z_spine_b",
    "stage_unknown", "incidental", "incidental_grade",
    "sitting", "stiff_none", "stiff_a", "stiff_b",
    "flagged", "pathology",
    *(f"flag:{name}" for name in _SLOT_FLAGS),
    *(f"finding:{name}" for name in _FINDING_FIELDS),
    *(f"assessed:{name}" for name in (*_FINDING_FIELDS, *_SLOT_FLAGS, "sitting_effect")),
)  # fmt: skip
_LATER_SLOTS: tuple[str, ...] = tuple(
    f"{kind}:{name}" for name in _LATER_FLAGS for kind in ("flag", "assessed")
)
_SLOT = {name: j for j, name in enumerate(_SLOTS)}
_LATER_SLOT = {name: j for j, name in enumerate(_LATER_SLOTS)}


def _check_args(n: Any, seed: Any, difficulty: Any, red_flag_rate: Any) -> None:
    problems = []
    if isinstance(n, bool) or not isinstance(n, int | _np_integer()) or not 0 <= n <= MAX_CASES:
        problems.append(f"n: {n!r} is not allowed; allowed: a whole number from 0 to {MAX_CASES}")
    if isinstance(seed, bool) or not isinstance(seed, int | _np_integer()) or seed < 0:
        problems.append(f"seed: {seed!r} is not allowed; allowed: a whole number 0 or more")
    if not isinstance(difficulty, str) or difficulty not in DIFFICULTY_CHOICES:
        allowed = ", ".join(repr(d) for d in DIFFICULTY_CHOICES)
        problems.append(f"difficulty: {difficulty!r} is not allowed; allowed: one of {allowed}")
    if (
        isinstance(red_flag_rate, bool)
        or not isinstance(red_flag_rate, int | float)
        or not 0.0 <= float(red_flag_rate) <= 1.0
    ):
        problems.append(
            f"red_flag_rate: {red_flag_rate!r} is not allowed; allowed: a number from 0 to 1"
        )
    if problems:
        raise HipbackInputError(problems)


def _np_integer() -> type:
    import numpy as np

    return np.integer


def _normal(u: Any, a: str, b: str) -> Any:
    """Standard normal from two uniform columns (Box-Muller, cosine branch)."""
    import numpy as np

    return np.sqrt(-2.0 * np.log1p(-u[:, _SLOT[a]])) * np.cos(2.0 * np.pi * u[:, _SLOT[b]])


def _pick(u: Any, shares: Any) -> Any:
    """Index of the category each uniform falls in, given shares (rows or one vector)."""
    import numpy as np

    shares = np.asarray(shares, dtype=float)
    if shares.ndim == 1:
        cum = np.cumsum(shares / shares.sum())
        return np.minimum(np.searchsorted(cum, u, side="right"), len(cum) - 1)
    cum = np.cumsum(shares / shares.sum(axis=1, keepdims=True), axis=1)
    return np.minimum((u[:, None] >= cum).sum(axis=1), shares.shape[1] - 1)


@cache
def _intercepts() -> dict[tuple[str, str], float]:
    """Solved log-odds intercept for each (finding, source) so marginals match the citations."""
    out = {}
    for m in cm.FINDING_MODELS:
        for source in ("hip", "stenosis", "radicular", "mechanical"):
            target = getattr(m, source).p
            out[m.field, source] = cm.channel_intercept(target, m.loading, m.background)
    return out


def _sigmoid(x: Any) -> Any:
    import numpy as np

    return 1.0 / (1.0 + np.exp(-x))


def generate_cases(
    n: int = 100,
    seed: int = 0,
    difficulty: str = "mixed",
    red_flag_rate: float = 0.03,
) -> pd.DataFrame:
    """Generate synthetic cases with a known answer.

    Parameters
    ----------
    n : int
        Number of cases (0 to :data:`MAX_CASES`).
    seed : int
        Seed (0 or more); the same seed gives the same frame on any machine.
    difficulty : {"mixed", "easy", "moderate", "hard"}
        ``easy``: textbook presentations; ``moderate``: findings at their cited
        frequencies; ``hard``: subtler, each case carrying one of the mimics
        (hip OA with pain below the knee, stenosis eased by sitting, buttock
        pain that fits both, a red flag inside a typical hip case); ``mixed``:
        30% easy, 40% moderate, 30% hard (:data:`hipback.cohort.parameters.DIFFICULTY`).
    red_flag_rate : float
        Share of cases (0-1) with a serious pathology showing red flags. With
        0, no case has a red flag (the red-flag mimic is not used either).

    Returns
    -------
    pandas.DataFrame
        ``case_id``; every case-record field in :data:`hipback.case.FIELD_NAMES`
        order with the dtypes of :func:`hipback.case.frame_dtypes`; then the
        ground truth: ``true_label`` ("hip", "spine", "combined"),
        ``hip_source`` and ``spine_source`` (bool), ``spine_pattern``,
        ``serious_pathology``, ``true_red_flags`` (red-flag fields present,
        joined by ";", "" when none), ``difficulty`` and ``mimic``.

    Raises
    ------
    HipbackInputError
        For a negative or non-integer ``n`` or ``seed``, an unknown
        difficulty, or a rate outside 0-1.

    Examples
    --------
    >>> from hipback import generate_cases
    >>> cases = generate_cases(n=5, seed=1)
    >>> len(cases), cases["true_label"].isin(["hip", "spine", "combined"]).all()
    (5, np.True_)
    >>> generate_cases(5, seed=1).equals(cases)
    True
    """
    import numpy as np
    import pandas as pd

    _check_args(n, seed, difficulty, red_flag_rate)
    n, seed, rate = int(n), int(seed), float(red_flag_rate)
    rng = np.random.default_rng(seed)
    u = rng.random((n, len(_SLOTS)))
    # Its own stream (spawned from the seed), so row i still depends only on the seed and i.
    later = np.random.default_rng([seed, 1]).random((n, len(_LATER_SLOTS)))

    def col(name: str) -> Any:
        return u[:, _SLOT[name]] if name in _SLOT else later[:, _LATER_SLOT[name]]

    # --- difficulty, truth, mimic, spine pattern -----------------------------------------
    if difficulty == "mixed":
        diff = _pick(col("difficulty"), [cm.DIFFICULTY[d][0] for d in cm.DIFFICULTIES])
    else:
        diff = np.full(n, cm.DIFFICULTIES.index(difficulty))
    shift_by_diff = np.array([cm.DIFFICULTY[d][1] for d in cm.DIFFICULTIES])
    noise_by_diff = np.array([cm.DIFFICULTY[d][2] for d in cm.DIFFICULTIES])
    truth = _pick(col("truth"), [cm.TRUTH_PREVALENCE[t].p for t in cm.TRUTHS])
    hard = diff == cm.DIFFICULTIES.index("hard")

    mimic = np.zeros(n, dtype=np.intp)  # index into cm.MIMIC_NAMES; 0 = none
    for t, truth_name in enumerate(cm.TRUTHS):
        options = [
            cm.MIMIC_NAMES.index(name)
            for name, truths in cm.MIMICS.items()
            if truth_name in truths and not (name == "red_flag_in_typical_hip" and rate == 0.0)
        ]
        rows = hard & (truth == t)
        choice = np.minimum((col("mimic")[rows] * len(options)).astype(np.intp), len(options) - 1)
        mimic[rows] = np.asarray(options)[choice]
    mimic_is = {name: mimic == cm.MIMIC_NAMES.index(name) for name in cm.MIMICS}

    hip_active = truth != cm.TRUTHS.index("spine")
    spine_active = truth != cm.TRUTHS.index("hip")
    pattern_names = cm.SPINE_PATTERNS[1:]
    pattern = np.where(
        spine_active,
        1 + _pick(col("pattern"), [cm.SPINE_PATTERN_SHARE[p].p for p in pattern_names]),
        0,
    )
    pattern[mimic_is["stenosis_eased_by_sitting"]] = cm.SPINE_PATTERNS.index("stenosis")

    # --- the person --------------------------------------------------------------------
    person_keys = ("hip", "combined", *pattern_names)
    person_key = np.where(truth == cm.TRUTHS.index("spine"), 1 + pattern, truth)
    params = np.array(
        [
            [p.age_mean, p.age_sd, p.female, p.bmi_mean, p.bmi_sd, p.weeks_median]
            for p in (cm.PERSON[k] for k in person_keys)
        ]
    )[person_key]
    z_age = _normal(u, "age_a", "age_b")
    age = np.clip(np.rint(params[:, 0] + params[:, 1] * z_age), *cm.AGE_RANGE).astype(np.int64)
    sex = np.where(
        col("sex_unspecified") < cm.SEX_UNSPECIFIED.p, 2, np.where(col("sex") < params[:, 2], 0, 1)
    )
    bmi = np.clip(np.round(params[:, 3] + params[:, 4] * _normal(u, "bmi_a", "bmi_b"), 1),
                  *cm.BMI_RANGE)  # fmt: skip
    bmi_missing = col("bmi_missing") < cm.BMI_MISSING.p
    weeks = np.clip(
        np.rint(np.exp(np.log(params[:, 5]) + cm.WEEKS_LOG_SD * _normal(u, "weeks_a", "weeks_b"))),
        *cm.WEEKS_RANGE,
    )
    weeks_missing = col("weeks_missing") < cm.WEEKS_MISSING.p

    # --- latent severity ---------------------------------------------------------------
    r = cm.AGE_SEVERITY_CORRELATION
    shift = shift_by_diff[diff] + np.where(mimic_is["red_flag_in_typical_hip"], 0.8, 0.0)
    z_hip = r * z_age + math.sqrt(1 - r * r) * _normal(u, "z_hip_a", "z_hip_b") + shift
    z_spine = _normal(u, "z_spine_a", "z_spine_b") + shift

    # --- hip stage ---------------------------------------------------------------------
    stage_names = FIELD_BY_NAME["hip_oa_stage"].choices  # none, early, moderate, advanced, unknown
    s = {name: stage_names.index(name) for name in stage_names}
    hip_stage = np.where(
        z_hip < cm.STAGE_CUTS[0], s["early"],
        np.where(z_hip < cm.STAGE_CUTS[1], s["moderate"], s["advanced"]),
    )  # fmt: skip
    incidental_p = np.where(age >= 50, cm.INCIDENTAL_OA_50.p, cm.INCIDENTAL_OA_UNDER_50.p)
    incidental = col("incidental") < incidental_p
    incidental_stage = np.where(
        incidental,
        np.where(col("incidental_grade") < cm.INCIDENTAL_MODERATE.p, s["moderate"], s["early"]),
        s["none"],
    )
    stage = np.where(hip_active, hip_stage, incidental_stage)
    unknown_p = np.where(hip_active, cm.STAGE_UNKNOWN_HIP.p, cm.STAGE_UNKNOWN_SPINE.p)
    stage = np.where(col("stage_unknown") < unknown_p, s["unknown"], stage)

    # --- sitting effect (eases / worsens / no change) -----------------------------------
    sit_table = np.array(
        [[cm.SITTING[k][0].p, cm.SITTING[k][1].p] for k in ("hip", *pattern_names)]
    )  # rows: hip, stenosis, radicular, mechanical
    p_sit = np.where(hip_active[:, None], sit_table[0], 0.0)
    p_sit = np.where(
        spine_active[:, None],
        np.where(hip_active[:, None], (p_sit + sit_table[np.maximum(pattern, 1)]) / 2.0,
                 sit_table[np.maximum(pattern, 1)]),
        p_sit,
    )  # fmt: skip
    three = np.column_stack([p_sit, 1.0 - p_sit.sum(axis=1)])
    sitting = _pick(col("sitting"), three)  # 0 eases, 1 worsens, 2 no_change
    sitting[mimic_is["stenosis_eased_by_sitting"]] = 0

    # --- yes/no findings: noisy OR of the active sources and background noise -----------
    a = _intercepts()
    easy_like = (diff == cm.DIFFICULTIES.index("easy")) | mimic_is["red_flag_in_typical_hip"]
    easy_damp = cm.DIFFICULTY["easy"][2]
    out: dict[str, Any] = {}
    for m in cm.FINDING_MODELS:
        f_hip = m.hip.p
        f_pat = np.array([0.0, m.stenosis.p, m.radicular.p, m.mechanical.p])
        a_pat = np.array([0.0, *(a[m.field, p] for p in pattern_names)])
        p_hip = np.where(hip_active, _sigmoid(a[m.field, "hip"] + m.loading * z_hip), 0.0)
        p_spine = np.where(spine_active, _sigmoid(a_pat[pattern] + m.loading * z_spine), 0.0)
        if m.field == "hip_rotation_limited":
            # Spine-driven cases: rotation follows incidental hip OA, not the spine.
            incidental_table = np.array(
                [cm.INCIDENTAL_ROTATION.get(name, cm.INCIDENTAL_ROTATION["unknown"]).p
                 for name in stage_names]
            )  # fmt: skip
            p_spine = np.where(hip_active, 0.0, incidental_table[stage])
        # Textbook (easy) single-source cases rarely show findings that point the other way.
        against_hip = f_hip < f_pat[1:].mean()
        against_spine = f_pat < f_hip
        damp = np.where(easy_like & (truth == cm.TRUTHS.index("hip")) & against_hip, easy_damp, 1.0)
        damp = np.where(
            easy_like & (truth == cm.TRUTHS.index("spine")) & against_spine[pattern],
            easy_damp,
            damp,
        )
        p = 1.0 - (1.0 - p_hip * damp) * (1.0 - p_spine * damp) * (
            1.0 - m.background * noise_by_diff[diff]
        )
        if m.field == "worse_prolonged_sitting":
            p = np.where(sitting == 0, cm.PROLONGED_SITTING_GIVEN["eases"], p)
            p = np.where(sitting == 1, cm.PROLONGED_SITTING_GIVEN["worsens"], p)
        out[m.field] = col(f"finding:{m.field}") < p

    # --- hard-case mimics ----------------------------------------------------------------
    out["pain_below_knee"] |= mimic_is["hip_pain_below_knee"]
    out["worse_walking"] |= mimic_is["stenosis_eased_by_sitting"]
    out["worse_prolonged_sitting"] &= ~mimic_is["stenosis_eased_by_sitting"]
    both = mimic_is["buttock_pain_fits_both"]
    out["pain_buttock"] |= both
    for name in ("pain_groin", "pain_anterior_thigh", "pain_below_knee"):
        out[name] &= ~both

    # --- morning stiffness -------------------------------------------------------------
    stiff_keys = ("hip", *pattern_names)
    stiff_none = np.array([cm.MORNING_STIFFNESS[k][0].p for k in stiff_keys])
    stiff_median = np.array([cm.MORNING_STIFFNESS[k][1] for k in stiff_keys])
    stiff_row = np.where(hip_active, 0, pattern)
    minutes = np.exp(
        np.log(stiff_median[stiff_row]) + cm.STIFFNESS_LOG_SD * _normal(u, "stiff_a", "stiff_b")
    )
    minutes = np.clip(5 * np.rint(minutes / 5), 5, 240).astype(np.int64)
    minutes = np.where(col("stiff_none") < stiff_none[stiff_row], 0, minutes)

    # --- red flags from a serious pathology ----------------------------------------------
    flagged = (col("flagged") < rate) | mimic_is["red_flag_in_typical_hip"]
    path_names = tuple(cm.SERIOUS_PATHOLOGY)
    pathology = np.where(
        flagged, 1 + _pick(col("pathology"), [cm.SERIOUS_PATHOLOGY[p][0] for p in path_names]), 0
    )
    flags = {name: np.zeros(n, dtype=bool) for name in RED_FLAG_FIELDS}
    for k, path in enumerate(path_names, start=1):
        rows = pathology == k
        fields = cm.SERIOUS_PATHOLOGY[path][1]
        drawn = np.zeros(n, dtype=bool)
        for name, prob in fields:
            hit = rows & (col(f"flag:{name}") < prob)
            flags[name] |= hit
            drawn |= hit
        flags[fields[0][0]] |= rows & ~drawn  # every flagged case shows at least one flag
    bits = np.zeros(n, dtype=np.int64)
    for j, name in enumerate(RED_FLAG_FIELDS):
        bits |= flags[name].astype(np.int64) << j
    patterns, inverse = np.unique(bits, return_inverse=True)
    flag_text = np.array(
        [";".join(nm for j, nm in enumerate(RED_FLAG_FIELDS) if int(b) >> j & 1) for b in patterns],
        dtype=object,
    )

    # --- not assessed (case record v2): a realistic share of fields left None ------------
    easy = diff == cm.DIFFICULTIES.index("easy")
    boost = np.where(easy, cm.EASY_ASSESSED_BOOST, 1.0)

    def asked(name: str, kind: str) -> Any:
        return col(f"assessed:{name}") >= (1.0 - cm.ASSESSED[kind].p) * boost

    def three_state(values: Any, assessed: Any) -> Any:
        return pd.array(np.where(assessed, values, None), dtype="boolean")

    keep = {  # the finding a hard case's mimic is about is always recorded
        "pain_below_knee": mimic_is["hip_pain_below_knee"],
        "pain_buttock": mimic_is["buttock_pain_fits_both"],
    }
    for name in _FINDING_FIELDS:
        assessed = asked(name, cm.ASSESSMENT_KIND.get(name, "history"))
        if name in keep:
            assessed = assessed | keep[name]
        if cm.ASSESSMENT_KIND.get(name) == "pain_location":  # a painful area is reported
            assessed = assessed | out[name]
        out[name] = three_state(out[name], assessed)
    for name in RED_FLAG_FIELDS:  # a flag that is present is always recorded
        flags[name] = three_state(flags[name], asked(name, "red_flags") | flags[name])
    sitting_asked = asked("sitting_effect", "history") | mimic_is["stenosis_eased_by_sitting"]
    sitting = np.where(sitting_asked, sitting, -1)

    # --- assemble ------------------------------------------------------------------------
    width = max(4, len(str(n)))
    columns: dict[str, Any] = {
        "case_id": [f"S{seed}-{i:0{width}d}" for i in range(1, n + 1)],
        "age": age,
        "sex": pd.Categorical.from_codes(sex, categories=FIELD_BY_NAME["sex"].choices),
        "bmi": pd.array(np.where(bmi_missing, np.nan, bmi), dtype="Float64"),
        "symptom_weeks": pd.array(
            np.where(weeks_missing, pd.NA, weeks.astype(np.int64)), dtype="Int64"
        ),
        "hip_oa_stage": pd.Categorical.from_codes(stage, categories=stage_names),
        "sitting_effect": pd.Categorical.from_codes(
            sitting, categories=FIELD_BY_NAME["sitting_effect"].choices
        ),
        "morning_stiffness_minutes": minutes,
        **out,
        **flags,
    }
    frame = pd.DataFrame({name: columns[name] for name in ("case_id", *FIELD_NAMES)})
    frame = frame.astype(frame_dtypes())
    frame["true_label"] = pd.Categorical.from_codes(truth, categories=cm.TRUTHS)
    frame["hip_source"] = hip_active
    frame["spine_source"] = spine_active
    frame["spine_pattern"] = pd.Categorical.from_codes(pattern, categories=cm.SPINE_PATTERNS)
    frame["serious_pathology"] = pd.Categorical.from_codes(pathology, categories=cm.PATHOLOGIES)
    frame["true_red_flags"] = flag_text[inverse.reshape(-1)] if n else np.empty(0, dtype=object)
    frame["true_red_flags"] = frame["true_red_flags"].astype("str")
    frame["difficulty"] = pd.Categorical.from_codes(diff, categories=cm.DIFFICULTIES)
    frame["mimic"] = pd.Categorical.from_codes(mimic, categories=cm.MIMIC_NAMES)
    return frame
