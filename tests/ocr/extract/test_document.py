"""Document type and fields of whole pages, on real Tesseract output of generated documents.

Four one-page documents are OCR'd once for the module (a clean decision, a scanned-looking
official letter at 200 dpi with a red seal over the signature, a clean licence at 200 dpi,
a scanned receipt with a QR code and a barcode)
and compared with the generator's ground truth. The reading order, classification and
missing-field tests use words built here, so they need no OCR.
"""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from ocr import OcrOptions, PageError, run_ocr
from ocr.extract.classify import classify, document_types, match_type_name
from ocr.extract.document import PageWords, extract_pages
from ocr.extract.layout import layout_page, page_lines, reading_order
from ocr.extract.model import REVIEW_THRESHOLD
from ocr.extract.profile import table
from ocr.extract.run import extract_file
from ocr.words import Word
from tests.docgen import degrade, generate_document

SOHOA = [sys.executable, "-m", "desktop.launcher"]

# (seed, type, dpi, degraded) picked for what they print: the decision has a governing body
# above the issuer, a "KT." signature and a "MẬT" mark but no urgency mark; the letter a
# "KHẨN" mark and a "TL." signature; the licence a validity date and no "Nơi nhận"; the
# scanned receipt a QR code and a barcode of its dossier code.
DOCUMENTS = {"decision": (100, "decision", 300, False), "letter": (102, "official_letter", 200, True),
             "licence": (111, "license", 200, False), "receipt": (103, "receipt", 300, True)}
# Fields that must be read exactly on these pages (the rest are allowed one OCR slip in all).
EXACT = ("number", "issue_date", "place", "signing_authority", "signer_title")


@pytest.fixture(scope="module")
def documents(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[dict, object, Path]]:
    """name → (ground truth, extraction, the page image), OCR'd in one job."""
    folder = tmp_path_factory.mktemp("documents")
    paths, truths = [], []
    for name, (seed, kind, dpi, degraded) in DOCUMENTS.items():
        doc = generate_document(seed, kind, dpi=dpi, pages=1)
        page = degrade(doc.pages[0], seed) if degraded else doc.pages[0]
        path = folder / f"{name}.png"
        page.image.save(path, dpi=(dpi, dpi))
        paths.append(path)
        truths.append({"document_type": doc.document_type, "fields": doc.fields, "codes": doc.codes})
    report = run_ocr(paths, folder / "out.pdf", OcrOptions(keep_words=True, jobs=2))
    out = {}
    for name, truth, path, page in zip(DOCUMENTS, truths, paths, report.pages):
        pages = [PageWords(1, page.word_boxes, page.width, page.height, page.codes)]
        out[name] = (truth, extract_pages(pages), path)
    return out


@pytest.mark.slow
@pytest.mark.parametrize("name", list(DOCUMENTS))
def test_fields_match_the_ground_truth(documents, name: str) -> None:
    truth, result, _ = documents[name]
    assert result.document_type == truth["document_type"]
    wrong = {k: (result.fields[k].value if k in result.fields else None, v)
             for k, v in truth["fields"].items() if k not in result.fields or result.fields[k].value != v}
    assert not [k for k in wrong if k in EXACT], wrong
    degraded = DOCUMENTS[name][3]
    assert len(wrong) <= (3 if degraded else 1), wrong
    for key in wrong:  # a value that is wrong must be shown to the clerk
        assert result.flagged(key), (key, result.fields.get(key))


@pytest.mark.slow
def test_qr_code_values_win_and_say_where_they_came_from(documents) -> None:
    truth, result, _ = documents["receipt"]
    qr = next(code for code in truth["codes"] if code.kind == "qr")
    dossier = result.fields["dossier_code"]
    assert dossier.value == qr.fields["dossier_code"] == truth["fields"]["dossier_code"]
    assert dossier.source in ("qr", "barcode")
    for name, value in qr.fields.items():
        assert result.fields[name].value == value, name
    assert result.to_json()["fields"]["dossier_code"]["source"] in ("qr", "barcode")


@pytest.mark.slow
def test_fields_carry_their_page_box_and_confidence(documents) -> None:
    _, result, path = documents["decision"]
    from PIL import Image

    width, height = Image.open(path).size
    for name, item in result.fields.items():
        x0, y0, x1, y1 = item.bbox
        assert 0 <= x0 < x1 <= width and 0 <= y0 < y1 <= height, name
        assert 0.0 <= item.confidence <= 1.0 and item.page == 1
    # The agency block is top left, the date line top right, the signature bottom right.
    assert result.fields["issuer"].bbox[2] < width / 2
    assert result.fields["issue_date"].bbox[0] > width / 2
    assert result.fields["signer"].bbox[1] > height / 2 and result.fields["signer"].bbox[0] > width / 2


@pytest.mark.slow
def test_absent_fields_are_not_invented(documents) -> None:
    truth, result, _ = documents["decision"]
    assert "urgency" not in truth["fields"] and "urgency" not in result.fields
    assert result.fields["confidentiality"].value == "MẬT"
    truth, result, _ = documents["licence"]
    assert "recipients" not in truth["fields"] and "recipients" not in result.fields
    assert "subject" not in result.fields
    assert result.fields["valid_until"].value == truth["fields"]["valid_until"]


@pytest.mark.slow
def test_two_columns_stay_apart_on_a_real_page(documents) -> None:
    for name in DOCUMENTS:
        truth, result, _ = documents[name]
        assert "CỘNG HÒA" not in result.fields["issuer"].value
        assert "Độc lập" not in result.text.split("\n")[0]
        recipients = result.fields.get("recipients")
        if recipients is not None:
            joined = " ".join(recipients.value)
            assert truth["fields"]["signer"] not in joined and truth["fields"]["signer_title"] not in joined


# ---------------------------------------------------------------- without OCR

def _words(rows: list[tuple[int, list[tuple[int, str]]]], line_key_per_row: bool = True) -> list[Word]:
    """Words at 300 dpi: rows of (top, [(left, text), …]); each word 40 px high, 22 px per letter."""
    words = []
    for row, (top, items) in enumerate(rows):
        for left, text in items:
            x = left
            for part in text.split():
                words.append(Word(part, (x, top, x + 22 * len(part), top + 40), 0.96, 1, 1, row + 1))
                x += 22 * len(part) + 14
    return words


HEADER = [
    (250, [(520, "ỦY BAN NHÂN DÂN"), (1240, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")]),
    (300, [(560, "TỈNH BÌNH DƯƠNG"), (1380, "Độc lập - Tự do - Hạnh phúc")]),
    (350, [(600, "SỞ TƯ PHÁP")]),
    (450, [(540, "Số: 125/QĐ-STP"), (1300, "Bình Dương, ngày 12 tháng 3 năm 2025")]),
]
BODY = [(700 + 60 * i, [(420, "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015 và")])
        for i in range(3)]
CLOSING = [
    (1200, [(420, "Nơi nhận:"), (1560, "KT. GIÁM ĐỐC")]),
    (1250, [(420, "- Như Điều 3;"), (1530, "PHÓ GIÁM ĐỐC")]),
    (1300, [(420, "- UBND tỉnh (để b/c);")]),
    (1350, [(420, "- Lưu: VT, VP.")]),
    (1600, [(1540, "Nguyễn Văn An")]),
]


def _page(*rows) -> PageWords:
    return PageWords(1, _words([row for part in rows for row in part]), 2480, 3508)


def test_reading_order_keeps_columns_apart() -> None:
    """Tesseract's line order interleaves agency and motto; the reading order must not."""
    page = _page(HEADER, [(580, [(1140, "QUYẾT ĐỊNH")])], BODY, CLOSING)
    lines = reading_order(page_lines(page.words))
    texts = [line.text for line in lines]
    assert texts[:4] == ["ỦY BAN NHÂN DÂN", "TỈNH BÌNH DƯƠNG", "SỞ TƯ PHÁP", "Số: 125/QĐ-STP"]
    assert texts[4:7] == ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
                          "Bình Dương, ngày 12 tháng 3 năm 2025"]
    assert texts[7] == "QUYẾT ĐỊNH"
    closing = texts[texts.index("Nơi nhận:"):]
    assert closing[:4] == ["Nơi nhận:", "- Như Điều 3;", "- UBND tỉnh (để b/c);", "- Lưu: VT, VP."]
    assert closing[4:] == ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "Nguyễn Văn An"]


def test_header_and_closing_fields_from_their_zones() -> None:
    result = extract_pages([_page(HEADER, [(580, [(1140, "QUYẾT ĐỊNH")])], BODY, CLOSING)])
    values = {name: item.value for name, item in result.fields.items()}
    assert result.document_type == "decision"
    assert values["parent_issuer"] == "ỦY BAN NHÂN DÂN TỈNH BÌNH DƯƠNG"
    assert values["issuer"] == "SỞ TƯ PHÁP"
    assert values["number"] == "125/QĐ-STP"
    assert (values["place"], values["issue_date"]) == ("Bình Dương", "2025-03-12")
    assert (values["signing_authority"], values["signer_title"], values["signer"]) == \
        ("KT.", "PHÓ GIÁM ĐỐC", "Nguyễn Văn An")
    assert values["recipients"] == ["Như Điều 3", "UBND tỉnh (để b/c)", "Lưu: VT, VP"]
    assert "subject" not in values and "urgency" not in values and "valid_until" not in values


def test_fixed_parts_of_the_recipients_list_are_mended() -> None:
    closing = [(1200, [(420, "Nơi nhận:"), (1560, "GIÁM ĐỐC")]),
               (1250, [(420, "- UBND tỉnh (đế b/€);")]),
               (1300, [(420, "- Lưu: VI, VP.")]), (1600, [(1540, "Trần Thị Bình")])]
    result = extract_pages([_page(HEADER, [(580, [(1140, "QUYẾT ĐỊNH")])], BODY, closing)])
    assert result.fields["recipients"].value == ["UBND tỉnh (để b/c)", "Lưu: VT, VP"]


def test_accents_lost_on_bold_capitals_are_snapped_to_the_closed_lists() -> None:
    closing = [(1200, [(420, "Nơi nhận:"), (1560, "TM. UY BAN NHAN DÁN")]),
               (1250, [(420, "- Như trên;"), (1590, "CHU TỊCH")]),
               (1300, [(420, "- Lưu: VT.")]), (1600, [(1540, "Trần Thị Bình")])]
    result = extract_pages([_page(HEADER, [(580, [(1140, "QUYẾT ĐỊNH")])], BODY, closing)])
    title = result.fields["signer_title"]
    assert title.value == "CHỦ TỊCH" and title.corrected_from == "CHU TỊCH"
    assert result.fields["signing_authority"].value == "TM."
    # Names are an open vocabulary: read as printed, never matched against a list.
    assert result.fields["signer"].value == "Trần Thị Bình" and result.fields["signer"].corrected_from is None


def test_subject_joined_across_lines_and_marks() -> None:
    header = HEADER[:3] + [(450, [(540, "Số: 37/UBND-VX"), (1300, "Bình Dương, ngày 05 tháng 01 năm 2024")]),
                           (520, [(450, "V/v triển khai công tác")]), (570, [(480, "chuyển đổi số năm 2024")]),
                           (650, [(560, "HỎA TỐC")])]
    result = extract_pages([_page(header, BODY, CLOSING)])
    assert result.document_type == "official_letter"
    assert result.fields["subject"].value == "V/v triển khai công tác chuyển đổi số năm 2024"
    assert result.fields["urgency"].value == "HỎA TỐC"
    assert "confidentiality" not in result.fields and "type_name" not in result.fields


def test_a_form_with_an_empty_email_line_has_no_email() -> None:
    rows = [(250, [(900, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")]), (300, [(1000, "Độc lập - Tự do - Hạnh phúc")]),
            (420, [(820, "TỜ KHAI THAY ĐỔI THÔNG TIN CƯ TRÚ")]),
            (520, [(700, "Kính gửi: Công an phường Bàn Cờ.")]),
            (620, [(420, "Họ và tên: TRẦN VĂN BÌNH")]), (680, [(420, "Số định danh cá nhân: 079090001234")]),
            (740, [(420, "Email: ..............................")]),
            (1200, [(1300, "Bàn Cờ, ngày 05 tháng 01 năm 2026")])]
    result = extract_pages([PageWords(1, _words(rows), 2480, 3508)])
    assert result.document_type == "application_form"
    assert result.fields["type_name"].value == "TỜ KHAI THAY ĐỔI THÔNG TIN CƯ TRÚ"
    assert result.fields["full_name"].value == "TRẦN VĂN BÌNH"
    assert (result.fields["place"].value, result.fields["issue_date"].value) == ("Bàn Cờ", "2026-01-05")
    assert "email" not in result.fields
    assert "signer" not in result.fields and "recipients" not in result.fields


DESIGN_TYPES = ["resolution", "decision", "directive", "regulation", "communique", "notice", "guidance", "program",
                "plan", "scheme", "project", "report", "minutes", "submission", "contract", "official_letter",
                "official_telegram", "memorandum", "authorization", "invitation", "introduction_letter",
                "leave_permit", "slip", "license", "certificate", "application_form", "receipt", "id_card", "other"]


def test_every_design_type_is_in_the_table() -> None:
    assert document_types() == DESIGN_TYPES


@pytest.mark.parametrize("document_type", [t for t in DESIGN_TYPES if t != "other"])
def test_every_type_is_classified_from_its_printed_name(document_type: str) -> None:
    names = table("document_types")["types"][document_type]["names"]
    for name in names:
        found = match_type_name(name)
        assert found is not None and found.document_type == document_type and found.score == 1.0, name
        # As OCR often gives bold capitals: without their accents.
        from ocr.extract.vocab import fold

        plain = match_type_name(fold(name))
        assert plain is not None and plain.document_type == document_type, name
        assert plain.value in names  # snapped back to a spelling as printed (ỦY or UỶ alike)


def test_type_name_with_its_rest_and_by_symbol_or_subject() -> None:
    found = match_type_name("GIẤY CHỨNG NHẬN ĐĂNG KÝ HỘ KINH DOANH")
    assert found.document_type == "certificate" and found.value == "GIẤY CHỨNG NHẬN ĐĂNG KÝ HỘ KINH DOANH"
    assert match_type_name("ĐƠN ĐỀ NGHỊ CẤP GIẤY PHÉP XÂY DỰNG").document_type == "application_form"
    assert classify(None, "15/TTr-SNV", False).document_type == "submission"
    assert classify(None, "15/QyĐ-UBND", False).document_type == "regulation"
    assert classify(None, "07/GCN-UBND", False).document_type == "certificate"
    assert classify(None, "12/UBND-VX", True).document_type == "official_letter"
    assert classify(None, None, False).document_type == "other"


def test_an_empty_page_gives_a_problem_not_fields() -> None:
    result = extract_pages([PageWords(1, [], 2480, 3508)])
    assert result.document_type == "other" and result.fields == {}
    assert [p.code for p in result.problems] == ["no_text"]


def test_layout_splits_a_long_agency_name_from_the_motto() -> None:
    """"BỘ GIÁO DỤC VÀ ĐÀO TẠO" leaves less room before the motto than a column gap."""
    words = [Word(t, (x, 250, x + w, 300), 0.95, 1, 1, 1) for t, x, w in (
        ("BỘ", 349, 74), ("GIÁO", 441, 140), ("DỤC", 599, 112), ("VÀ", 729, 76), ("ĐÀO", 821, 118),
        ("TẠO", 955, 114), ("CỘNG", 1140, 159), ("HÒA", 1316, 120), ("XÃ", 1453, 75), ("HỘI", 1545, 100),
        ("CHỦ", 1664, 116), ("NGHĨA", 1799, 180), ("VIỆT", 1995, 130), ("NAM", 2141, 126))]
    assert [line.text for line in page_lines(words)] == ["BỘ GIÁO DỤC VÀ ĐÀO TẠO",
                                                         "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"]
    assert layout_page(words, 1, 2480, 3508).lines[0].text == "BỘ GIÁO DỤC VÀ ĐÀO TẠO"


# ---------------------------------------------------------------- files and the command line

def _sohoa(*args: str | Path) -> subprocess.CompletedProcess:
    return subprocess.run([*SOHOA, *map(str, args)], capture_output=True, text=True, timeout=300)


@pytest.mark.slow
def test_cli_json_follows_the_design_contract(documents) -> None:
    truth, _, path = documents["licence"]
    result = _sohoa("extract", path, "--json", "--jobs", "1")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert set(data) == {"file", "document_type", "pages", "fields", "problems", "text"}
    assert (data["file"], data["document_type"], data["pages"]) == (path.name, "license", 1)
    number = data["fields"]["number"]
    assert number["value"] == truth["fields"]["number"]
    assert set(number) >= {"value", "confidence", "page", "bbox"} and len(number["bbox"]) == 4
    assert 0 <= number["confidence"] <= 1 and number["page"] == 1
    assert "GIẤY PHÉP" in data["text"]
    table_run = _sohoa("extract", path, "--jobs", "1")
    assert table_run.returncode == 0
    assert "Số, ký hiệu" in table_run.stdout and truth["fields"]["number"] in table_run.stdout
    assert "Loại văn bản: Giấy phép" in table_run.stdout


def test_bad_input_gives_one_clear_line(tmp_path: Path) -> None:
    missing = _sohoa("extract", tmp_path / "khong-co.png")
    assert missing.returncode == 1 and "khong-co.png" in missing.stderr
    assert len(missing.stderr.strip().splitlines()) == 1
    junk = tmp_path / "giay.pdf"
    junk.write_bytes(b"%PDF-1.4 not really")
    with pytest.raises(PageError) as info:
        extract_file(junk, options=OcrOptions(jobs=1))
    assert "giay.pdf" in str(info.value)
    unknown = _sohoa("extract", junk, "--profile", "vn-1999")
    assert unknown.returncode == 2 and "vn-2023" in unknown.stderr
    import pikepdf
    from PIL import Image

    plain, locked = tmp_path / "plain.pdf", tmp_path / "khoa.pdf"
    Image.new("RGB", (600, 800), "white").save(plain, resolution=100)
    with pikepdf.open(plain) as pdf:
        pdf.save(locked, encryption=pikepdf.Encryption(owner="chu", user="mat-khau"))
    with pytest.raises(PageError) as info:
        extract_file(locked, options=OcrOptions(jobs=1))
    assert "khoa.pdf" in str(info.value) and "encrypt" in str(info.value).lower()


def test_review_threshold_flags_a_weak_reading() -> None:
    rows = [(row[0], row[1]) for row in HEADER]
    words = _words(rows + [(580, [(1140, "QUYẾT ĐỊNH")])])
    words = [Word(w.text, w.bbox, 0.4 if w.text == "125/QĐ-STP" else w.confidence, w.block, w.paragraph, w.line)
             for w in words]
    result = extract_pages([PageWords(1, words, 2480, 3508)])
    assert result.fields["number"].confidence < REVIEW_THRESHOLD and result.flagged("number")
    assert not result.flagged("issuer")


def test_second_readings_outvote_a_misread_line() -> None:
    from ocr.extract.reread import Reading
    from ocr.extract.vote import DISAGREE_CONFIDENCE, merge

    page = _page(HEADER, [(580, [(1140, "QUYẾT ĐỊNH")])], BODY, CLOSING)
    words = [Word("SƠ" if w.text == "SỞ" else "TE" if w.text == "PHÁP" else w.text, w.bbox,
                  0.6 if w.text in ("SỞ", "PHÁP") else w.confidence, w.block, w.paragraph, w.line)
             for w in page.words]
    line = next(line for line in page_lines(words) if line.text == "SƠ TƯ TE")
    right = tuple(Word(t, w.bbox, 0.93, 9, 9, 9) for t, w in zip(("SỞ", "TƯ", "PHÁP"), line.words))
    merged = merge(words, [Reading(line.bbox, right), Reading(line.bbox, right)])
    result = extract_pages([PageWords(1, merged, 2480, 3508)])
    assert result.fields["issuer"].value == "SỞ TƯ PHÁP"
    # Word by word: on the last word all three readings differ, so the surest is kept and
    # the clerk is asked to look.
    other = tuple(Word(t, w.bbox, 0.9, 9, 9, 9) for t, w in zip(("SỞ", "TƯ", "PHÁT"), line.words))
    merged = merge(words, [Reading(line.bbox, right), Reading(line.bbox, other)])
    result = extract_pages([PageWords(1, merged, 2480, 3508)])
    assert result.fields["issuer"].value == "SỞ TƯ PHÁP" and result.flagged("issuer")
    assert next(w for w in merged if w.text == "PHÁP").confidence <= DISAGREE_CONFIDENCE
    # A witness that lost a word is no witness.
    short = right[:2]
    assert merge(words, [Reading(line.bbox, short), Reading(line.bbox, short)]) == words


def test_the_vote_skips_a_lost_dash_and_hears_no_witness_misspelt() -> None:
    from ocr.extract.vote import vote

    def words(*texts: str, confidence: float = 0.93) -> tuple[Word, ...]:
        return tuple(Word(t, (100 * i, 0, 100 * i + 90, 30), confidence, 1, 1, 1) for i, t in enumerate(texts))

    # The page read the list's dash, the crops did not: still three witnesses to the last word.
    first = words("-", "Lưu:", "VT,", "TT.", confidence=0.3)
    chosen = vote(first, [words("Lưu:", "VT,", "TTr."), words("Lưu:", "VT,", "TTr.")])
    assert [w.text for w in chosen] == ["-", "Lưu:", "VT,", "TTr."]
    # Two accent-free crops ("QUYET" is no syllable) do not outvote the page's "QUYẾT";
    # the clerk is still shown the doubt.
    first = words("QUYẾT", "ĐỊNH", confidence=0.6)
    chosen = vote(first, [words("QUYET", "ĐỊNH"), words("QUYET", "ĐỊNH")])
    assert chosen[0].text == "QUYẾT" and chosen[0].confidence <= 0.6


def test_a_line_the_page_ran_together_is_split_by_its_second_reading() -> None:
    from ocr.extract.reread import Reading
    from ocr.extract.vote import merge

    def row(y: int, texts: list[str], confidence: float, line: int, height: int = 30) -> list[Word]:
        return [Word(t, (250 + 120 * i, y, 350 + 120 * i, y + height), confidence, 1, 1, line) for i, t in enumerate(texts)]

    words = (row(1700, ["Như", "trên;"], 0.96, 1) + row(1740, ["Sở", "Nội", "vụ;"], 0.96, 2)
             + row(1780, ["TH", "VT", "BC"], 0.44, 3, height=70))
    tall = next(line for line in page_lines(words) if line.text == "TH VT BC")
    crop = tuple(row(1782, ["Sở", "Tài", "chính;"], 0.97, 7) + row(1820, ["Lưu:", "VT,", "PC."], 0.95, 8))
    merged = merge(words, [Reading(tall.bbox, crop)])
    assert [line.text for line in page_lines(merged)] == ["Như trên;", "Sở Nội vụ;", "Sở Tài chính;", "Lưu: VT, PC."]
    # A line of ordinary height is never split, whatever its crop says.
    low = next(line for line in page_lines(words) if line.text == "Sở Nội vụ;")
    assert merge(words, [Reading(low.bbox, crop)]) == words


def test_only_doubtful_lines_are_read_again() -> None:
    from ocr.extract.reread import doubtful

    sure = [Word(t, (100 * i, 0, 100 * i + 90, 30), 0.96, 1, 1, 1) for i, t in enumerate(["SỞ", "TƯ", "PHÁP"])]
    assert not doubtful(page_lines(sure)[0])
    weak = sure[:2] + [Word("PHÁP", sure[2].bbox, 0.7, 1, 1, 1)]
    assert doubtful(page_lines(weak)[0])
    misspelt = [Word("QUYET", (0, 0, 90, 30), 0.97, 1, 1, 1), Word("ĐỊNH", (100, 0, 190, 30), 0.97, 1, 1, 1)]
    assert doubtful(page_lines(misspelt)[0])


def test_closed_words_of_an_agency_are_mended_and_names_only_checked() -> None:
    header = [(250, [(520, "ỦY BAN NHÂN DẬN"), (1240, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")]),
              (300, [(560, "TINH HAI DƯƠNG"), (1380, "Độc lập - Tự do - Hạnh phúc")])] + HEADER[3:]
    words = [Word(w.text, w.bbox, 0.6 if w.text == "HAI" else w.confidence, w.block, w.paragraph, w.line)
             for w in _page(header, [(580, [(1140, "QUYẾT ĐỊNH")])], BODY, CLOSING).words]
    result = extract_pages([PageWords(1, words, 2480, 3508)])
    issuer = result.fields["issuer"]
    # "DÂN" and "TỈNH" can only be those words there, and after "TỈNH" only one of the
    # provinces set by law, whose letters these are: it is spelt as the province, and the
    # doubt about an accent no longer sends the field for review; the reading is kept.
    assert issuer.value == "ỦY BAN NHÂN DÂN TỈNH HẢI DƯƠNG"
    assert issuer.corrected_from == "ỦY BAN NHÂN DẬN TINH HAI DƯƠNG"
    assert not result.flagged("issuer")
    # A commune's name is an open vocabulary: kept as read.
    header[1] = (300, [(560, "XÃ HAI DƯƠNG"), (1380, "Độc lập - Tự do - Hạnh phúc")])
    result = extract_pages([_page(header, [(580, [(1140, "QUYẾT ĐỊNH")])], BODY, CLOSING)])
    assert result.fields["issuer"].value == "ỦY BAN NHÂN DÂN XÃ HAI DƯƠNG"


def test_margin_marks_and_trailing_specks_are_not_part_of_the_agency() -> None:
    # A QR code in the corner that OCR read as "EE", far left of the agency's line; dots after it.
    header = [(250, [(300, "EE"), (420, "UBND TỈNH BÌNH DƯƠNG..."), (1240, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")]),
              (300, [(540, "SỞ TƯ PHÁP"), (1380, "Độc lập - Tự do - Hạnh phúc")])] + HEADER[3:]
    # Enough body lines that the text area's left edge is the body's, not the mark's.
    body = [(700 + 20 * i, [(420, "Căn cứ Luật Tổ chức chính quyền địa phương")]) for i in range(24)]
    result = extract_pages([_page(header, [(580, [(1140, "QUYẾT ĐỊNH")])], body, CLOSING)])
    assert result.fields["parent_issuer"].value == "UBND TỈNH BÌNH DƯƠNG"
    assert result.fields["issuer"].value == "SỞ TƯ PHÁP"


def test_a_deputy_title_without_its_authority_is_flagged_not_invented() -> None:
    closing = [(1200, [(420, "Nơi nhận:"), (1530, "PHÓ GIÁM ĐỐC")]), (1250, [(420, "- Lưu: VT.")]),
               (1600, [(1540, "Nguyễn Văn An")])]
    result = extract_pages([_page(HEADER, [(580, [(1140, "QUYẾT ĐỊNH")])], BODY, closing)])
    assert result.fields["signer_title"].value == "PHÓ GIÁM ĐỐC"
    assert "signing_authority" not in result.fields
    assert any(p.field == "signing_authority" and p.level == "warning" for p in result.problems)


def test_an_agency_name_misspelt_by_ocr_goes_to_review() -> None:
    header = [(250, [(520, "ỦY BAN NHÂN DÂN"), (1240, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")]),
              (300, [(560, "XÃ QUYET TIEN"), (1380, "Độc lập - Tự do - Hạnh phúc")])] + HEADER[3:]
    result = extract_pages([_page(header, [(580, [(1140, "QUYẾT ĐỊNH")])], BODY, CLOSING)])
    # Read at 0.96 word by word, but "QUYET" cannot be a Vietnamese syllable: accents lost.
    assert result.fields["issuer"].value == "ỦY BAN NHÂN DÂN XÃ QUYET TIEN"
    assert result.flagged("issuer") and not result.flagged("number")


def test_a_signature_block_read_in_part_is_flagged_not_invented() -> None:
    # The seal hid the name and the line above the title: a title of none of the table's is
    # kept as read but sent for review, and the lost authority line is named.
    closing = [(1200, [(420, "Nơi nhận:"), (1590, "U TỊCH")]), (1250, [(420, "- Lưu: VT.")])]
    result = extract_pages([_page(HEADER, [(580, [(1140, "QUYẾT ĐỊNH")])], BODY, closing)])
    assert result.fields["signer_title"].value == "U TỊCH" and result.flagged("signer_title")
    assert "signing_authority" not in result.fields and result.flagged("signing_authority")
    assert "signer" not in result.fields and result.flagged("signer")
    # A head's own signature read whole has no authority line, and none is asked for.
    closing = [(1200, [(420, "Nơi nhận:"), (1560, "GIÁM ĐỐC")]), (1250, [(420, "- Lưu: VT.")]),
               (1600, [(1540, "Nguyễn Văn An")])]
    result = extract_pages([_page(HEADER, [(580, [(1140, "QUYẾT ĐỊNH")])], BODY, closing)])
    assert not result.flagged("signing_authority") and not result.flagged("signer")


def test_an_authority_glued_to_the_title_and_a_name_read_twice() -> None:
    closing = [(1200, [(420, "Nơi nhận:"), (1560, "TUQ.BỘ TRƯỞNG")]), (1250, [(420, "- Lưu: VT."),
                                                                             (1500, "VỤ TRƯỞNG VỤ PHÁP CHẾ")]),
               (1600, [(1540, "Hà Hà Thị Xuân")])]
    result = extract_pages([_page(HEADER, [(580, [(1140, "QUYẾT ĐỊNH")])], BODY, closing)])
    assert result.fields["signing_authority"].value == "TUQ."
    assert result.fields["signer_title"].value == "VỤ TRƯỞNG VỤ PHÁP CHẾ"
    assert result.fields["signer"].value == "Hà Hà Thị Xuân" and result.flagged("signer")


def test_a_date_line_read_in_half_names_the_other_half() -> None:
    header = HEADER[:3] + [(450, [(540, "Số: 125/QĐ-STP"), (1300, "ngày 12 tháng 3 năm 2025")])]
    result = extract_pages([_page(header, [(580, [(1140, "QUYẾT ĐỊNH")])], BODY, CLOSING)])
    assert "place" not in result.fields and result.flagged("place")


def test_the_opening_entry_of_the_recipients_is_mended_and_dashes_do_not_count() -> None:
    closing = [(1200, [(420, "Nơi nhận:"), (1560, "GIÁM ĐỐC")]), (1250, [(420, "- Nhưtrên;")]),
               (1300, [(420, "- Sở Nội vụ;")]), (1350, [(420, "- Lưu: VT, VP.")]),
               (1600, [(1540, "Nguyễn Văn An")])]
    words = [Word(w.text, w.bbox, 0.5 if w.text == "-" else w.confidence, w.block, w.paragraph, w.line)
             for w in _page(HEADER, [(580, [(1140, "QUYẾT ĐỊNH")])], BODY, closing).words]
    result = extract_pages([PageWords(1, words, 2480, 3508)])
    assert result.fields["recipients"].value == ["Như trên", "Sở Nội vụ", "Lưu: VT, VP"]
    # Tesseract is unsure of the small dashes on most pages; they say nothing of the names.
    assert not result.flagged("recipients")


def test_a_letter_typed_before_decree_30_keeps_its_spelling_and_prefixes() -> None:
    # Old tone placement (UỶ, HOÀ), "V/V", "T/M" and an office's own archive copy were usual
    # on papers typed under Circular 55/2005 and before.
    header = [(250, [(520, "UỶ BAN NHÂN DÂN"), (1240, "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM")]),
              (300, [(560, "TỈNH HOÀ BÌNH"), (1380, "Độc lập - Tự do - Hạnh phúc")]),
              (450, [(540, "Số: 125/UBND-VP"), (1300, "Hoà Bình, ngày 12 tháng 3 năm 2009")]),
              (520, [(450, "V/V triển khai công tác")]), (570, [(480, "phòng chống lụt bão")])]
    closing = [(1200, [(420, "Nơi nhận:"), (1560, "T/M UỶ BAN NHÂN DÂN")]),
               (1250, [(420, "- Như trên;"), (1590, "CHỦ TỊCH")]),
               (1300, [(420, "- Lưu: VP.")]), (1600, [(1540, "Trần Thị Bình")])]
    result = extract_pages([_page(header, BODY, closing)])
    values = {name: item.value for name, item in result.fields.items()}
    assert result.document_type == "official_letter"
    assert values["issuer"] == "UỶ BAN NHÂN DÂN TỈNH HOÀ BÌNH" and result.fields["issuer"].corrected_from is None
    assert values["place"] == "Hoà Bình"
    assert values["subject"] == "V/v triển khai công tác phòng chống lụt bão"
    assert (values["signing_authority"], values["signer_title"]) == ("TM.", "CHỦ TỊCH")
    assert values["recipients"] == ["Như trên", "Lưu: VP"]
    # A summary written out ("Về việc …") under the number is the letter's subject too.
    header[3:] = [(520, [(450, "Về việc triển khai công tác")])]
    result = extract_pages([_page(header, BODY, closing)])
    assert result.fields["subject"].value == "Về việc triển khai công tác"


def test_a_motto_read_in_pieces_does_not_cut_the_header() -> None:
    # On a phone photograph "Hạnh phúc" came out as a line of its own between the rows; the
    # agency's second line and the number below it are still the header's.
    header = [(250, [(440, "UBND TỈNH BÌNH DƯƠNG"), (1240, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")]),
              (300, [(540, "SỞ THÔNG TIN"), (1300, "Độc lập - Tự do")]), (330, [(2000, "Hạnh phúc")]),
              (370, [(480, "VÀ TRUYỀN THÔNG")]),
              (450, [(540, "Số: 125/KH-STTTT"), (1300, "Bình Dương, ngày 12 tháng 3 năm 2025")])]
    result = extract_pages([_page(header, [(580, [(1210, "KẾ HOẠCH")])], BODY, CLOSING)])
    assert result.fields["issuer"].value == "SỞ THÔNG TIN VÀ TRUYỀN THÔNG"
    assert result.fields["number"].value == "125/KH-STTTT"
    assert result.fields["type_name"].value == "KẾ HOẠCH"


def test_a_name_without_a_family_name_and_a_list_without_its_archive_copy_go_to_review() -> None:
    # "Đỉnh" is a word, but no Vietnamese family name ("Đinh" read with a hook); a "Nơi nhận"
    # list always ends with "Lưu: VT, …" (Decree 30, ô 9b): without it, its end was lost.
    closing = [(1200, [(420, "Nơi nhận:"), (1560, "GIÁM ĐỐC")]), (1250, [(420, "- Như trên;")]),
               (1300, [(420, "- Sở Nội vụ;")]), (1600, [(1540, "Đỉnh Xuân Lâm")])]
    result = extract_pages([_page(HEADER, [(580, [(1140, "QUYẾT ĐỊNH")])], BODY, closing)])
    # Spelt as the one family name with its letters, and still shown for review.
    assert result.fields["signer"].value == "Đinh Xuân Lâm" and result.flagged("signer")
    assert result.fields["signer"].corrected_from == "Đỉnh Xuân Lâm"
    assert result.fields["recipients"].value == ["Như trên", "Sở Nội vụ"] and result.flagged("recipients")
    assert not result.flagged("signer_title")


def test_a_speck_after_a_closed_word_of_an_agency_is_dropped() -> None:
    header = [(250, [(520, "ỦY BAN NHÂN DÂN."), (1240, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")]),
              (300, [(560, "TỈNH BÌNH DƯƠNG"), (1380, "Độc lập - Tự do - Hạnh phúc")])] + HEADER[3:]
    result = extract_pages([_page(header, [(580, [(1140, "QUYẾT ĐỊNH")])], BODY, CLOSING)])
    assert result.fields["issuer"].value == "ỦY BAN NHÂN DÂN TỈNH BÌNH DƯƠNG"


@pytest.mark.parametrize("name, uncommon", [
    ("Ngô Mĩnh Tuấn", ["Mĩnh"]),  # "Minh" with its hook misread: no one is named so
    ("Đoàn Kim Chỉ", ["Chỉ"]),  # "Chi" with a hook: a word, but no given name
    ("NGÔ MINH TUẤN", []),  # capitals as on a form
    ("Trần Thị Thuỷ", []),  # the old tone placement
    ("Nguyễn Trần Bảo Ngọc", []),  # a mother's family name as the middle name
])
def test_a_name_with_a_word_that_is_no_name_is_told(name: str, uncommon: list[str]) -> None:
    from ocr.extract.admin import uncommon_name_words

    assert uncommon_name_words(name) == uncommon


def test_a_signer_read_with_one_accent_off_goes_to_review_as_read() -> None:
    closing = [(1200, [(420, "Nơi nhận:"), (1560, "GIÁM ĐỐC")]), (1250, [(420, "- Như trên;")]),
               (1300, [(420, "- Lưu: VT, VP.")]), (1600, [(1540, "Ngô Mĩnh Tuấn")])]
    result = extract_pages([_page(HEADER, [(580, [(1140, "QUYẾT ĐỊNH")])], BODY, closing)])
    assert result.fields["signer"].value == "Ngô Mĩnh Tuấn" and result.flagged("signer")
    closing[-1] = (1600, [(1540, "Ngô Minh Tuấn")])
    result = extract_pages([_page(HEADER, [(580, [(1140, "QUYẾT ĐỊNH")])], BODY, closing)])
    assert result.fields["signer"].value == "Ngô Minh Tuấn" and not result.flagged("signer")


def test_a_qr_code_seen_but_not_read_sends_the_clerk_to_its_fields() -> None:
    from dataclasses import replace as with_

    from ocr.extract.codes import Code

    page = _page(HEADER, [(580, [(1140, "GIẤY PHÉP")])], BODY, CLOSING)
    unread = Code("unread", "", (60, 60, 300, 300))
    result = extract_pages([with_(page, codes=[unread])])
    told = {p.field: p for p in result.problems if p.code == "code_unread"}
    assert set(told) == {"dossier_code", "procedure_code"}  # what every system's QR code states
    assert "mã QR" in told["dossier_code"].message and "mã hồ sơ" in told["dossier_code"].message
    assert "dossier_code" not in result.fields  # nothing invented
    # Another code of the page that was read gives the dossier code: only the rest is asked.
    read = Code("qr", "Mã hồ sơ: 000.00.00.H12-250301-0007", (60, 400, 300, 640))
    result = extract_pages([with_(page, codes=[unread, read])])
    assert {p.field for p in result.problems if p.code == "code_unread"} == {"procedure_code"}
    assert result.fields["dossier_code"].source == "qr"
    # No code seen, or a code-like block low on the page (a photo, a stamp): no such problem.
    assert not any(p.code == "code_unread" for p in extract_pages([page]).problems)
    low = Code("unread", "", (250, 1400, 370, 1510))
    assert not any(p.code == "code_unread" for p in extract_pages([with_(page, codes=[low])]).problems)


def test_marks_under_a_number_run_into_the_date_line_are_read() -> None:
    # A scan where the number's line and the date line came out as one line across both
    # columns: the header region ends above it, and the marks under the number follow it.
    header = HEADER[:3] + [(450, [(540, "Số: 34/TB-STPBình Dương, ngày 12 tháng 3 năm 2025")]),
                           (510, [(610, "MẬT")]), (560, [(580, "HỎA TỐC")])]
    result = extract_pages([_page(header, [(630, [(1140, "THÔNG BÁO")])], BODY, CLOSING)])
    assert result.fields["confidentiality"].value == "MẬT"
    assert result.fields["urgency"].value == "HỎA TỐC"
    # Without marks nothing is invented from the lines under the header.
    result = extract_pages([_page(header[:4], [(630, [(1140, "THÔNG BÁO")])], BODY, CLOSING)])
    assert "urgency" not in result.fields and "confidentiality" not in result.fields
