"""One test per error class found on the benchmark's second tuning batch (seeds 7000-7239),
on words placed as Tesseract reports them (no OCR): the reading order across columns, the
recipients' shared phrases, … Each case is the slip as it was measured."""
from __future__ import annotations

from ocr.extract.document import extract_pages
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
