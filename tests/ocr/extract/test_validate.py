"""Validation of extracted fields: each rule with values that pass and values that must be flagged."""
from __future__ import annotations

import re
import unicodedata
from datetime import date

import pytest

from ocr.extract.model import Field, Problem
from ocr.extract.profile import table
from ocr.extract.validate import mask_id, validate
from ocr.extract.values import clean_field
from tests.docgen import DOCUMENT_TYPES, generate_document
from tests.docgen.vocab import BIRTH_PROVINCE_CODES

TODAY = date(2026, 1, 15)
ID_RUN = re.compile(r"(?<![0-9A-Za-z])(\d{12}|\d{9})(?![0-9A-Za-z])")
VIETNAMESE = re.compile("[ăâđêôơư\u0300\u0301\u0303\u0309\u0323]")  # in NFD: its letters and tone marks


def fields(**values: str | list[str]) -> dict[str, Field]:
    return {name: Field(value=v, confidence=0.95, page=1, bbox=(0, 0, 100, 20)) for name, v in values.items()}


def check(document_type: str = "other", **values: str | list[str]) -> list[Problem]:
    problems = validate(document_type, fields(**values), today=TODAY)
    for p in problems:  # every message is for a clerk: Vietnamese, filled in, no full ID number
        assert p.level in ("warning", "error")
        assert VIETNAMESE.search(unicodedata.normalize("NFD", p.message)) and "{" not in p.message, p.message
        assert not ID_RUN.search(p.message), p.message
    return problems


def codes(problems: list[Problem]) -> set[tuple[str, str]]:
    return {(p.code, p.level) for p in problems}


# --- personal_id ------------------------------------------------------------------------------

@pytest.mark.parametrize(("pid", "birth", "sex"), [
    ("087084000999", "1984-05-01", "Nam"),  # Đồng Tháp, a man born in 1984 (domain notes' example)
    ("001199012345", "1999-12-31", "Nữ"),
    ("079200123456", "2000-01-01", "Nam"),
    ("096307654321", "2007-02-28", "nữ"),
])
def test_personal_id_consistent_with_birth_and_sex(pid: str, birth: str, sex: str) -> None:
    assert check(personal_id=pid, date_of_birth=birth, sex=sex) == []


def test_personal_id_alone_is_checked_for_shape_and_province() -> None:
    assert check(personal_id="079084001234") == []


@pytest.mark.parametrize("province", ["000", "003", "005", "097", "099", "100", "999"])
def test_personal_id_with_an_unknown_province(province: str) -> None:
    problems = check(personal_id=f"{province}084001234")
    assert codes(problems) == {("personal_id.province", "error")}
    assert province in problems[0].message


@pytest.mark.parametrize(("pid", "birth", "sex", "code"), [
    ("087284000999", "1984-05-01", "Nam", "personal_id.century"),  # 2 = a man born in the 2000s
    ("087084000999", "2084-05-01", "Nam", "personal_id.century"),
    ("087085000999", "1984-05-01", "Nam", "personal_id.birth_year"),
    ("087184000999", "1984-05-01", "Nam", "personal_id.sex"),  # 1 = a woman
    ("087084000999", "1984-05-01", "Nữ", "personal_id.sex"),
    ("087384000999", "2084-05-01", "Nam", "personal_id.sex"),
])
def test_personal_id_inconsistent_with_birth_or_sex(pid: str, birth: str, sex: str, code: str) -> None:
    problems = check(personal_id=pid, date_of_birth=birth, sex=sex, **{})
    assert (code, "error") in codes(problems)
    assert all(p.field in ("personal_id", "date_of_birth") for p in problems)


def test_personal_id_whose_century_digit_puts_birth_in_the_future() -> None:
    assert codes(check(personal_id="087484000999")) == {("personal_id.century", "error")}
    assert codes(check(personal_id="087230000999")) == {("personal_id.century", "error")}  # born 2030
    assert check(personal_id="087225000999") == []  # born 2025


def test_old_nine_digit_number_is_a_warning() -> None:
    problems = check(personal_id="023456789", date_of_birth="1970-01-01", sex="Nam")
    assert codes(problems) == {("personal_id.old_cmnd", "warning")}
    assert "Chứng minh nhân dân" in problems[0].message


@pytest.mark.parametrize("pid", ["07908400123", "0790840012345", "O79084001234", "079 084 001 234x", "abc"])
def test_personal_id_of_the_wrong_shape(pid: str) -> None:
    problems = check(personal_id=pid)
    assert codes(problems) == {("personal_id.format", "error")}
    assert problems[0].message == ("Số định danh cá nhân phải có 12 chữ số; "
                                   "hãy đối chiếu với giấy tờ gốc.")


def test_messages_show_an_id_only_masked() -> None:
    assert mask_id("079084001234") == "079*****1234"
    problems = check(personal_id="079284001234", date_of_birth="1984-01-01", sex="Nữ")
    assert problems and all("079084001234" not in p.message and "079284001234" not in p.message for p in problems)
    assert any("079*****1234" in p.message for p in problems)


def test_an_id_read_into_another_field_is_masked_in_the_message() -> None:
    problems = check(procedure_code="079084001234", number="Số 023456789")
    assert [p.code for p in problems] == ["number.format", "procedure_code.format"]
    assert "079*****1234" in problems[1].message and "023**6789" in problems[0].message


def test_province_table_is_circular_07_2016() -> None:
    provinces = table("provinces")["codes"]
    assert len(provinces) == 63
    assert set(provinces) == set(BIRTH_PROVINCE_CODES)  # the generator's own copy
    assert (provinces["001"], provinces["079"], provinces["096"]) == ("Hà Nội", "Hồ Chí Minh", "Cà Mau")


# --- number -----------------------------------------------------------------------------------

@pytest.mark.parametrize("number", [
    "15/QĐ-BNV", "05/BNV-VP", "12/UBND-VX", "01/2023/TT-VPCP", "30/2020/NĐ-CP", "686/STTT-CNTT&BCVT",
    "07/QyĐ-UBND", "12/TTr-SNV", "03/CTr-UBND", "02/TrS-VP", "2400/QĐ-UBND", "15/HD-SGDĐT",
])
def test_decree_30_numbers(number: str) -> None:
    assert check("decision", number=number, issue_date="2025-03-12", issuer="UBND TỈNH BẮC NINH", signer="A", recipients=["Lưu: VT"]) == []


def test_number_below_ten_must_be_padded() -> None:
    problems = check(number="5/QĐ-UBND")
    assert codes(problems) == {("number.padding", "warning")}
    assert "5/QĐ-UBND" in problems[0].message


@pytest.mark.parametrize("number", ["QĐ-UBND", "15-QĐ-UBND", "15/qđ-UBND", "15/QĐ UBND", "15/QĐ-", "0/QĐ-UBND",
                                    "123456/QĐ-UBND", "15/QĐ-UBND/", "O5/QĐ-UBND"])
def test_numbers_of_the_wrong_shape(number: str) -> None:
    assert ("number.format", "error") in codes(check(number=number))


def test_single_group_symbol_warns_on_decree_30_papers_only() -> None:
    assert codes(check("decision", number="125/UBND", issue_date="2025-03-12", issuer="X", signer="Y", recipients=["Lưu: VT"])) == {
        ("number.symbol", "warning")}
    assert check("receipt", number="125/UBND", dossier_code="000.00.00.H38-230512-0007", full_name="A",
                 received_date="2023-05-12", appointment_date="2023-05-19") == []


# --- dates ------------------------------------------------------------------------------------

def test_dates_that_do_not_exist_are_errors() -> None:
    problems = check(issue_date="2019-02-29", date_of_birth="31/04/1990", received_date="ngày 30 tháng 02 năm 2020")
    assert codes(problems) == {("issue_date.invalid", "error"), ("date_of_birth.invalid", "error"),
                               ("received_date.invalid", "error")}


def test_leap_day_is_a_date_in_a_leap_year() -> None:
    assert check(issue_date="2024-02-29", date_of_birth="2000-02-29") == []
    assert codes(check(date_of_birth="1900-02-29")) == {("date_of_birth.invalid", "error")}


def test_dates_in_the_future() -> None:
    assert check(issue_date="2026-01-15", received_date="2026-01-15") == []  # today is fine
    problems = check(issue_date="2026-01-16", date_of_birth="2030-01-01", received_date="2027-05-01")
    assert codes(problems) == {("issue_date.future", "error"), ("date_of_birth.future", "error"),
                               ("received_date.future", "error")}
    assert "16/01/2026" in problems[0].message and "15/01/2026" in problems[0].message
    # An appointment or an end of validity is meant to be ahead.
    assert check(appointment_date="2026-02-01", valid_until="2030-12-31") == []


def test_today_is_injectable() -> None:
    values = fields(issue_date="2026-01-16")
    assert validate("other", values, today=date(2026, 1, 16)) == []
    assert [p.code for p in validate("other", values, today=date(2026, 1, 15))] == ["issue_date.future"]


def test_date_of_birth_before_1900() -> None:
    assert codes(check(date_of_birth="1899-12-31")) == {("date_of_birth.too_early", "error")}
    assert check(date_of_birth="1900-01-01") == []


def test_dates_out_of_order() -> None:
    assert codes(check(received_date="2025-03-12", appointment_date="2025-03-11")) == {
        ("appointment_date.before_received", "error")}
    assert check(received_date="2025-03-12", appointment_date="2025-03-12") == []
    assert codes(check(issue_date="2025-03-12", valid_until="2024-03-11")) == {("valid_until.before_issue", "error")}
    assert check(issue_date="2025-03-12", valid_until="2026-03-11") == []


@pytest.mark.parametrize(("printed", "flagged"), [
    ("ngày 05 tháng 01 năm 2020", False),
    ("ngày 29 tháng 6 năm 2019", False),
    ("ngày 15 tháng 11 năm 2019", False),
    ("ngày 5 tháng 01 năm 2020", True),
    ("ngày 05 tháng 2 năm 2020", True),
    ("ngày 29 tháng 06 năm 2019", True),
    ("Hà Nội, ngày 5 tháng 3 năm 2020", True),
    ("15/3/2020", False),  # numeric dates are not the Decree 30 date line
])
def test_zero_padding_as_printed_survives_cleaning(printed: str, flagged: bool) -> None:
    cleaned = {"issue_date": clean_field("issue_date", Field(printed, 0.95, 1, (0, 0, 1, 1)))}
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", cleaned["issue_date"].value)
    problems = validate("other", cleaned, today=TODAY)
    assert codes(problems) == ({("issue_date.padding", "warning")} if flagged else set())


# --- dossier_code -----------------------------------------------------------------------------

def test_strict_dossier_code_agreeing_with_the_received_date() -> None:
    assert check(dossier_code="000.13.27.H38-230512-0007", received_date="2023-05-12") == []
    assert check(dossier_code="000.00.00.H30-251231-0400") == []


def test_lenient_dossier_codes_are_warnings() -> None:
    for code in ("H38.TTHC-230512-00007", "000.00.00.H38-230512-000123", "XA.TANPHU-230512-0007"):
        assert codes(check(dossier_code=code)) == {("dossier_code.lenient", "warning")}, code


@pytest.mark.parametrize("code", ["000.00.00.H38-2305120007", "000.00.00.H38-23051-0007", "H38-230512-0007",
                                  "000.00.00.h38-230512-0007", "000.00.00.H38-230512-007", "Mã hồ sơ"])
def test_dossier_codes_of_the_wrong_shape(code: str) -> None:
    assert codes(check(dossier_code=code)) == {("dossier_code.format", "error")}


def test_dossier_code_whose_date_does_not_exist() -> None:
    assert ("dossier_code.date", "error") in codes(check(dossier_code="000.00.00.H38-231312-0007"))
    assert ("dossier_code.date", "error") in codes(check(dossier_code="000.00.00.H38-230229-0007"))
    assert check(dossier_code="000.00.00.H38-240229-0007") == []  # 2024 is a leap year


def test_dossier_code_disagreeing_with_the_received_date() -> None:
    problems = check(dossier_code="000.00.00.H38-230512-0007", received_date="2023-05-13")
    assert codes(problems) == {("dossier_code.received_date", "error")}
    assert "12/05/2023" in problems[0].message and "13/05/2023" in problems[0].message
    # Also when the received date is still as printed.
    assert codes(check(dossier_code="000.00.00.H38-230512-0007", received_date="13/05/2023")) == {
        ("dossier_code.received_date", "error")}


# --- procedure_code ---------------------------------------------------------------------------

@pytest.mark.parametrize("code", ["1.011442", "2.000815", "3.000181", "1.011442.000.00.00.H38",
                                  "2.000815.000.00.00.H55", "2.000815.000.00.00.H55.02", "1.000948.H38"])
def test_procedure_codes(code: str) -> None:
    assert check(procedure_code=code) == []


@pytest.mark.parametrize("code", ["4.011442", "0.011442", "1.01144", "1.0114420", "1011442", "1.011442.H3",
                                  "1.011442.000.00.H38", "B-BTP-123-TT", "1.011442.H38.2"])
def test_procedure_codes_of_the_wrong_shape(code: str) -> None:
    assert codes(check(procedure_code=code)) == {("procedure_code.format", "error")}


# --- phone, email, signing authority ----------------------------------------------------------

@pytest.mark.parametrize("phone", ["0912345678", "0912 345 678", "0912.345.678", "0912-345-678", "+84 912 345 678",
                                   "84912345678", "(+84) 86 123 4567", "0327654321", "0562345678", "024 3825 1234",
                                   "0214.3840.123", "02838 123 456"])
def test_phones(phone: str) -> None:
    assert check(phone=phone) == []


def test_phone_with_an_unassigned_mobile_prefix_is_a_warning() -> None:
    problems = check(phone="0312345678")
    assert codes(problems) == {("phone.prefix", "warning")}
    assert "031" in problems[0].message and "0312345678" not in problems[0].message


@pytest.mark.parametrize("phone", ["091234567", "09123456789", "1912345678", "0243825123", "091234567a",
                                   "+85 912 345 678", "không có"])
def test_phones_that_are_not_vietnamese_numbers(phone: str) -> None:
    assert codes(check(phone=phone)) == {("phone.format", "error")}


@pytest.mark.parametrize("email", ["nguyenvanan84@gmail.com", "an.nguyen@sotnmt.hanoi.gov.vn", "a_b+c@yahoo.com"])
def test_emails(email: str) -> None:
    assert check(email=email) == []


@pytest.mark.parametrize("email", ["nguyenvanan84gmail.com", "an@gmail", "an@gmail,com", "an nguyen@gmail.com",
                                   "an@@gmail.com", ".an@gmail.com", "an@-gmail.com", "nguyễn@gmail.com"])
def test_emails_that_are_not_plausible(email: str) -> None:
    assert codes(check(email=email)) == {("email.format", "error")}


@pytest.mark.parametrize("authority", ["TM.", "KT.", "Q.", "TL.", "TUQ."])
def test_signing_authorities(authority: str) -> None:
    assert check(signing_authority=authority) == []


@pytest.mark.parametrize("authority", ["KT", "PHÓ CHỦ TỊCH", "TU.", "T.M."])
def test_unknown_signing_authority(authority: str) -> None:
    assert codes(check(signing_authority=authority)) == {("signing_authority.unknown", "error")}


# --- required fields --------------------------------------------------------------------------

def test_missing_required_fields_are_warnings_and_nothing_is_invented() -> None:
    values = fields(issuer="ỦY BAN NHÂN DÂN TỈNH BÌNH DƯƠNG", signer="   ")
    problems = validate("decision", values, today=TODAY)
    assert codes(problems) == {("number.missing", "warning"), ("issue_date.missing", "warning"),
                               ("signer.missing", "warning"), ("recipients.missing", "warning")}
    assert {p.message for p in problems if p.field == "number"} == {
        "Không tìm thấy số, ký hiệu văn bản; hãy xem lại trang quét và nhập bổ sung nếu văn bản có ghi."
    }
    assert set(values) == {"issuer", "signer"} and values["signer"].value == "   "


def test_receipt_needs_its_dossier_code() -> None:
    problems = check("receipt", full_name="A", received_date="2023-05-12", appointment_date="2023-05-19")
    assert codes(problems) == {("dossier_code.missing", "warning")}
    assert problems[0].message.startswith("Không tìm thấy mã hồ sơ")


def test_every_document_type_has_required_fields_and_they_have_labels() -> None:
    required = table("required_fields")["types"]
    labels = table("messages")["labels"]
    assert set(DOCUMENT_TYPES) <= set(required)
    assert {"number", "issue_date", "issuer", "signer"} <= set(required["decision"])
    assert all(name in labels for names in required.values() for name in names)
    assert check("unknown_type") == [] and check("other") == []


def test_an_empty_list_is_missing() -> None:
    assert codes(check("official_letter", number="05/UBND-VP", issue_date="2025-01-06", issuer="X", signer="Y",
                       subject=[], recipients=["Như trên"])) == {("subject.missing", "warning")}


def test_a_list_of_recipients_is_asked_for_where_one_is_printed_not_on_a_licence() -> None:
    """Decree 30/2020 Art. 8.1: a decision is sent to its "Nơi nhận"; a licence goes to its holder."""
    base = {"number": "05/GP-SXD", "issue_date": "2025-01-06", "issuer": "UBND TỈNH AN GIANG", "signer": "Y"}
    assert codes(check("decision", **base)) == {("recipients.missing", "warning")}
    assert check("decision", **base, recipients=["Như Điều 3", "Lưu: VT"]) == []
    assert check("license", **base) == []


# --- the agency block (ô 2) ---------------------------------------------------------------------

@pytest.mark.parametrize(("name", "value"), [("parent_issuer", "ỦY BAN NHÂN DÂN"), ("issuer", "UBND"),
                                             ("issuer", "HỘI ĐỒNG NHÂN DÂN")])
def test_a_committee_read_without_its_unit_is_incomplete(name: str, value: str) -> None:
    """The second line ("TỈNH CÀ MAU") was lost: the name as read is no body's whole name."""
    values = {"parent_issuer": "UBND TỈNH CÀ MAU", "issuer": "SỞ Y TẾ", name: value}
    problems = check(**values)
    assert codes(problems) == {(f"{name}.incomplete", "warning")}
    assert value in problems[0].message


@pytest.mark.parametrize("issuer", ["SỞ Y TẾ", "SỞ DÂN TỘC VÀ TÔN GIÁO", "VĂN PHÒNG",
                                    "TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG", "CHI CỤC THỦY LỢI"])
def test_a_governed_body_read_without_its_governing_body(issuer: str) -> None:
    assert codes(check(issuer=issuer)) == {("parent_issuer.missing", "warning")}
    assert check(parent_issuer="UBND TỈNH ĐỒNG NAI", issuer=issuer) == []


@pytest.mark.parametrize("issuer", ["ỦY BAN NHÂN DÂN TỈNH CÀ MAU", "UBND XÃ TÂN PHÚ", "BỘ NỘI VỤ",
                                    "VĂN PHÒNG CHÍNH PHỦ", "SỞ"])
def test_bodies_without_a_governing_body_need_none(issuer: str) -> None:
    assert check(issuer=issuer) == []


# --- the generator's ground truth validates -----------------------------------------------------

@pytest.mark.parametrize("kind", DOCUMENT_TYPES)
def test_generated_documents_validate_without_problems(kind: str) -> None:
    """The generator follows the same regulations: its values must pass, cleaned or not."""
    today = date(2027, 1, 1)  # the generator dates documents up to mid-2026
    seen: set[str] = set()
    for seed in range(8):
        doc = generate_document(seed, kind, dpi=72)
        raw = {name: Field(value, 0.95, 1, (0, 0, 1, 1)) for name, value in doc.fields.items()}
        assert validate(kind, raw, today=today) == [], (seed, doc.fields)
        cleaned = {name: clean_field(name, f) for name, f in raw.items()}
        assert validate(kind, cleaned, today=today) == [], (seed, doc.fields)
        seen |= set(raw) & {"personal_id", "dossier_code", "procedure_code", "phone", "number", "date_of_birth"}
    expected = {"number"} if kind not in ("application_form", "receipt") else {
        "personal_id", "phone", "date_of_birth"} if kind == "application_form" else {
        "personal_id", "dossier_code", "procedure_code", "phone", "number"}
    assert expected <= seen  # the rules above really ran on these values


def test_generated_values_fail_once_a_digit_is_misread() -> None:
    """The consistency checks catch a wrong digit the generator's values never have."""
    doc = generate_document(3, "application_form", dpi=72)
    pid = str(doc.fields["personal_id"])
    wrong_year = pid[:4] + str((int(pid[4]) + 1) % 10) + pid[5:]
    values = fields(**{**doc.fields, "personal_id": wrong_year})
    assert ("personal_id.birth_year", "error") in codes(validate("application_form", values, today=date(2027, 1, 1)))
