"""Normalisation and certain corrections of field values: what is mended, and what is left as read."""
from __future__ import annotations

import unicodedata
from datetime import date

import pytest

from ocr.extract.model import Field
from ocr.extract.values import (
    ParsedDate,
    clean_field,
    code_patterns,
    fix_digits,
    known_abbreviations,
    normalize_number,
    normalize_text,
    parse_date,
    parse_date_line,
)
from tests.docgen import generate_document


def read(value: str | list[str], corrected_from: str | None = None) -> Field:
    return Field(value=value, confidence=0.9, page=1, bbox=(10, 20, 300, 60), corrected_from=corrected_from)


# --- normalize_text ---------------------------------------------------------------------------

def test_normalize_text_composes_collapses_and_strips() -> None:
    decomposed = unicodedata.normalize("NFD", "  Quyết   định\tsố\u00a0 15 \n")
    assert normalize_text(decomposed) == "Quyết định số 15"
    assert unicodedata.is_normalized("NFC", normalize_text(decomposed))


def test_normalize_text_maps_the_icelandic_eth_to_vietnamese_dj() -> None:
    assert normalize_text("QÐ-UBND ðồng") == "QĐ-UBND đồng"
    assert normalize_text("125/QĐÐ-UBND") == "125/QĐ-UBND"  # the model's doubled letter


# --- fix_digits -------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "fixed"), [
    ("O79O84OOO999", "079084000999"),
    ("0l2 345 67B", "012 345 678"),
    ("|5S", "155"),
    ("0912.345.6I8", "0912.345.618"),
])
def test_fix_digits_mends_letters_in_a_digit_field(text: str, fixed: str) -> None:
    assert fix_digits(text) == (fixed, True)


@pytest.mark.parametrize("text", ["Nguyễn", "Số 079", "OOO", "", "lSB"])
def test_fix_digits_leaves_words_and_groups_without_a_real_digit(text: str) -> None:
    assert fix_digits(text) == (text, False)


def test_fix_digits_reports_no_change_on_clean_digits() -> None:
    assert fix_digits("079084000999") == ("079084000999", False)


# --- parse_date -------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "iso", "words", "padded"), [
    ("ngày 05 tháng 01 năm 2020", "2020-01-05", True, True),
    ("05 tháng 01 năm 2020", "2020-01-05", True, True),
    ("NGÀY 05 THÁNG 01 NĂM 2020", "2020-01-05", True, True),
    ("Ngày 29 tháng 6 năm 2019", "2019-06-29", True, True),
    ("ngày 15 tháng 12 năm 2024.", "2024-12-15", True, True),
    ("ngày 5 tháng 01 năm 2020", "2020-01-05", True, False),  # day below 10 unpadded
    ("ngày 05 tháng 1 năm 2020", "2020-01-05", True, False),  # January unpadded
    ("ngày 05 tháng 06 năm 2020", "2020-06-05", True, False),  # "tháng 6" is the statutory form
    ("05/01/2020", "2020-01-05", False, True),
    ("5-1-2020", "2020-01-05", False, False),
    ("05.01.2020", "2020-01-05", False, True),
    ("05 / 06 / 2020", "2020-06-05", False, True),  # numeric dates: only the leading 0 is asked
    ("2020-01-05", "2020-01-05", False, True),
])
def test_parse_date_forms(text: str, iso: str, words: bool, padded: bool) -> None:
    parsed = parse_date(text)
    assert parsed is not None
    assert (parsed.iso, parsed.value, parsed.words, parsed.padded, parsed.corrected) == (
        iso, date.fromisoformat(iso), words, padded, False)


@pytest.mark.parametrize(("text", "iso"), [
    ("29/02/2020", "2020-02-29"),  # leap year
    ("ngày 29 tháng 02 năm 2000", "2000-02-29"),  # divisible by 400
    ("28/02/2019", "2019-02-28"),
])
def test_parse_date_leap_days(text: str, iso: str) -> None:
    parsed = parse_date(text)
    assert parsed is not None and parsed.iso == iso


@pytest.mark.parametrize("text", [
    "29/02/2019", "ngày 29 tháng 02 năm 1900", "31/04/2021", "00/01/2020", "15/13/2020", "2019-02-29",
    "ngày tháng năm 2020", "Hà Nội", "", "05/01/20", "05/01-2020",
])
def test_parse_date_refuses_what_is_not_a_real_date(text: str) -> None:
    assert parse_date(text) is None


def test_parse_date_mends_digit_confusions_and_keeps_the_print() -> None:
    parsed = parse_date("ngày O5 tháng 0l năm 2O2O")
    assert parsed == ParsedDate(date(2020, 1, 5), "2020-01-05", "ngày O5 tháng 0l năm 2O2O", True, True, True)
    assert parse_date("l5/O3/1985") is not None and parse_date("l5/O3/1985").iso == "1985-03-15"


def test_parse_date_does_not_guess_a_group_without_a_real_digit() -> None:
    assert parse_date("OS/01/2020") is None
    assert parse_date("05.Ol.2020") is None
    assert parse_date("ngày 05 tháng 01 năm ZOZO") is None  # a year of confusions alone


def test_parse_date_mends_a_day_or_month_of_confusions_in_the_date_line() -> None:
    # Between "ngày", "tháng" and "năm" only a number can stand: there a group of
    # confusions alone is a misread number, and the print is kept for the clerk.
    parsed = parse_date("ngày 23 tháng II năm 2023")
    assert parsed is not None and parsed.iso == "2023-11-23" and parsed.corrected
    assert parse_date("ngày l7 tháng T0 năm 2025").iso == "2025-10-17"
    assert parse_date("ngày OS tháng 01 năm 2020").iso == "2020-01-05"
    assert parse_date("ngày Tết tháng Giêng năm 2020") is None
    assert parse_date("ngày S tháng 01 năm 2020") is None  # one letter alone: not certain


def test_parse_date_line_splits_place_and_date() -> None:
    place, parsed = parse_date_line("Hà Nội, ngày 05 tháng 01 năm 2020")
    assert place == "Hà Nội" and parsed.iso == "2020-01-05" and parsed.raw == "ngày 05 tháng 01 năm 2020"
    place, parsed = parse_date_line("Thành phố Hồ Chí Minh, ngày 29 tháng 6 năm 2019")
    assert place == "Thành phố Hồ Chí Minh" and parsed.iso == "2019-06-29" and parsed.padded


def test_parse_date_line_without_a_place() -> None:
    assert parse_date_line("ngày 05 tháng 01 năm 2020")[0] is None
    place, parsed = parse_date_line("09 giờ 15 phút, ngày 24/04/2026")
    assert place is None and parsed.iso == "2026-04-24"
    place, parsed = parse_date_line("Ngày, tháng, năm sinh: 13/03/1977.............")
    assert place is None and parsed.iso == "1977-03-13"


def test_parse_date_line_without_a_date() -> None:
    assert parse_date_line("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM") is None
    assert parse_date_line("Hà Nội, ngày 30 tháng 02 năm 2020") is None


# --- normalize_number -------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "value", "corrected_from"), [
    ("Số: 15/QĐ-UBND", "15/QĐ-UBND", None),
    ("SỐ: 05/BNV-VP", "05/BNV-VP", None),
    ("Số:  125 / QĐ - UBND", "125/QĐ-UBND", None),  # spaces are formatting, not a correction
    ("Số: 686/STTT-CNTT&BCVT", "686/STTT-CNTT&BCVT", None),
    ("Số: 01/2023/TT-VPCP", "01/2023/TT-VPCP", None),
    ("Số: 12/TTr-UBND", "12/TTr-UBND", None),
    ("Số: O5/QĐ-UBND", "05/QĐ-UBND", "O5/QĐ-UBND"),
    ("Số: l25/QD-UBND", "125/QĐ-UBND", "l25/QD-UBND"),
    ("Số: 30/2O20/ND-CP", "30/2020/NĐ-CP", "30/2O20/ND-CP"),
    ("Số: 07/QyD-UBND", "07/QyĐ-UBND", "07/QyD-UBND"),
    ("Số: 03/CD-UBND", "03/CĐ-UBND", "03/CD-UBND"),
])
def test_normalize_number(text: str, value: str, corrected_from: str | None) -> None:
    assert normalize_number(text) == (value, corrected_from)


@pytest.mark.parametrize("text", [
    "Số: 15/HD-UBND",  # HD is "Hướng dẫn" itself: never made HĐ
    "Số: 15/DA-UBND",  # DA is "Dự án"
    "Số: 48/SDTTG-VP",  # D inside an agency symbol (Sở Dân tộc và Tôn giáo)
    "Số: 15/UBND-QD",  # D→Đ only in the type position
])
def test_normalize_number_keeps_a_d_that_is_valid_or_not_in_the_type_position(text: str) -> None:
    value, corrected_from = normalize_number(text)
    assert value == text.removeprefix("Số: ") and corrected_from is None


def test_normalize_number_leaves_an_unfixable_value_as_read() -> None:
    assert normalize_number("Số: OS/QD") == ("OS/QD", None)
    assert normalize_number("Số: O5/QD-ubnd") == ("O5/QD-ubnd", None)
    assert normalize_number("Quyết định") == ("Quyết định", None)


def test_d_forms_are_corrected_only_where_the_d_spelling_is_no_abbreviation() -> None:
    mapping = code_patterns().d_for_dj
    assert mapping["QD"] == "QĐ" and mapping["ND"] == "NĐ" and mapping["CD"] == "CĐ"
    assert "HD" not in mapping and "DA" not in mapping
    old_ones = {"CN", "BN", "GP", "GCN", "UQ", "GT", "NP"}
    assert {"QĐ", "HD", "TTr", "CTr", "TrS", "QyĐ"} | old_ones <= known_abbreviations()


# --- clean_field ------------------------------------------------------------------------------

@pytest.mark.parametrize(("name", "value", "cleaned", "corrected_from"), [
    ("personal_id", "O79O84OOO999", "079084000999", "O79O84OOO999"),
    ("personal_id", "079 084 000 999", "079084000999", None),
    ("personal_id", "O12345678", "012345678", "O12345678"),  # an old 9-digit number
    ("phone", "O912 345 67B", "0912 345 678", "O912 345 67B"),
    ("phone", "0912.345.678", "0912.345.678", None),
    ("dossier_code", "OOO.OO.OO.H3B-23O512-OOO7", "000.00.00.H38-230512-0007", "OOO.OO.OO.H3B-23O512-OOO7"),
    ("dossier_code", "000.00.00.H38 - 230512 - 0007", "000.00.00.H38-230512-0007", None),
    ("dossier_code", "H38.TTHC-23O512-OOO12", "H38.TTHC-230512-00012", "H38.TTHC-23O512-OOO12"),
    ("procedure_code", "l.Ol1442", "1.011442", "l.Ol1442"),
    ("procedure_code", "2.OOO815.OOO.OO.OO.H55.O2", "2.000815.000.00.00.H55.02", "2.OOO815.OOO.OO.OO.H55.O2"),
    ("procedure_code", "1.000948.H38", "1.000948.H38", None),
    ("number", "Số: O5/QD-UBND", "05/QĐ-UBND", "O5/QD-UBND"),
    ("number", "Số: 05/QĐ-UBND", "05/QĐ-UBND", None),
    ("signing_authority", "KT", "KT.", "KT"),
    ("signing_authority", "TM.", "TM.", None),
    ("issue_date", "ngày 05 tháng 01 năm 2020", "2020-01-05", None),
    ("issue_date", "ngày 29 tháng 6 năm 2019", "2019-06-29", None),
    ("date_of_birth", "13/03/1977", "1977-03-13", None),
    ("received_date", "ngày O5 tháng 01 năm 2O2O", "2020-01-05", "ngày O5 tháng 01 năm 2O2O"),
    # The print breaks Decree 30's padding: kept, so validation can still say so.
    ("issue_date", "ngày 5 tháng 1 năm 2020", "2020-01-05", "ngày 5 tháng 1 năm 2020"),
    ("issue_date", "Hà Nội, ngày 05 tháng 01 năm 2020", "2020-01-05", "Hà Nội, ngày 05 tháng 01 năm 2020"),
    ("issue_date", "2020-01-05", "2020-01-05", None),
    ("full_name", "  NGUYỄN   VĂN  AN ", "NGUYỄN VĂN AN", None),
    ("issuer", "ỦY BAN NHÂN DÂN TỈNH ÐẮK LẮK", "ỦY BAN NHÂN DÂN TỈNH ĐẮK LẮK", None),
])
def test_clean_field(name: str, value: str, cleaned: str, corrected_from: str | None) -> None:
    field = clean_field(name, read(value))
    assert (field.value, field.corrected_from) == (cleaned, corrected_from)
    assert (field.confidence, field.page, field.bbox, field.source) == (0.9, 1, (10, 20, 300, 60), "ocr")


@pytest.mark.parametrize(("name", "value"), [
    ("personal_id", "Nguyễn Văn An"),
    ("personal_id", "O79O84OOO99"),  # 11 digits after mending: cannot be made valid
    ("phone", "O91234567"),
    ("dossier_code", "OOO.OO.OO.H3B-23O5l2"),
    ("procedure_code", "4.OOO815"),
    ("number", "Số: O5/QD-ubnd"),  # O and D are mended only when the whole value is then a number
    ("issue_date", "ngày 29 tháng 02 năm 2019"),
    ("issue_date", "ngày S tháng 01 năm 2020"),
    ("signing_authority", "PHÓ CHỦ TỊCH"),
])
def test_clean_field_leaves_an_unfixable_value_as_read(name: str, value: str) -> None:
    field = clean_field(name, read(value))
    assert field.corrected_from is None
    if name == "number":
        assert field.value == value.removeprefix("Số: ")
    else:
        assert field.value == value


def test_clean_field_keeps_the_readers_own_corrected_from() -> None:
    field = clean_field("personal_id", read("079084000999", corrected_from="O79O84OOO999"))
    assert (field.value, field.corrected_from) == ("079084000999", "O79O84OOO999")


def test_clean_field_normalises_each_item_of_a_list() -> None:
    field = clean_field("recipients", read(["  Như  Điều 3; ", "", "Lưu: VT,  VP"]))
    assert field.value == ["Như Điều 3;", "Lưu: VT, VP"]


# --- the generator's printed values come back as its ground truth -------------------------------

GENERATED = [(seed, kind) for kind in ("decision", "official_letter", "report", "certificate", "license",
                                       "submission", "receipt", "application_form") for seed in range(6)]


@pytest.mark.parametrize(("seed", "kind"), GENERATED)
def test_generated_values_are_left_unchanged_and_printed_ones_parse_back(seed: int, kind: str) -> None:
    doc = generate_document(seed, kind, dpi=72)
    for name, value in doc.fields.items():
        field = clean_field(name, read(value))
        assert (field.value, field.corrected_from) == (value, None), name
    blocks = {block.name: block.text for page in doc.pages for block in page.blocks}
    place, parsed = parse_date_line(blocks["date_line"])
    assert (place, parsed.iso, parsed.words, parsed.padded) == (doc.fields["place"], doc.fields["issue_date"],
                                                                  True, True)
    if "number" in doc.fields:
        assert normalize_number(blocks["number"]) == (doc.fields["number"], None)
    for text in blocks.values():  # "Ngày, tháng, năm sinh: 13/03/1977" on forms
        if text.startswith("Ngày, tháng, năm sinh:"):
            assert parse_date_line(text)[1].iso == doc.fields["date_of_birth"]
