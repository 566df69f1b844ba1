"""docs/evidence.md is the knowledge modules, rendered: it must not drift from them."""

from pathlib import Path

from hipback.knowledge import evidence_doc
from hipback.knowledge.findings import FINDINGS
from hipback.knowledge.red_flags import RED_FLAG_RULES

ROOT = Path(__file__).resolve().parents[1]


def test_the_stored_evidence_table_is_current():
    stored = (ROOT / evidence_doc.DOC_PATH).read_text(encoding="utf-8")
    assert stored == evidence_doc.render(), (
        "docs/evidence.md is stale: run `python -m hipback.knowledge.evidence_doc`"
    )


def test_every_finding_and_red_flag_rule_has_a_row():
    text = evidence_doc.render()
    for finding in FINDINGS:
        assert f"(`{finding.name}`)" in text, finding.name
    for rule in RED_FLAG_RULES:
        assert f"(`{rule.id}`)" in text, rule.id


def test_check_mode_fails_on_a_stale_file(tmp_path):
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "evidence.md").write_text("old\n", encoding="utf-8")
    assert evidence_doc.main(["--root", str(tmp_path), "--check"]) == 1
    assert evidence_doc.main(["--root", str(tmp_path)]) == 0
    assert evidence_doc.main(["--root", str(tmp_path), "--check"]) == 0
