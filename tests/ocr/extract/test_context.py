"""Words of a field respelt as the rest of the document spells them (no OCR)."""
from __future__ import annotations

from ocr.extract.context import Spellings

BODY = ("Sở Văn hóa, Thể thao và Du lịch ban hành kế hoạch phòng, chống tham nhũng. Giám đốc Sở Văn hóa, "
        "Thể thao và Du lịch chỉ đạo công tác phòng, chống tham nhũng, tiêu cực; xây dựng cơ sở dữ liệu "
        "về tham nhũng và cơ sở dữ liệu cán bộ.")


def test_accents_the_body_reads_otherwise_are_mended() -> None:
    spellings = Spellings.of(BODY + "\nSỞ VĂN HÓA, THE THAO VÀ DU LỊCH\nphòng, chống tham những, tiêu cực")
    assert spellings.mend("SỞ VĂN HÓA, THE THAO VÀ DU LỊCH") == "SỞ VĂN HÓA, THỂ THAO VÀ DU LỊCH"
    assert spellings.mend("Triển khai công tác phòng, chống tham những, tiêu cực") == \
        "Triển khai công tác phòng, chống tham nhũng, tiêu cực"


def test_one_witness_against_the_other_changes_nothing() -> None:
    # "cơ sở dữ liệu" twice in the body, but "đủ điều kiện" is no "dữ điều kiện".
    spellings = Spellings.of(BODY + "\nGIẤY CHỨNG NHẬN CƠ SỞ ĐỦ ĐIỀU KIỆN")
    assert spellings.mend("GIẤY CHỨNG NHẬN CƠ SỞ ĐỦ ĐIỀU KIỆN") == "GIẤY CHỨNG NHẬN CƠ SỞ ĐỦ ĐIỀU KIỆN"


def test_a_spelling_seen_once_is_no_evidence() -> None:
    spellings = Spellings.of("Ủy ban nhân dân xã Phước Hải.\nỦY BAN NHÂN DÂN XÃ PHƯỚC HAI")
    assert spellings.mend("ỦY BAN NHÂN DÂN XÃ PHƯỚC HAI") == "ỦY BAN NHÂN DÂN XÃ PHƯỚC HAI"


def test_a_field_respelt_from_the_body_is_shown_for_review_with_what_was_read() -> None:
    from ocr.extract.document import _respelt
    from ocr.extract.model import Field

    spellings = Spellings.of(BODY + "\nphòng, chống tham những, tiêu cực")
    read = "Triển khai công tác phòng, chống tham những, tiêu cực"
    item = _respelt("subject", Field(read, 0.95, 1, (0, 0, 10, 10)), spellings)
    # The body's spelling is a strong guess, not a certainty: the clerk confirms it.
    assert item.value == "Triển khai công tác phòng, chống tham nhũng, tiêu cực"
    assert item.needs_review and item.corrected_from == read
    kept = _respelt("subject", Field("Triển khai công tác phòng, chống tham nhũng", 0.95, 1, (0, 0, 1, 1)), spellings)
    assert kept.confidence == 0.95 and kept.corrected_from is None
