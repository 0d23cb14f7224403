"""Lines and columns from OCR words, on words placed as Tesseract reports them (no OCR)."""
from __future__ import annotations

from ocr.extract.layout import page_lines, regions
from ocr.words import Word


def _row(top: int, parts: list[tuple[int, str, int]], line: int = 1) -> list[Word]:
    """Words of one Tesseract line: (left, text, width); a dash is a flat mark at x-height."""
    words = []
    for left, text, width in parts:
        box = (left, top + 16, left + width, top + 21) if text == "-" else (left, top, left + width, top + 32)
        words.append(Word(text, box, 0.95, 1, 1, line))
    return words


def test_the_dashes_of_the_motto_keep_it_one_line_at_200_dpi() -> None:
    # Measured on a 200 dpi scan: the spaces around the motto's dashes (17 px) pass half a
    # line height; the dash must hold "Hạnh phúc" to its line, not leave a column gap.
    words = _row(220, [(359, "SỞ", 50), (420, "XÂY", 73), (505, "DỰNG", 109), (885, "Độc", 71), (968, "lập", 56),
                       (1041, "-", 11), (1069, "Tự", 52), (1133, "do", 44), (1194, "-", 11), (1222, "Hạnh", 102),
                       (1336, "phúc", 93)])
    texts = [line.text for line in page_lines(words)]
    assert texts == ["SỞ XÂY DỰNG", "Độc lập - Tự do - Hạnh phúc"]


def test_a_speck_in_the_column_gap_still_parts_the_columns() -> None:
    words = _row(240, [(380, "UBND", 149), (548, "TỈNH", 131), (701, "ĐỒNG", 151), (871, "THÁP", 138),
                       (1049, "_", 35), (1111, "CỘNG", 160), (1293, "HÒA", 123), (1432, "XÃ", 75)])
    words[4] = Word("_", (1049, 235, 1084, 313), 0.45, 1, 1, 1)  # a tall stroke, not a dash
    texts = [line.text for line in page_lines(words)]
    assert texts == ["UBND TỈNH ĐỒNG THÁP", "CỘNG HÒA XÃ"]
    below = _row(300, [(384, "SỞ", 60), (460, "Y", 30), (505, "TẾ", 60), (1200, "Độc", 80), (1300, "lập", 60)], line=2)
    items = regions(page_lines(words + below))
    assert len(items) == 1 and [line.text for line in items[0].left] == ["UBND TỈNH ĐỒNG THÁP", "SỞ Y TẾ"]


def test_a_long_agency_name_close_to_the_motto_is_parted_from_it() -> None:
    # Measured at 300 dpi ("UBND TỈNH BÀ RỊA - VŨNG TÀU"): 47 px before "CỘNG", word spaces
    # 17-19 px, line height 49 px: neither column gap rule parts them, the motto's words do.
    words = _row(252, [(332, "UBND", 147), (496, "TỈNH", 125), (640, "BÀ", 71), (727, "RỊA", 89), (835, "-", 12),
                       (865, "VŨNG", 151), (1033, "TÀU", 108), (1188, "CỘNG", 156), (1363, "HÒA", 118),
                       (1500, "XÃ", 73), (1592, "HỘI", 100)])
    texts = [line.text for line in page_lines(words)]
    assert texts == ["UBND TỈNH BÀ RỊA - VŨNG TÀU", "CỘNG HÒA XÃ HỘI"]


def test_words_spaced_alike_are_not_parted_at_the_motto_words_inside_a_sentence() -> None:
    words = _row(900, [(300, "Nước", 100), (418, "Cộng", 100), (536, "hòa", 80), (634, "xã", 50), (702, "hội", 70)])
    assert [line.text for line in page_lines(words)] == ["Nước Cộng hòa xã hội"]


def test_a_qr_code_read_as_letters_in_the_margin_makes_no_column_beside_the_agency() -> None:
    # A licence's QR code left of the agency block, read as "[e3 Bội" (0.37): it once made
    # the left column of the header, and the agency its right one (issuer, number lost).
    qr = [Word("[e3", (60, 188, 180, 292), 0.37, 1, 1, 1), Word("Bội", (200, 188, 291, 292), 0.37, 1, 1, 1)]
    agency = _row(251, [(493, "UBND", 150), (660, "TỈNH", 120), (800, "SÓC", 100), (920, "TRĂNG", 130),
                        (1233, "CỘNG", 160), (1410, "HÒA", 120)], line=2)
    below = _row(303, [(452, "SỞ", 60), (530, "KẾ", 60), (610, "HOẠCH", 150), (1425, "Độc", 80), (1520, "lập", 60)],
                 line=3)
    items = regions(page_lines(qr + agency + below))
    region = next(item for item in items if not hasattr(item, "words"))
    assert [line.text for line in region.left] == ["UBND TỈNH SÓC TRĂNG", "SỞ KẾ HOẠCH"]
