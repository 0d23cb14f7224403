"""QR codes and barcodes on dossier pages: decoded from real page images (generated receipts,
clean, scanned and photographed), and the fields a clerk gets from them."""
from __future__ import annotations

import logging
import time
from functools import lru_cache

import numpy as np
import pytest

from ocr.extract.codes import Code, fields_from_codes, parse_payload, read_codes
from tests.docgen import GeneratedDocument, GeneratedPage, blank_page, degrade, generate_document, photograph

# Receipts whose QR code is printed with a Code 128 barcode under it: "key=value" pairs
# (seed 5) and "Nhãn: giá trị" lines of 318 bytes (seed 6), the densest QR of the two.
WITH_BARCODE = (5, 6)
JSON_RECEIPT = 2  # a QR code of 309 bytes of JSON with Vietnamese keys, no barcode


@lru_cache(maxsize=None)
def receipt(seed: int, dpi: int) -> GeneratedDocument:
    return generate_document(seed, "receipt", dpi=dpi)


def bgr(page: GeneratedPage) -> np.ndarray:
    """The page as OpenCV holds an image read from disk."""
    return np.ascontiguousarray(np.asarray(page.image.convert("RGB"))[:, :, ::-1])


def area(page: GeneratedPage, bbox: tuple[int, int, int, int], slack: int = 4) -> tuple[int, int, int, int]:
    """Where a printed code lies in this (scanned, photographed) image, with a few pixels of slack."""
    x0, y0, x1, y1 = page.image_bbox(bbox)
    return (x0 - slack, y0 - slack, x1 + slack, y1 + slack)


def inside(box: tuple[int, int, int, int], outer: tuple[int, int, int, int]) -> bool:
    return outer[0] <= box[0] < box[2] <= outer[2] and outer[1] <= box[1] < box[3] <= outer[3]


def assert_all_read(doc: GeneratedDocument, page: GeneratedPage) -> list[Code]:
    codes = read_codes(bgr(page))
    for printed in doc.codes:
        where = area(page, printed.bbox)
        assert where[0] >= -4 and where[1] >= -4, "the code must be on the image for this test to mean anything"
        match = [c for c in codes if c.text == printed.text]
        assert match, f"{printed.kind} ({printed.style}) of seed {doc.seed} not read"
        assert match[0].kind == printed.kind
        assert inside(match[0].bbox, where), (match[0].bbox, where)
    assert len(codes) == len(doc.codes)  # nothing read that is not printed
    return codes


# ---- decoding page images --------------------------------------------------------------------

@pytest.mark.parametrize("dpi", [200, 300])
@pytest.mark.parametrize("seed", [*WITH_BARCODE, JSON_RECEIPT])
def test_codes_of_a_clean_receipt_are_read(seed: int, dpi: int) -> None:
    doc = receipt(seed, dpi)
    assert doc.codes[0].kind == "qr" and (seed == JSON_RECEIPT or doc.codes[1].kind == "barcode")
    assert_all_read(doc, doc.pages[0])


@pytest.mark.parametrize("dpi", [200, 300])
@pytest.mark.parametrize(("seed", "skew"), [(5, -3.5), (6, -2.5), (JSON_RECEIPT, 1.5)])
def test_codes_of_a_scanned_receipt_are_read(seed: int, skew: float, dpi: int) -> None:
    """Skew, noise 8, blur 0.8 px, JPEG quality 50, uneven light and a seal: a 200 dpi scan has
    barely two pixels a QR module."""
    doc = receipt(seed, dpi)
    scan = degrade(doc.pages[0], seed=seed, skew_deg=skew, jpeg_quality=50)
    assert_all_read(doc, scan)


def test_a_grey_photocopy_is_read() -> None:
    doc = receipt(6, 300)
    copy = degrade(doc.pages[0], seed=9, skew_deg=-1.0, photocopy=True)
    grey = np.asarray(copy.image.convert("L"))
    assert {c.text for c in read_codes(grey)} == {p.text for p in doc.codes}


@pytest.mark.parametrize("seed", WITH_BARCODE)
def test_codes_of_a_photographed_receipt_are_read(seed: int) -> None:
    """A phone shot: the sheet smaller than the frame, in perspective, on a dark desk."""
    doc = receipt(seed, 300)
    assert_all_read(doc, photograph(doc.pages[0], seed=seed))


def test_a_page_without_codes_gives_nothing_and_quickly() -> None:
    decision = generate_document(11, "decision", dpi=300, pages=1).pages[0]
    for page in (decision, degrade(decision, seed=3), blank_page(4, 300)):
        start = time.perf_counter()
        assert read_codes(bgr(page)) == []
        # Typically 50-90 ms (bench/codes_bench.py); generous for a loaded 2-core machine.
        assert time.perf_counter() - start < 1.0


def test_a_page_with_codes_is_read_quickly() -> None:
    scan = degrade(receipt(6, 300).pages[0], seed=6, skew_deg=-2.5)
    image = bgr(scan)
    read_codes(image)
    start = time.perf_counter()
    assert len(read_codes(image)) == 2
    assert time.perf_counter() - start < 1.0


@pytest.mark.parametrize("bad", [
    None, "page.png", b"\x89PNG", np.zeros(0, np.uint8), np.zeros((0, 0), np.uint8), np.zeros(100, np.uint8),
    np.zeros((10, 10), np.uint8), np.zeros((50, 50, 5), np.uint8), np.zeros((2, 50, 50, 3), np.uint8),
    np.full((200, 200), np.nan, np.float32), np.ones((200, 200), bool), np.array([["a"] * 50] * 50),
])
def test_what_is_not_a_page_image_gives_nothing(bad: object) -> None:
    assert read_codes(bad) == []  # type: ignore[arg-type]


def test_noise_and_odd_images_do_not_crash() -> None:
    rng = np.random.default_rng(1)
    assert read_codes(rng.integers(0, 256, (800, 600), dtype=np.uint8)) == []
    assert read_codes(np.zeros((3508, 2480), np.uint8)) == []  # a black page (scanner lid open)
    assert read_codes(rng.integers(0, 256, (600, 400, 4), dtype=np.uint8)) == []  # BGRA
    assert read_codes(np.full((400, 300), 255.0)) == []  # float grey


# ---- fields ----------------------------------------------------------------------------------

@pytest.mark.parametrize("seed", [*WITH_BARCODE, JSON_RECEIPT])
def test_fields_of_a_scanned_receipt_come_from_its_codes(seed: int) -> None:
    doc = receipt(seed, 200)
    scan = degrade(doc.pages[0], seed=seed, skew_deg=1.0)
    fields = fields_from_codes(read_codes(bgr(scan)), page=1)
    qr = doc.codes[0]
    assert {name: f.value for name, f in fields.items()} == qr.fields
    # A receipt's code states what the receipt prints: the clerk sees the same values.
    assert all(doc.fields[name] == value for name, value in qr.fields.items())
    for f in fields.values():
        assert f.source == "qr" and f.confidence == 1.0 and f.page == 1 and not f.needs_review
        assert inside(f.bbox, area(scan, qr.bbox))
        assert f.to_json()["source"] == "qr"


def test_a_barcode_alone_gives_the_dossier_code() -> None:
    doc = receipt(5, 300)
    bar = next(p for p in doc.codes if p.kind == "barcode")
    codes = [c for c in read_codes(bgr(doc.pages[0])) if c.kind == "barcode"]
    fields = fields_from_codes(codes, page=2)
    assert list(fields) == ["dossier_code"]
    f = fields["dossier_code"]
    assert (f.value, f.source, f.page, f.confidence) == (doc.fields["dossier_code"], "barcode", 2, 1.0)
    assert inside(f.bbox, area(doc.pages[0], bar.bbox))


def test_qr_is_preferred_and_a_disagreeing_barcode_sends_the_field_to_review() -> None:
    qr = Code("qr", "MaHoSo=000.12.05.H38-250101-0123|MaTTHC=1.001234", (10, 10, 200, 200))
    same = Code("barcode", "000.12.05.H38-250101-0123", (10, 260, 120, 900))
    other = Code("barcode", "000.12.05.H38-250101-0124", (10, 260, 120, 900))
    agreed = fields_from_codes([same, qr], page=1)
    assert agreed["dossier_code"].source == "qr" and agreed["dossier_code"].confidence == 1.0
    assert agreed["dossier_code"].bbox == (10, 10, 200, 200)
    disputed = fields_from_codes([qr, other], page=1)
    assert disputed["dossier_code"].value == "000.12.05.H38-250101-0123"
    assert disputed["dossier_code"].needs_review and not disputed["procedure_code"].needs_review


def test_every_generated_payload_parses_to_what_it_states() -> None:
    """All payload styles the generator draws, on receipts, licences and certificates."""
    seen: set[str] = set()
    for document_type in ("receipt", "license", "certificate"):
        for seed in range(30):
            for printed in generate_document(seed, document_type, dpi=200).codes:
                seen.add(printed.style)
                parsed = parse_payload(printed.text, printed.kind)  # type: ignore[arg-type]
                assert {k: v for k, (v, _) in parsed.items()} == printed.fields, printed.text
                assert all(c == 1.0 for _, c in parsed.values())
    assert seen == {"json-vn", "json-snake", "json-en", "lines", "pairs", "tokens", "url", "code128"}


# ---- payload styles ------------------------------------------------------------------------

DOSSIER = "000.13.27.H38-230512-0007"


def values(text: str, kind: str = "qr") -> dict[str, str]:
    return {k: v for k, (v, _) in parse_payload(text, kind).items()}  # type: ignore[arg-type]


def test_json_with_vietnamese_english_and_nested_keys() -> None:
    assert values('{"MaHoSo": "000.13.27.H38-230512-0007", "MaTTHC": "1.011442", "SoDinhDanh": "079085001234",'
                  ' "HoTen": "Nguyễn Văn An", "NgayTiepNhan": "12/05/2023 08:15", "NgayHenTra": "2023-05-19"}') == {
        "dossier_code": DOSSIER, "procedure_code": "1.011442", "personal_id": "079085001234",
        "full_name": "Nguyễn Văn An", "received_date": "2023-05-12", "appointment_date": "2023-05-19"}
    assert values('{"ma_ho_so": "000.13.27.H38-230512-0007", "ma_thu_tuc": "2.000948.000.00.00.H38"}') == {
        "dossier_code": DOSSIER, "procedure_code": "2.000948.000.00.00.H38"}
    assert values('{"dossierCode": "000.13.27.H38-230512-0007", "owner": {"ownerId": "079085001234",'
                  ' "fullName": "LÊ THỊ HÀ"}, "appointmentDate": "2023-05-19T16:00:00+07:00"}') == {
        "dossier_code": DOSSIER, "personal_id": "079085001234", "full_name": "LÊ THỊ HÀ",
        "appointment_date": "2023-05-19"}


def test_json_values_that_are_not_the_field_are_dropped() -> None:
    """A key names a field only when its value has that field's shape: never invent one."""
    assert values('{"MaHoSo": "chưa cấp", "MaTTHC": "Đăng ký khai sinh", "CCCD": "0790850012",'
                  ' "HoTen": "", "NgayHenTra": "sớm", "MST": "0312345678", "TenGiayTo": "Giấy phép"}') == {}
    assert values('{"SoDinhDanh": 79085001234}') == {}  # a number that lost its leading zero
    assert values('{"SoDinhDanh": "079 085 001 234"}') == {"personal_id": "079085001234"}


def test_labelled_lines_and_pairs() -> None:
    lines = ("Mã hồ sơ: 000.13.27.H38-230512-0007\nMã thủ tục: 1.011442\nSố định danh: 079085001234\n"
             "Chủ hồ sơ: Trần Thị Bình\nTên giấy tờ: Giấy tiếp nhận hồ sơ và hẹn trả kết quả\n"
             "Thời gian cấp: 12/05/2023 08:15\nNgày hẹn trả: 08 giờ 00 phút, ngày 19/05/2023")
    expected = {"dossier_code": DOSSIER, "procedure_code": "1.011442", "personal_id": "079085001234",
                "full_name": "Trần Thị Bình", "appointment_date": "2023-05-19"}
    assert values(lines) == expected
    assert values(lines.replace("\n", " | ")) == expected
    assert values(lines.replace("\n", "; ")) == expected
    assert values("MaHoSo=000.13.27.H38-230512-0007;MaTTHC=1.011442;CCCD=079085001234;NgayTiepNhan=12/05/2023") == {
        "dossier_code": DOSSIER, "procedure_code": "1.011442", "personal_id": "079085001234",
        "received_date": "2023-05-12"}
    assert values("MÃ HỒ SƠ: 000.13.27.H38-230512-0007|Họ và tên: PHẠM VĂN ĐỨC") == {
        "dossier_code": DOSSIER, "full_name": "PHẠM VĂN ĐỨC"}


def test_bare_tokens_by_their_shape() -> None:
    assert values("000.13.27.H38-230512-0007|1.011442|079085001234|12/05/2023|19/05/2023") == {
        "dossier_code": DOSSIER, "procedure_code": "1.011442", "personal_id": "079085001234",
        "received_date": "2023-05-12", "appointment_date": "2023-05-19"}
    # Without the dossier code nothing tells which date is which: they stay unplaced.
    assert values("1.011442;079085001234;12/05/2023;19/05/2023") == {
        "procedure_code": "1.011442", "personal_id": "079085001234"}
    # The dossier code's YYMMDD is the day of receipt; it is not a received date by itself.
    assert values(DOSSIER) == {"dossier_code": DOSSIER}


def test_lookup_urls_give_the_dossier_code() -> None:
    assert values(f"https://dichvucong.binhduong.gov.vn/tra-cuu-ho-so?maHoSo={DOSSIER}") == {"dossier_code": DOSSIER}
    assert values(f"https://motcua.hanoi.gov.vn/tra-cuu/{DOSSIER}") == {"dossier_code": DOSSIER}
    assert values(f"https://motcua.hanoi.gov.vn/tra-cuu?q={DOSSIER.replace('-', '%2D')}&lang=vi") == {
        "dossier_code": DOSSIER}
    assert values("https://dichvucong.gov.vn/p/home/dvc-trang-chu.html") == {}


def test_barcode_text_other_than_a_dossier_code_says_nothing() -> None:
    assert values(DOSSIER, "barcode") == {"dossier_code": DOSSIER}
    assert values("079085001234", "barcode") == {}
    assert values("MaHoSo=" + DOSSIER, "barcode") == {}


def test_text_payloads_that_say_nothing() -> None:
    for text in ("", "   ", "\ufeff", "xin chào", "{not json", "[1, 2, 3]", "null", "Tên giấy tờ: Giấy phép"):
        assert values(text) == {}, text


def test_payloads_are_not_logged(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.DEBUG):
        doc = receipt(6, 200)
        fields_from_codes(read_codes(bgr(doc.pages[0])), page=1)
        read_codes(None)  # type: ignore[arg-type]
    assert "079" not in caplog.text and str(doc.fields["personal_id"]) not in caplog.text


# ---- codes seen but not read -----------------------------------------------------------------

def _spoilt(page: GeneratedPage, printed_bbox: tuple[int, int, int, int]) -> np.ndarray:
    """The page with its QR code's modules scrambled between the finder patterns (a fold, a
    stain, a smudged print): the code is plainly there and no reader can read it."""
    image = bgr(page)
    x0, y0, x1, y1 = page.image_bbox(printed_bbox)
    side = x1 - x0
    rng = np.random.default_rng(7)
    cells = rng.integers(0, 2, (8, 8), dtype=np.uint8) * 255
    block = np.kron(cells, np.ones((side // 16 + 1, side // 16 + 1), np.uint8))
    a, b = y0 + side // 4, x0 + side // 4
    h = w = side // 2
    image[a:a + h, b:b + w] = block[:h, :w, None]
    return image


@pytest.mark.parametrize("dpi", [200, 300])
def test_a_qr_code_seen_but_not_read_is_told_where_it_is(dpi: int) -> None:
    doc = receipt(JSON_RECEIPT, dpi)
    page = doc.pages[0]
    image = _spoilt(page, doc.codes[0].bbox)
    assert not any(c.kind == "qr" for c in read_codes(image))  # the spoilt code reads as nothing
    unread = [c for c in read_codes(image, unread=True) if c.kind == "unread"]
    where = area(page, doc.codes[0].bbox, slack=40)
    assert len(unread) == 1 and unread[0].text == "" and inside(unread[0].bbox, where)
    assert fields_from_codes(unread, page=1) == {}  # it states nothing


def test_pages_without_codes_have_no_unread_code() -> None:
    decision = generate_document(11, "decision", dpi=300, pages=1).pages[0]
    for page in (decision, degrade(decision, seed=3), photograph(decision, seed=3)):
        assert read_codes(bgr(page), unread=True) == []
    # A code read is no unread code, though zxing saw it only on a closer look.
    doc = receipt(JSON_RECEIPT, 200)
    assert all(c.kind != "unread" for c in read_codes(bgr(degrade(doc.pages[0], seed=2)), unread=True))


def test_a_small_code_alone_on_a_page_is_still_looked_for() -> None:
    """Pages without dense blocky ink are not decoded at all; a QR code of 21 modules of 4 px at
    300 dpi (7 mm, smaller than any one-stop paper prints) still counts as such ink."""
    import numpy as np
    import zxingcpp

    page = np.full((3508, 2480, 3), 255, np.uint8)
    symbol = zxingcpp.create_barcode("000.00.00.H26-260424-0163", zxingcpp.BarcodeFormat.QRCode, ec_level="L")
    modules = np.asarray(symbol.to_image(scale=1, add_quiet_zones=False)) < 128
    assert modules.shape == (21, 21)
    px = 4
    code = np.kron(modules, np.ones((px, px), bool))
    page[400:400 + code.shape[0], 300:300 + code.shape[1]][code] = 0
    (found,) = read_codes(page)
    assert found.kind == "qr" and found.text == "000.00.00.H26-260424-0163"
