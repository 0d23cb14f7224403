"""The synthetic-document generator must be deterministic, render real Vietnamese glyphs and keep
ground truth that agrees with what is printed — OCR accuracy tests are only as good as this."""

from __future__ import annotations

import json
import re
import time
import unicodedata
from datetime import date
from functools import lru_cache
from pathlib import Path

import numpy as np
import pytest
from PIL import Image, ImageFont

from tests.docgen import (
    DOCUMENT_TYPES,
    FONTS,
    GeneratedDocument,
    GeneratedPage,
    blank_page,
    degrade,
    generate_document,
    photograph,
    rotate_page,
    write_sample,
)
from tests.docgen.__main__ import main as cli_main
from tests.docgen.model import CODE_BLOCKS
from tests.docgen.vocab import BIRTH_PROVINCE_CODES

ADMIN = ("decision", "official_letter", "notice", "report", "submission", "plan", "certificate", "license")
DATE_LINE = re.compile(r"^(?P<place>[^,]+), ngày (?P<d>0[1-9]|[12]\d|3[01]) tháng (?P<m>0[12]|[3-9]|1[0-2]) "
                       r"năm (?P<y>\d{4})$")
NUMBER = re.compile(r"^(?P<so>\d{2,5})/(?P<kyhieu>[A-ZĐ][A-Za-zĐđ0-9&]*(?:-[A-ZĐ][A-Za-zĐđ0-9&]*)+)$")


@lru_cache(maxsize=None)
def doc(seed: int, document_type: str, dpi: int = 200, pages: int | None = None) -> GeneratedDocument:
    return generate_document(seed, document_type, dpi=dpi, pages=pages)


def sample_docs() -> list[GeneratedDocument]:
    """Two seeds of every type at 200 dpi: enough layouts to catch drift, fast enough for CI."""
    return [doc(seed, t) for t in DOCUMENT_TYPES for seed in (3, 40)]


def blocks(page: GeneratedPage, name: str) -> list[str]:
    return [b.text for b in page.blocks if b.name == name]


def all_blocks(d: GeneratedDocument, name: str) -> list[str]:
    return [text for page in d.pages for text in blocks(page, name)]


def pixels(page: GeneratedPage) -> np.ndarray:
    return np.asarray(page.image.convert("RGB"))


# ---- determinism and geometry ----------------------------------------------------------------

def test_same_seed_gives_identical_pixels_and_truth() -> None:
    a = generate_document(11, "decision", dpi=200)
    b = generate_document(11, "decision", dpi=200)
    assert a.fields == b.fields
    assert [p.blocks for p in a.pages] == [p.blocks for p in b.pages]
    assert all(np.array_equal(pixels(p), pixels(q)) for p, q in zip(a.pages, b.pages))
    assert generate_document(12, "decision", dpi=200).fields != a.fields


def test_unspecified_type_and_font_are_drawn_by_seed() -> None:
    types = {generate_document(s, dpi=200).document_type for s in range(6)}
    assert len(types) >= 3
    assert generate_document(5, dpi=200).document_type == generate_document(5, dpi=200).document_type


def test_bad_arguments_are_refused() -> None:
    for kwargs in ({"document_type": "memo"}, {"font": "comic"}, {"document_type": "receipt", "pages": 2},
                   {"document_type": "notice", "pages": 9}):
        with pytest.raises(ValueError):
            generate_document(1, **kwargs)  # type: ignore[arg-type]


@pytest.mark.parametrize(("dpi", "size"), [(200, (1654, 2339)), (300, (2480, 3508))])
def test_pages_are_a4_at_their_dpi(dpi: int, size: tuple[int, int]) -> None:
    d = doc(7, "receipt", dpi)
    assert all(p.image.size == size and p.dpi == dpi and p.image.mode == "RGB" for p in d.pages)


def test_page_count_is_honoured_and_later_pages_are_numbered() -> None:
    d = doc(21, "notice", 200, 3)
    assert [p.page_no for p in d.pages] == [1, 2, 3]
    assert blocks(d.pages[0], "page_number") == []
    assert blocks(d.pages[1], "page_number") == ["2"] and blocks(d.pages[2], "page_number") == ["3"]
    assert blocks(d.pages[0], "issuer") and blocks(d.pages[-1], "signature")
    assert doc(21, "decision", 200, 1).pages[0].page_no == 1 and len(doc(21, "decision", 200, 1).pages) == 1


def test_blocks_lie_inside_the_page_and_are_inked() -> None:
    for d in sample_docs():
        for page in d.pages:
            arr = pixels(page).min(axis=2)
            h, w = arr.shape
            for b in page.blocks:
                x0, y0, x1, y1 = b.bbox
                assert 0 <= x0 < x1 <= w and 0 <= y0 < y1 <= h, (d.document_type, b)
                assert b.text.strip() or (b.name in CODE_BLOCKS and b.text == ""), (d.document_type, b)
                assert arr[y0:y1, x0:x1].min() < 100, (d.document_type, b.name)


def test_no_ink_outside_the_blocks() -> None:
    """Every dark pixel belongs to some block, so per-block OCR sees all the printed text."""
    for d in sample_docs()[:8]:
        page = d.pages[0]
        ink = pixels(page).min(axis=2) < 128
        for b in page.blocks:
            x0, y0, x1, y1 = b.bbox
            ink[max(0, y0 - 2):y1 + 2, max(0, x0 - 2):x1 + 2] = False
        assert ink.sum() == 0, d.document_type


def test_reading_order_top_to_bottom_left_before_right() -> None:
    for d in sample_docs():
        page = d.pages[0]
        names = [b.name for b in page.blocks]
        if "issuer" in names:
            assert names.index("issuer") < names.index("motto")
        if "number" in names:
            assert names.index("number") < names.index("date_line")
        last = d.pages[-1]
        last_names = [b.name for b in last.blocks]
        if "recipients" in last_names:
            assert last_names.index("recipients") < last_names.index("signature")
        tops = [b.bbox[1] for b in page.blocks if b.name not in ("motto", "date_line", "signature")]
        assert tops == sorted(tops) or d.document_type in ("receipt", "application_form"), d.document_type


# ---- text and glyphs -------------------------------------------------------------------------

def _strings(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return []


def test_all_text_and_fields_are_nfc() -> None:
    for d in sample_docs():
        texts = [b.text for p in d.pages for b in p.blocks] + _strings(list(d.fields.values())) + [d.type_name]
        assert all(unicodedata.normalize("NFC", t) == t for t in texts), d.document_type
        assert all(isinstance(v, (str, list)) and v for v in d.fields.values()), d.fields


def _vietnamese_letters() -> list[str]:
    tones = ("", "\u0300", "\u0301", "\u0309", "\u0303", "\u0323")
    lower = [unicodedata.normalize("NFC", v + t) for v in "aăâeêioôơuưy" for t in tones] + ["đ"]
    return lower + [c.upper() for c in lower]


def _is_notdef(font: ImageFont.FreeTypeFont, ch: str) -> bool:
    notdef = font.getmask("\u0378")  # unassigned code point: every font draws its .notdef box
    mask = font.getmask(ch)
    return mask.size == notdef.size and bytes(mask) == bytes(notdef)


@pytest.mark.parametrize("family", sorted(FONTS))
def test_every_vietnamese_letter_has_a_real_glyph(family: str) -> None:
    letters = _vietnamese_letters()
    assert len(letters) == 146
    for style in ("regular", "bold", "italic", "bold_italic"):
        font = ImageFont.truetype(str(FONTS[family].path(style)), 40, layout_engine=ImageFont.Layout.BASIC)
        missing = [c for c in letters if _is_notdef(font, c)]
        assert missing == [], (family, style, missing)


def test_glyph_check_catches_a_font_without_vietnamese(tmp_path: Path) -> None:
    # The OCR text layer's glyphless font maps nothing but the space: a real TrueType
    # font without Vietnamese glyphs, as fonts-liberation 1.x is.
    from ocr.textpdf import glyphless_font_program

    path = tmp_path / "glyphless.ttf"
    path.write_bytes(glyphless_font_program())
    font = ImageFont.truetype(str(path), 40, layout_engine=ImageFont.Layout.BASIC)
    assert _is_notdef(font, "ơ") and _is_notdef(font, "ỹ")


# ---- fields agree with the print -------------------------------------------------------------

def test_administrative_fields_match_printed_blocks() -> None:
    for t in ADMIN:
        for seed in (3, 40, 77):
            d = doc(seed, t)
            f = d.fields
            first, last = d.pages[0], d.pages[-1]
            assert blocks(first, "number") == [f"Số: {f['number']}"]
            assert NUMBER.match(str(f["number"])), f["number"]
            m = DATE_LINE.match(blocks(first, "date_line")[0])
            assert m, blocks(first, "date_line")
            assert m["place"] == f["place"]
            assert date(int(m["y"]), int(m["m"]), int(m["d"])).isoformat() == f["issue_date"]
            issuer_text = " ".join(blocks(first, "issuer")[0].split("\n"))
            assert issuer_text == " ".join(filter(None, [f.get("parent_issuer"), f["issuer"]]))
            if t != "official_letter":
                assert " ".join(blocks(first, "title")[0].split("\n")) == f["type_name"] == d.type_name
            else:
                assert "type_name" not in f and d.type_name == ""
                assert str(f["subject"]).startswith("V/v ")
            if "subject" in f:
                assert " ".join(blocks(first, "subject")[0].split("\n")) == f["subject"]
            sig = blocks(last, "signature")[0].split("\n")
            assert sig[-1] == f["signer"]
            authority = f.get("signing_authority")
            assert sig[-2] in (f["signer_title"], f"{authority} {f['signer_title']}")
            if authority:
                assert any(line.startswith(f"{authority} ") for line in sig[:-1])
            if "recipients" in f:
                assert _recipients(blocks(last, "recipients")[0]) == f["recipients"]
            else:
                assert blocks(last, "recipients") == []
            for mark in ("urgency", "confidentiality"):
                assert all_blocks(d, mark) == ([f[mark]] if mark in f else [])
            if "valid_until" in f:
                assert date.fromisoformat(str(f["valid_until"])) > date.fromisoformat(str(f["issue_date"]))
                assert "có giá trị đến ngày" in "\n".join(p.text for p in d.pages)


def _recipients(text: str) -> list[str]:
    lines = text.split("\n")
    assert lines[0] == "Nơi nhận:"
    items: list[str] = []
    for line in lines[1:]:
        if line.startswith("- "):
            items.append(line[2:])
        else:
            items[-1] += " " + line  # a wrapped entry
    assert all(i.endswith(";") for i in items[:-1]) and items[-1].endswith(".")
    assert items[-1].startswith("Lưu: VT, ")
    return [i[:-1] for i in items]


def _field_value(d: GeneratedDocument, label_pattern: str) -> str:
    """The value of the first form_field whose label matches, without leader dots."""
    for text in all_blocks(d, "form_field"):
        label, _, value = text.replace("\n", " ").partition(": ")
        if re.fullmatch(label_pattern, label):
            return re.sub(r"\.{3,}$", "", value)
    raise AssertionError(f"no field {label_pattern!r}")


def test_form_fields_match_printed_lines() -> None:
    for t in ("application_form", "receipt"):
        for seed in (3, 40, 77, 91):
            d = doc(seed, t)
            f = d.fields
            assert _field_value(d, r"Họ.*") == f["full_name"]
            assert _field_value(d, r"Số định danh.*") == f["personal_id"]
            assert _field_value(d, r"Nơi cư trú|Nơi thường trú|Địa chỉ.*") == f["address"]
            if "phone" in f:
                assert re.fullmatch(r"0\d{9}", str(f["phone"])) and _field_value(d, r".*[Đđ]iện thoại.*") == f["phone"]
            if "email" in f:
                assert _field_value(d, r"Email|Thư điện tử") == f["email"]
            if t == "application_form":
                dob = date.fromisoformat(str(f["date_of_birth"]))
                assert _field_value(d, r"Ngày, tháng, năm sinh") == f"{dob.day:02d}/{dob.month:02d}/{dob.year}"
                assert _field_value(d, r"Giới tính") == f["sex"]
            else:
                assert _field_value(d, r"Mã hồ sơ") == f["dossier_code"]
                assert re.fullmatch(r"\d{3}\.\d{2}\.\d{2}\.[A-Z]\d{2}-\d{6}-\d{4}", str(f["dossier_code"]))
                assert re.fullmatch(r"[1-3]\.\d{6}", str(f["procedure_code"]))
                assert _field_value(d, r"Mã thủ tục.*") == f["procedure_code"]
                received = date.fromisoformat(str(f["received_date"]))
                assert str(f["dossier_code"]).split("-")[1] == received.strftime("%y%m%d")
                assert date.fromisoformat(str(f["appointment_date"])) >= received


def test_personal_ids_are_valid_and_consistent() -> None:
    for seed in (3, 40, *range(8)):
        f = doc(seed, "application_form").fields
        pid, dob = str(f["personal_id"]), date.fromisoformat(str(f["date_of_birth"]))
        assert re.fullmatch(r"\d{12}", pid)
        assert pid[:3] in BIRTH_PROVINCE_CODES
        century = (dob.year - 1900) // 100
        assert int(pid[3]) == 2 * century + (0 if f["sex"] == "Nam" else 1)
        assert pid[4:6] == f"{dob.year % 100:02d}"


# ---- printed codes ------------------------------------------------------------------------------

def _overlap(a: tuple[int, int, int, int], b: tuple[int, int, int, int]) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def test_receipts_print_a_qr_code_top_left_in_the_margin() -> None:
    """Circular 01/2023: top-left corner; the text blocks keep their place, clear of the code."""
    coded = [d for d in (doc(seed, "receipt") for seed in range(12)) if d.codes]
    assert len(coded) >= 8 and any(len(d.codes) == 2 for d in coded)
    for d in coded:
        page = d.pages[0]
        qr, *bar = d.codes
        assert qr.kind == "qr" and qr.page_no == 1
        x0, y0, x1, y1 = qr.bbox
        assert x0 < 10 * 200 / 25.4 and y0 < 10 * 200 / 25.4 and x1 - x0 == y1 - y0 >= 15 * 200 / 25.4
        names = [b.name for b in page.blocks]
        assert names[: len(d.codes)] == ["qr", "barcode"][: len(d.codes)]
        text_blocks = [b for b in page.blocks if b.name not in CODE_BLOCKS]
        for code in d.codes:
            assert next(b for b in page.blocks if b.name == code.kind).bbox == code.bbox
            assert not any(_overlap(code.bbox, b.bbox) for b in text_blocks), (d.seed, code.kind)
        if bar:
            assert bar[0].kind == "barcode" and bar[0].text == d.fields["dossier_code"]
            assert bar[0].bbox[1] > y1 and bar[0].bbox[3] - bar[0].bbox[1] > 3 * (bar[0].bbox[2] - bar[0].bbox[0])
        assert "" not in page.text.split("\n")[:1]  # no empty line for the code in the page's text
        # What the code states is the receipt's own ground truth.
        assert qr.fields and all(d.fields[k] == v for k, v in qr.fields.items())
        assert qr.fields["dossier_code"] == d.fields["dossier_code"]


def test_codes_are_drawn_by_seed_and_kept_in_the_truth_files(tmp_path: Path) -> None:
    a, b = generate_document(5, "receipt", dpi=200), generate_document(5, "receipt", dpi=200)
    assert a.codes == b.codes and a.codes
    licences = [generate_document(s, t, dpi=200) for t in ("license", "certificate") for s in range(12)]
    with_qr = [d for d in licences if d.codes]
    assert 0 < len(with_qr) < len(licences)
    for d in with_qr:  # a result's code states its dossier and procedure codes, printed nowhere else
        stated = set(d.codes[0].fields)
        assert "dossier_code" in stated and stated <= {"dossier_code", "procedure_code"}
        assert "dossier_code" not in d.fields
    write_sample(a, tmp_path, "r")
    truth = json.loads((tmp_path / "r.gt.json").read_text(encoding="utf-8"))
    assert [c["text"] for c in truth["codes"]] == [c.text for c in a.codes]
    assert truth["codes"][0]["fields"] == a.codes[0].fields


# ---- degradations ------------------------------------------------------------------------------

def test_degrade_changes_pixels_keeps_size_and_truth() -> None:
    page = doc(5, "decision", 200, 1).pages[0]
    scan = degrade(page, 1)
    assert scan.image.size == page.image.size and scan.dpi == page.dpi
    assert scan.blocks == page.blocks and scan.text == page.text
    diff = np.abs(pixels(scan).astype(int) - pixels(page).astype(int))
    assert diff.mean() > 2
    assert np.array_equal(pixels(degrade(page, 1)), pixels(scan))
    red = pixels(scan).astype(int)
    assert ((red[:, :, 0] - red[:, :, 2]) > 60).sum() > 500  # the seal is there


def test_degrade_transform_follows_the_skew() -> None:
    page = doc(5, "decision", 200, 1).pages[0]
    scan = degrade(page, 2, skew_deg=3.0, noise=0, blur=0, jpeg_quality=None, uneven_light=False, stamp=False)
    title = next(b for b in page.blocks if b.name == "title")
    x0, y0, x1, y1 = scan.image_bbox(title.bbox)
    assert scan.image_bbox(title.bbox) != title.bbox
    assert pixels(scan)[y0:y1, x0:x1].min() < 100


@pytest.mark.parametrize("option", ["photocopy", "dark_border"])
def test_degrade_options(option: str) -> None:
    page = doc(5, "decision", 200, 1).pages[0]
    out = pixels(degrade(page, 3, **{option: True}))
    if option == "photocopy":
        assert np.abs(out[:, :, 0].astype(int) - out[:, :, 2].astype(int)).max() < 40  # grey
    else:
        edges = [out[:10].mean(), out[-10:].mean(), out[:, :10].mean(), out[:, -10:].mean()]
        assert min(edges) < 120


def test_rotate_page_quarter_turns() -> None:
    page = doc(5, "notice", 200, 1).pages[0]
    upside_down = rotate_page(page, 2)
    assert np.array_equal(pixels(upside_down), pixels(page)[::-1, ::-1])
    assert np.array_equal(pixels(upside_down), np.asarray(page.image.rotate(180)))
    sideways = rotate_page(page, 1)
    assert sideways.image.size == (page.image.height, page.image.width)
    assert np.array_equal(pixels(sideways), np.rot90(pixels(page), 1))
    assert np.array_equal(pixels(rotate_page(page, 4)), pixels(page))
    for turns in (1, 2, 3):
        rotated = rotate_page(page, turns)
        number = next(b for b in rotated.blocks if b.name == "number")
        x0, y0, x1, y1 = rotated.image_bbox(number.bbox)
        assert pixels(rotated)[y0:y1, x0:x1].min() < 100


def test_photograph_keeps_size_and_maps_blocks() -> None:
    page = doc(5, "decision", 200, 1).pages[0]
    shot = photograph(page, 4)
    assert shot.image.size == page.image.size and shot.dpi == page.dpi
    arr = pixels(shot)
    assert arr[:20, :20].mean() < 160  # desk, not paper, in the corner
    title = next(b for b in page.blocks if b.name == "title")
    x0, y0, x1, y1 = shot.image_bbox(title.bbox)
    assert 0 <= x0 < x1 <= arr.shape[1] and arr[y0:y1, x0:x1].min() < 110


@pytest.mark.parametrize("near", [False, True])
def test_blank_pages_have_no_text(near: bool) -> None:
    page = blank_page(9, 200, near_blank=near)
    assert page.blocks == () and page.text == "" and page.image.size == (1654, 2339)
    arr = pixels(page).min(axis=2)
    assert arr.mean() > 225 and (arr < 100).mean() < 0.001
    assert np.array_equal(pixels(blank_page(9, 200, near_blank=near)), pixels(page))


# ---- output files --------------------------------------------------------------------------

def test_write_sample_and_cli(tmp_path: Path) -> None:
    d = doc(3, "official_letter")
    paths = write_sample(d, tmp_path, "letter")
    pngs = [p for p in paths if p.suffix == ".png"]
    assert len(pngs) == len(d.pages)
    with Image.open(pngs[0]) as im:
        assert round(im.info["dpi"][0]) == 200 and im.size == d.pages[0].image.size
    truth = json.loads((tmp_path / "letter-p1.gt.json").read_text(encoding="utf-8"))
    assert truth["text"] == d.pages[0].text and truth["fields"]["number"] == d.fields["number"]
    assert truth["document_type"] == "official_letter" and truth["dpi"] == 200
    assert cli_main([str(tmp_path / "cli"), "--count", "1", "--seed", "8", "--dpi", "200",
                     "--types", "receipt", "--degraded"]) == 0
    written = sorted(p.name for p in (tmp_path / "cli").iterdir())
    assert written == ["receipt-000008-deg-p1.gt.json", "receipt-000008-deg-p1.png", "receipt-000008-deg.gt.json",
                       "receipt-000008-p1.gt.json", "receipt-000008-p1.png", "receipt-000008.gt.json"]


def test_a_300_dpi_page_is_generated_quickly() -> None:
    start = time.perf_counter()
    d = generate_document(1234, "report", dpi=300, pages=1)
    assert d.pages[0].image.size == (2480, 3508)
    assert time.perf_counter() - start < 3.0  # typically ~0.3 s; generous for loaded CI machines
