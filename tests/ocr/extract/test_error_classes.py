"""One test per error class found on the benchmark's second tuning batch (seeds 7000-7239),
on words placed as Tesseract reports them (no OCR): the reading order across columns, the
recipients' shared phrases, … Each case is the slip as it was measured."""
from __future__ import annotations

from dataclasses import replace

import pytest

from ocr.extract.document import extract_pages
from ocr.extract.forms import _email_by_name, address_plausible, mend_address_province
from ocr.extract.model import Field
from tests.ocr.extract.test_document import BODY, HEADER, _page

TITLE = [(580, [(1140, "QUYẾT ĐỊNH")])]


def _recipients(*entries: str) -> list:
    rows = [(1200, [(420, "Nơi nhận:"), (1560, "GIÁM ĐỐC")])]
    rows += [(1250 + 50 * i, [(420, entry)]) for i, entry in enumerate(entries)]
    return rows + [(1250 + 50 * len(entries) + 250, [(1540, "Nguyễn Văn An")])]


def test_the_shared_phrases_of_a_recipients_list_are_spelt_as_printed() -> None:
    # "Cổng" read "Cống" (a sewer), "tổ" read "tố", "thể" read "thế": same letters, other accents.
    closing = _recipients("- Như Điều 3;", "- Cống thông tin điện tử tỉnh;", "- Trưởng các thôn, tố dân phố;",
                          "- Các ban, ngành, đoàn thế xã;", "- Cống TTĐT Bộ;", "- Lưu: VT, VP.")
    result = extract_pages([_page(HEADER, TITLE, BODY, closing)])
    assert result.fields["recipients"].value == ["Như Điều 3", "Cổng thông tin điện tử tỉnh",
                                                 "Trưởng các thôn, tổ dân phố", "Các ban, ngành, đoàn thể xã",
                                                 "Cổng TTĐT Bộ", "Lưu: VT, VP"]
    assert result.fields["recipients"].corrected_from is not None


def test_other_words_of_a_recipients_entry_stay_as_read() -> None:
    # "Công an tỉnh" is not "Cổng …": only a whole phrase of the table is respelt.
    closing = _recipients("- Công an tỉnh;", "- Lưu: VT, VP.")
    result = extract_pages([_page(HEADER, TITLE, BODY, closing)])
    assert result.fields["recipients"].value == ["Công an tỉnh", "Lưu: VT, VP"]


def test_a_semicolon_after_vt_inside_the_archive_entry_is_its_comma() -> None:
    closing = _recipients("- Như trên;", "- Lưu: VT; NC.")
    result = extract_pages([_page(HEADER, TITLE, BODY, closing)])
    assert result.fields["recipients"].value == ["Như trên", "Lưu: VT, NC"]


def _licence(validity_line: str) -> list:
    header = HEADER[:3] + [(450, [(540, "Số: 74/GP-SXD"), (1300, "Bình Dương, ngày 05 tháng 5 năm 2026")])]
    body = [(700, [(420, "Cấp cho: Công ty TNHH Minh An")]), (760, [(420, validity_line)])]
    closing = [(1200, [(1560, "GIÁM ĐỐC")]), (1500, [(1540, "Nguyễn Văn An")])]
    return [_page(header, [(580, [(1100, "GIẤY PHÉP XÂY DỰNG")])], body, closing)]


def test_a_space_read_inside_the_year_of_a_validity_date_splits_nothing() -> None:
    # Measured on a 200 dpi scan: "năm 2031" read "năm 203 I"; a year has four digits.
    result = extract_pages(_licence("Giấy phép này có giá trị đến ngày 04 tháng 5 năm 203 I./."))
    item = result.fields["valid_until"]
    assert item.value == "2031-05-04" and item.corrected_from.endswith("năm 203 I")


def test_a_validity_date_that_cannot_be_read_is_named_not_guessed() -> None:
    result = extract_pages(_licence("Giấy phép này có giá trị đến ngày 04 tháng Xy năm 2O_"))
    assert "valid_until" not in result.fields
    assert any(p.field == "valid_until" and p.level == "warning" for p in result.problems)
    # Without a validity phrase nothing is asked for.
    result = extract_pages(_licence("Giấy phép này được lập thành hai bản."))
    assert "valid_until" not in result.fields and not result.flagged("valid_until")


@pytest.mark.parametrize("read, printed", [
    ("Số 200, đường Phạm Văn Đồng, xã Yên Lạc, tỉnh Quảng Tri", "Số 200, đường Phạm Văn Đồng, xã Yên Lạc, tỉnh Quảng Trị"),
    ("Bản Hạ, phường Hàm Rồng, tỉnh Phú Tho", "Bản Hạ, phường Hàm Rồng, tỉnh Phú Thọ"),
    ("Số 5, thành phố Hué", "Số 5, thành phố Huế"),
    ("Xóm 1, xã Tân Lạc, tỉnh Hoà Bình", "Xóm 1, xã Tân Lạc, tỉnh Hoà Bình"),  # the old tone placement stays
    ("Thôn 3, xã Phú Tho", "Thôn 3, xã Phú Tho"),  # a commune is a name: only the province is a closed list
])
def test_the_province_an_address_ends_with_is_spelt_as_the_province(read: str, printed: str) -> None:
    assert mend_address_province(read) == printed


def test_a_province_read_without_its_space_in_an_agency_name() -> None:
    header = [(250, [(520, "ỦY BAN NHÂN DÂN"), (1240, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")]),
              (300, [(560, "TỈNH ĐẮKNÔNG"), (1380, "Độc lập - Tự do - Hạnh phúc")]),
              (350, [(600, "SỞ GIAO THÔNG VẬN TẢI")]),
              (450, [(540, "Số: 06/QĐ-SGTVT"), (1300, "Đắk Nông, ngày 27 tháng 5 năm 2024")])]
    result = extract_pages([_page(header, TITLE, BODY, _recipients("- Lưu: VT, VP."))])
    assert result.fields["parent_issuer"].value == "ỦY BAN NHÂN DÂN TỈNH ĐẮK NÔNG"
    assert result.fields["parent_issuer"].corrected_from == "ỦY BAN NHÂN DÂN TỈNH ĐẮKNÔNG"


def test_a_department_set_by_decree_is_spelt_as_its_name_whatever_the_body_reads() -> None:
    header = [(250, [(520, "ỦY BAN NHÂN DÂN"), (1240, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")]),
              (300, [(560, "THÀNH PHỐ HÀ NỘI"), (1380, "Độc lập - Tự do - Hạnh phúc")]),
              (350, [(480, "SỞ VĂN HOA, THE THAO VÀ DU LỊCH")]),
              (450, [(540, "Số: 10/TTr-SVHTTDL"), (1300, "Hà Nội, ngày 13 tháng 3 năm 2026")])]
    # The body of a phone photograph read "Thế thao" three times: the name is still the decree's.
    body = [(700 + 60 * i, [(420, "Sở Văn hóa, Thế thao và Du lịch kính trình Ủy ban nhân dân thành phố")])
            for i in range(3)]
    result = extract_pages([_page(header, [(580, [(1140, "TỜ TRÌNH")])], body, _recipients("- Lưu: VT, VP."))])
    item = result.fields["issuer"]
    assert item.value == "SỞ VĂN HÓA, THỂ THAO VÀ DU LỊCH" and item.corrected_from == "SỞ VĂN HOA, THE THAO VÀ DU LỊCH"
    # An agency of no such list keeps its reading.
    header[2] = (350, [(480, "BAN QUẢN LÝ KHU KINH TẾ")])
    result = extract_pages([_page(header, [(580, [(1140, "TỜ TRÌNH")])], BODY, _recipients("- Lưu: VT, VP."))])
    assert result.fields["issuer"].value == "BAN QUẢN LÝ KHU KINH TẾ"


@pytest.mark.parametrize("address, plausible", [
    ("Số 84, đường Điện Biên Phủ, phường Tam Đảo, tỉnh Tây Ninh", True),
    ("Số 84, đường Điện Biên Phủ, phường Tam, Đảo, tỉnh Tây Ninh", False),  # a comma read inside a name
    ("Số 94/13 đường Lê Hồng Phong, xã Hòa Khánh, huyện Châu", False),  # its wrapped last line lost
    ("Tổ dân phố 5, phường Nam Sơn, thành phố Hà Nội", True),
    ("Thôn 2", True),
])
def test_an_address_that_is_not_built_as_addresses_are_goes_to_review(address: str, plausible: bool) -> None:
    assert address_plausible(address) is plausible


@pytest.mark.parametrize("read, name, printed", [
    ("nguyenvanglang87@gmail.com", "NGUYỄN VĂN GIANG", "nguyenvangiang87@gmail.com"),  # l for i
    ("ptnguynh407@gmail.com", "PHẠM THỊ NGỌC QUỲNH", "ptnquynh407@gmail.com"),  # g for q
    ("thang.nguyenngeoc@gmail.com", "NGUYỄN NGỌC THẮNG", "thang.nguyenngoc@gmail.com"),  # a speck read as e
    ("nguyenvangiang87@gmail.com", "NGUYỄN VĂN GIANG", "nguyenvangiang87@gmail.com"),  # built of the name
    ("hoa.pham@sotp.gov.vn", "NGUYỄN VĂN GIANG", "hoa.pham@sotp.gov.vn"),  # someone else's: as read
    ("giangvn87@gmail.com", "NGUYỄN VĂN GIANG", "giangvn87@gmail.com"),  # two letters off: as read
])
def test_one_slip_in_an_email_is_undone_where_the_forms_name_shows_it(read: str, name: str, printed: str) -> None:
    item = _email_by_name(Field(read, 0.95, 1, (0, 0, 10, 10)), name)
    assert item.value == printed
    if printed == read:
        assert item.corrected_from is None and item.confidence == 0.95
    else:
        # A guess from the name, not a certainty: the clerk confirms it, seeing what was read.
        assert item.corrected_from == read and item.needs_review


def test_a_list_line_read_with_little_confidence_is_kept_with_its_doubt() -> None:
    # "-LĐVP;" read right but at 0.22, "-Nhưtrên" at 0.23 (200 dpi scans): once dropped as specks.
    page = _page(HEADER, TITLE, BODY, _recipients("-Nhưtrên", "- Chủ tịch, các PCT UBND tỉnh;", "-LĐVP;",
                                                  "- Lưu: VT, TH."))
    words = [replace(w, confidence=0.22) if w.text in ("-LĐVP;", "-Nhưtrên") else w for w in page.words]
    result = extract_pages([replace(page, words=words)])
    item = result.fields["recipients"]
    assert item.value == ["Như trên", "Chủ tịch, các PCT UBND tỉnh", "LĐVP", "Lưu: VT, TH"]
    assert result.flagged("recipients")


def test_two_list_rows_read_as_one_tall_line_send_the_list_to_review() -> None:
    page = _page(HEADER, TITLE, BODY, _recipients("- Như Điều 3;", "- Cổng TTĐT tỉnh;", "- Lưu: VT, KT."))
    # The first entry's line is as tall as two rows: "- LĐVP;" under it was lost in it.
    first = [w for w in page.words if w.bbox[1] == 1250]
    words = [replace(w, bbox=(w.bbox[0], w.bbox[1], w.bbox[2], w.bbox[1] + 78)) if w in first else w
             for w in page.words]
    result = extract_pages([replace(page, words=words)])
    assert result.fields["recipients"].value == ["Như Điều 3", "Cổng TTĐT tỉnh", "Lưu: VT, KT"]
    assert result.flagged("recipients")
    assert not extract_pages([page]).flagged("recipients")


def test_the_archive_entry_and_the_punctuation_of_entries_are_mended() -> None:
    closing = _recipients("- Như Điều 3;", "- LĐVP. các phòng chuyên môn;", "- Lam: VT, NC€")
    result = extract_pages([_page(HEADER, TITLE, BODY, closing)])
    assert result.fields["recipients"].value == ["Như Điều 3", "LĐVP, các phòng chuyên môn", "Lưu: VT, NC"]


def test_an_unreadable_line_above_the_title_is_an_authority_line_not_read() -> None:
    # "TUQ. BỘ TRƯỞNG" read "TU. BỌ TRƯƠNG" above "VỤ TRƯỞNG VỤ PHÁP CHẾ": no authority is
    # invented, but the clerk is told the block was not read whole.
    closing = [(1200, [(420, "Nơi nhận:"), (1520, "TU. BỌ TRƯƠNG")]), (1250, [(420, "- Như trên;"),
                                                                         (1450, "VỤ TRƯỞNG VỤ PHÁP CHẾ")]),
               (1300, [(420, "- Lưu: VT, VP.")]), (1600, [(1540, "Hồ Bích Ngân")])]
    result = extract_pages([_page(HEADER, TITLE, BODY, closing)])
    assert "signing_authority" not in result.fields and result.flagged("signing_authority")
    assert result.fields["signer_title"].value == "VỤ TRƯỞNG VỤ PHÁP CHẾ"
    # A head's title alone asks for nothing.
    closing = [(1200, [(420, "Nơi nhận:"), (1560, "GIÁM ĐỐC")]), (1250, [(420, "- Lưu: VT.")]),
               (1600, [(1540, "Nguyễn Văn An")])]
    assert not extract_pages([_page(HEADER, TITLE, BODY, closing)]).flagged("signing_authority")


def test_a_symbols_t_read_as_i_is_put_back_and_a_title_read_with_swapped_accents_snaps() -> None:
    from ocr.extract.values import normalize_number

    assert normalize_number("Số: 2097/TIr-STC") == ("2097/TTr-STC", "2097/TIr-STC")
    assert normalize_number("Số: 12/HD-UBND") == ("12/HD-UBND", None)  # an abbreviation as read
    closing = [(1200, [(420, "Nơi nhận:"), (1560, "KT. BỘ TRƯỞNG")]), (1250, [(420, "- Như trên;"),
                                                                         (1560, "THỨ TRƯỜNG")]),
               (1300, [(420, "- Lưu: VT, VP.")]), (1600, [(1540, "Nguyễn Văn An")])]
    result = extract_pages([_page(HEADER, TITLE, BODY, closing)])
    assert result.fields["signer_title"].value == "THỨ TRƯỞNG"


@pytest.mark.parametrize("read, iso", [
    ("Hà Nội, ngày 2] tháng 9 năm 2023", "2023-09-21"),
    ("Hà Nội, ngày 20 tháng 1] năm 2025", "2025-11-20"),
    ("Hà Nội, ngày 0] tháng 7 năm 2025", "2025-07-01"),
    ("Hà Nội, ngày 25 tháng T] năm 2025", "2025-11-25"),
])
def test_the_foot_of_a_1_read_as_a_bracket_in_a_date_line(read: str, iso: str) -> None:
    from ocr.extract.values import parse_date_line

    place, parsed = parse_date_line(read)
    assert place == "Hà Nội" and parsed.iso == iso and parsed.corrected


def test_a_weakly_read_number_line_is_kept_and_its_symbol_spelt_by_the_issuer() -> None:
    from ocr.extract.document import _symbol_by_issuer

    header = HEADER[:3] + [(450, [(540, "Số: 01/GCN-STP"), (1300, "Bình Dương, ngày 12 tháng 3 năm 2025")])]
    page = _page(header, TITLE, BODY, _recipients("- Lưu: VT, VP."))
    # Under a photocopy's grey the number's line was read at 0.42: once dropped as a speck.
    words = [replace(w, confidence=0.42) if w.bbox[1] == 450 and w.bbox[0] < 1000 else w for w in page.words]
    result = extract_pages([replace(page, words=words)])
    assert result.fields["number"].value == "01/GCN-STP" and result.flagged("number")
    assert _symbol_by_issuer(Field("05/GP-SGTVI", 0.6, 1, (0, 0, 1, 1)), "SỞ GIAO THÔNG VẬN TẢI",
                             "vn-2023").value == "05/GP-SGTVT"
    # An abbreviation of the agency's own choosing stays as read.
    assert _symbol_by_issuer(Field("12/QĐ-UBND", 0.9, 1, (0, 0, 1, 1)), "ỦY BAN NHÂN DÂN TỈNH AN GIANG",
                             "vn-2023").value == "12/QĐ-UBND"


def test_the_number_label_read_with_a_speck_and_an_8() -> None:
    header = HEADER[:3] + [(450, [(540, ".8ố: 983/TTr-SNNMT"), (1300, "Bình Dương, ngày 12 tháng 3 năm 2025")])]
    result = extract_pages([_page(header, [(580, [(1140, "TỜ TRÌNH")])], BODY, _recipients("- Lưu: VT, VP."))])
    assert result.fields["number"].value == "983/TTr-SNNMT"


@pytest.mark.parametrize("read, spelt", [
    ("Đỉnh Thành Phúc", "Đinh Thành Phúc"),
    ("NGUYÊN PHƯƠNG NGÂN", "NGUYỄN PHƯƠNG NGÂN"),
    ("Lệ Mai Quỳnh", "Lê Mai Quỳnh"),
    ("Giảng Đức Khoa", None),  # Giang and Giàng share its letters: as read
    ("Trần Văn An", None),  # a family name of the list
])
def test_a_family_name_read_with_other_accents_is_spelt_as_the_one_it_can_be(read: str, spelt: str | None) -> None:
    from ocr.extract.admin import surname_spelt

    assert surname_spelt(read) == spelt


def test_a_place_read_with_a_small_l_for_its_capital_i() -> None:
    header = HEADER[:3] + [(450, [(540, "Số: 125/QĐ-STP"), (1300, "la Grai, ngày 12 tháng 3 năm 2025")])]
    result = extract_pages([_page(header, TITLE, BODY, _recipients("- Lưu: VT, VP."))])
    assert result.fields["place"].value == "Ia Grai" and result.fields["place"].corrected_from == "la Grai"
