"""Lesson 02's evidence chart and its words: every weight the kit counts, present and absent."""

from __future__ import annotations

from hipback.knowledge.findings import FINDINGS
from hipback.teaching import charts


def test_the_chart_has_every_weight_the_kit_counts_including_absent_findings():
    frame = charts.lr_points_frame()
    counted = frame[frame["Basis"] != "neutral"]
    expected = {
        (f.name, present, q)
        for f in FINDINGS
        for present in (True, False)
        for q in ("hip", "spine")
        if f.evidence(q, present) is not None and f.evidence(q, present).lr != 1.0
    }
    assert len(counted) == len(expected)
    no_groin = frame[(frame["Finding"] == "No groin pain") & (frame["Question"] == "hip")]
    assert no_groin["Points"].item() == -6.5 and no_groin["State"].item() == "absent"
    figure = charts.lr_points_chart()
    assert "No groin pain" in figure.layout.yaxis.categoryarray


def test_the_words_name_the_strongest_counted_weight_each_way():
    # "No groin pain" (-6.5) lowers the hip most; on the spine question the strongest weight
    # against is a counted one (no low back pain), never a neutral finding at 0 points.
    frame = charts.lr_points_frame()
    words = charts.lr_chart_words().splitlines()
    for line, question in zip(words, ("hip", "spine"), strict=False):
        part = frame[(frame["Question"] == question) & (frame["Basis"] != "neutral")]
        lowest = part.sort_values("Points").iloc[0]
        assert f"strongest against is {lowest['Finding'].lower()} ({lowest['Points']:+.1f}" in line
        assert "neutral" not in line
    assert "strongest against is no groin pain (-6.5 points" in words[0]
    assert "strongest against is no low back pain (-3.0 points" in words[1]
