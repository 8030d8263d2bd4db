"""S-OCR: OCR'd values that break the arithmetic name the likely misread cells (6↔9, a 1
dropped or added, a digit dropped), and an unreadable OCR cell that is the one unknown of a
sum gets the implied value in the message, never in the value. Reports are the clean sample
with its cells marked as read by OCR, so no OCR engine is needed."""

from __future__ import annotations

from disclosure_cli.rules.s_ocr import confusions
from disclosure_cli.templates import T3_APPLICANT_COLUMNS

from .helpers import clean, findings


def ocr_report(**changes):
    """The clean sample as if scanned: every cell's location says OCR; `changes` set values
    (None: unreadable, as a low-confidence cell is)."""
    report = clean()
    for v in report.values.values():
        if v.loc is not None:
            v.loc = v.loc._replace(method="ocr", confidence=0.99, box=(0, 0, 10, 10))
    for key, value in changes.items():
        v = report.values[key]
        if value is None:
            v.value, v.status = None, "unreadable"
        else:
            v.value, v.status, v.raw = value, "ok", str(value)
    return report


def test_confusions_are_the_ocr_ones():
    assert {9, 96}.isdisjoint(confusions("8"))
    assert 9 in confusions("6") and 6 in confusions("9")
    assert 11 in confusions("1") and 1 in confusions("11")
    assert 3985758 in confusions("398575") and 3985758 in confusions("395758")
    assert 7 not in confusions("8") and 8 not in confusions("8")


def test_clean_scan_passes_and_text_reports_are_not_its_business():
    assert findings("S-OCR", ocr_report()) == []
    report = clean()
    granted = report.values["t3.granted.natural_person"]
    granted.value = granted.value + 3 if granted.value != 6 else 9
    assert findings("S-OCR", report) == []  # not read by OCR: T3-ROW's business alone


def test_a_6_or_9_that_breaks_a_row_names_both_cells_never_corrects_them():
    """The rule's failing example: 自然人 read as 9, 总计 as 6, the rest 0: either may be the
    misread one, so both are named with the value that would balance the row."""
    row = {f"t3.granted.{c}": 0 for c in T3_APPLICANT_COLUMNS}
    report = ocr_report(**{**row, "t3.granted.natural_person": 9, "t3.granted.total": 6})
    named = {f.keys[0]: f for f in findings("S-OCR", report)}
    person, total = named["t3.granted.natural_person"], named["t3.granted.total"]
    assert (person.expected, person.actual, total.expected, total.actual) == (6, 9, 9, 6)
    assert person.severity == "warning" and "OCR读作 9，按勾稽关系应为 6" in person.message
    assert report.values["t3.granted.natural_person"].value == 9  # never corrected


def test_an_unreadable_cell_gets_the_implied_value_in_the_message_only():
    report = clean()
    key = "t3.new_received.natural_person"
    was = report.values[key].value
    report = ocr_report(**{key: None})
    out = [f for f in findings("S-OCR", report) if f.keys == (key,)]
    assert len(out) == 1 and out[0].expected == was
    assert f"按勾稽关系应为 {was}" in out[0].message
    assert report.values[key].value is None and report.values[key].status == "unreadable"


def test_a_wrong_number_no_confusion_explains_is_left_to_the_sum_rules():
    report = clean()
    key = "t3.new_received.natural_person"
    was = report.values[key].value
    report = ocr_report(**{key: was + 500})
    assert [f for f in findings("S-OCR", report) if key in f.keys] == []
