"""QR codes and Code 128 barcodes printed by one-stop systems, with the values they carry.

Circular 01/2023/TT-VPCP puts a QR code (ISO/IEC 18004) at the top-left corner of papers printed
from a TTHC information system: dossier code, procedure code, the owner's identifier, the paper's
name, the issuing system and the time of issue; a receipt adds the appointment date
(domain-vn.md §1.4). Provinces encode it differently, so the payload style is drawn by seed: JSON
with Vietnamese or English keys, labelled lines, key=value pairs, bare tokens, or a lookup URL.
Some receipts also print the dossier code as a Code 128 barcode, here upright in the left margin
under the QR code. Codes go into the margins only: the text blocks keep their place and pixels.
"""

from __future__ import annotations

import json
import random
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta

import cv2
import numpy as np
import zxingcpp
from PIL import Image

from . import codes
from .model import Block, GeneratedPage

# Share of documents that print codes (drawn by seed). Systems before Circular 01/2023, and
# results typed in Word rather than printed from the system, have none.
QR_SHARE = {"receipt": 0.9, "license": 0.35, "certificate": 0.35}
BARCODE_SHARE = 0.4  # of the receipts with a QR code

SYSTEMS = ("Hệ thống thông tin giải quyết TTHC tỉnh", "Cổng Dịch vụ công quốc gia", "Một cửa điện tử",
           "Hệ thống một cửa điện tử cấp tỉnh")
RECEIPT_PAPER = "Giấy tiếp nhận hồ sơ và hẹn trả kết quả"

# Keys of the JSON styles, in payload order; None where a style has no such entry.
JSON_KEYS: dict[str, dict[str, str]] = {
    "vn": {"dossier_code": "MaHoSo", "procedure_code": "MaTTHC", "personal_id": "MaDinhDanh",
           "full_name": "HoTen", "paper": "TenGiayTo", "system": "HeThong", "issued_at": "ThoiGianCap",
           "received_date": "NgayTiepNhan", "appointment_date": "NgayHenTra"},
    "snake": {"dossier_code": "ma_ho_so", "procedure_code": "ma_tthc", "personal_id": "so_dinh_danh",
              "full_name": "ho_ten", "paper": "ten_giay_to", "system": "he_thong", "issued_at": "thoi_gian_cap",
              "received_date": "ngay_tiep_nhan", "appointment_date": "ngay_hen_tra"},
    "en": {"dossier_code": "dossierCode", "procedure_code": "procedureCode", "personal_id": "ownerId",
           "full_name": "ownerName", "paper": "documentName", "system": "issuingSystem", "issued_at": "issuedAt",
           "received_date": "receivedDate", "appointment_date": "appointmentDate"},
}
LABELS: dict[str, tuple[str, ...]] = {
    "dossier_code": ("Mã hồ sơ", "Mã số hồ sơ"),
    "procedure_code": ("Mã TTHC", "Mã thủ tục"),
    "personal_id": ("Mã định danh", "Số định danh", "Số CCCD"),
    "full_name": ("Họ tên", "Chủ hồ sơ", "Họ và tên"),
    "paper": ("Tên giấy tờ",),
    "system": ("Hệ thống",),
    "issued_at": ("Thời gian cấp", "Ngày cấp"),
    "received_date": ("Ngày tiếp nhận", "Ngày nhận hồ sơ"),
    "appointment_date": ("Ngày hẹn trả", "Ngày hẹn trả kết quả"),
}
PAIR_KEYS = {"dossier_code": "MaHoSo", "procedure_code": "MaTTHC", "personal_id": "CCCD", "full_name": "HoTen",
             "paper": "TenGiayTo", "system": "HeThong", "issued_at": "ThoiGian", "received_date": "NgayNhan",
             "appointment_date": "NgayHenTra"}
# The fields a reader can take from a payload (design.md §3 names); the rest only describe it.
FIELD_NAMES = ("dossier_code", "procedure_code", "personal_id", "full_name", "received_date", "appointment_date")

MIN_PITCH_MM = 0.28  # smallest QR module printed: 2.2 px at 200 dpi


@dataclass(frozen=True)
class PrintedCode:
    """One code on a page: what it encodes and which field values a reader must get from it.

    `fields` holds only what the payload states (design.md names, dates ISO); `bbox` is the code's
    dark modules in clean-page pixels, like a Block's.
    """

    kind: str  # "qr" | "barcode"
    text: str
    page_no: int
    bbox: tuple[int, int, int, int]
    style: str  # json-vn, json-snake, json-en, lines, pairs, tokens, url, code128
    fields: dict[str, str] = field(default_factory=dict)

    def to_json(self) -> dict[str, object]:
        return {"kind": self.kind, "text": self.text, "page_no": self.page_no, "bbox": list(self.bbox),
                "style": self.style, "fields": self.fields}


@dataclass(frozen=True)
class _Values:
    """What the issuing system knows about the paper, before a payload style encodes it."""

    dossier_code: str
    procedure_code: str
    paper: str
    system: str
    issued_at: datetime
    personal_id: str | None = None
    full_name: str | None = None
    received_date: date | None = None
    appointment_date: date | None = None


def _values(rng: random.Random, document_type: str, fields: dict[str, object]) -> _Values:
    system = rng.choice(SYSTEMS)
    if document_type == "receipt":
        received = date.fromisoformat(str(fields["received_date"]))
        at = datetime(received.year, received.month, received.day, rng.randint(7, 16), rng.randint(0, 59))
        return _Values(dossier_code=str(fields["dossier_code"]), procedure_code=str(fields["procedure_code"]),
                       paper=RECEIPT_PAPER, system=system, issued_at=at,
                       personal_id=str(fields["personal_id"]), full_name=str(fields["full_name"]),
                       received_date=received, appointment_date=date.fromisoformat(str(fields["appointment_date"])))
    # A result: its dossier was received some working days before the paper was issued; the
    # dossier and procedure codes are printed nowhere else on it.
    issued = date.fromisoformat(str(fields["issue_date"]))
    received = issued - timedelta(days=rng.randint(3, 30))
    while received.weekday() >= 5:
        received -= timedelta(days=1)
    at = datetime(issued.year, issued.month, issued.day, rng.randint(7, 16), rng.randint(0, 59))
    return _Values(dossier_code=codes.dossier_code(rng, received, commune_level=rng.random() < 0.3),
                   procedure_code=codes.procedure_code(rng), paper=str(fields.get("type_name", "")).capitalize(),
                   system=system, issued_at=at)


def _slash(d: date) -> str:
    return codes.date_slash(d)


def _payload(rng: random.Random, v: _Values, style: str, slug: str) -> tuple[str, dict[str, str]]:
    """The payload text in `style` and the fields it states (optional entries dropped by seed)."""
    entries: dict[str, object] = {"dossier_code": v.dossier_code, "procedure_code": v.procedure_code}
    if v.personal_id:
        entries["personal_id"] = v.personal_id
    if v.full_name and rng.random() < 0.75:
        entries["full_name"] = v.full_name
    entries["paper"] = v.paper
    if rng.random() < 0.6:
        entries["system"] = v.system
    entries["issued_at"] = v.issued_at
    if v.received_date and rng.random() < 0.7:
        entries["received_date"] = v.received_date
    if v.appointment_date:
        entries["appointment_date"] = v.appointment_date
    stated = {k: (x.isoformat() if isinstance(x, date) else str(x)) for k, x in entries.items()
              if k in FIELD_NAMES}
    iso = rng.random() < 0.5

    def show(value: object) -> str:
        if isinstance(value, datetime):
            return value.isoformat(timespec="minutes") if iso else f"{_slash(value.date())} {value:%H:%M}"
        if isinstance(value, date):
            return value.isoformat() if iso else _slash(value)
        return str(value)

    if style.startswith("json-"):
        keys = JSON_KEYS[style[5:]]
        text = json.dumps({keys[k]: show(x) for k, x in entries.items()}, ensure_ascii=False,
                          separators=(",", ":") if rng.random() < 0.6 else (", ", ": "))
        return text, stated
    if style == "lines":
        sep = rng.choice(("\n", " | ", "; "))
        return sep.join(f"{rng.choice(LABELS[k])}: {show(x)}" for k, x in entries.items()), stated
    if style == "pairs":
        sep = rng.choice(("|", ";"))
        return sep.join(f"{PAIR_KEYS[k]}={show(x)}" for k, x in entries.items() if k != "system"), stated
    if style == "tokens":
        # Bare values in a fixed order, told apart by their patterns alone; a name or a paper
        # name has no pattern, so such systems leave them out.
        parts = [v.dossier_code, v.procedure_code]
        if v.personal_id:
            parts.append(v.personal_id)
        stated = {k: stated[k] for k in ("dossier_code", "procedure_code", "personal_id") if k in stated}
        if v.received_date and v.appointment_date:
            parts += [_slash(v.received_date), _slash(v.appointment_date)]
            stated.update(received_date=v.received_date.isoformat(), appointment_date=v.appointment_date.isoformat())
        return rng.choice(("|", ";")).join(parts), stated
    if style == "url":
        host = rng.choice((f"dichvucong.{slug}.gov.vn", f"motcua.{slug}.gov.vn"))
        if rng.random() < 0.5:
            return f"https://{host}/tra-cuu-ho-so?maHoSo={v.dossier_code}", {"dossier_code": v.dossier_code}
        return f"https://{host}/tra-cuu/{v.dossier_code}", {"dossier_code": v.dossier_code}
    raise ValueError(style)


def _style(rng: random.Random, document_type: str) -> str:
    if document_type == "receipt":
        return rng.choices(("json-vn", "json-snake", "json-en", "lines", "pairs", "tokens", "url"),
                           (0.14, 0.08, 0.08, 0.25, 0.15, 0.15, 0.15))[0]
    return rng.choices(("json-vn", "json-en", "lines", "url"), (0.3, 0.1, 0.3, 0.3))[0]


def _modules(kind: str, text: str, ec_level: str = "M") -> np.ndarray:
    """The code's modules, True = dark, without quiet zone (zxing-cpp's writer)."""
    fmt = zxingcpp.BarcodeFormat.QRCode if kind == "qr" else zxingcpp.BarcodeFormat.Code128
    options = {"ec_level": ec_level} if kind == "qr" else {}
    symbol = zxingcpp.create_barcode(text, fmt, **options)
    image = np.asarray(symbol.to_image(scale=1, add_quiet_zones=False))
    return image[:1] < 128 if kind == "barcode" else image < 128


def _draw(ink: np.ndarray, modules: np.ndarray, x0: int, y0: int, width: int, height: int) -> None:
    """Modules scaled to the box with nearest-neighbour edges, like a laser printer's raster."""
    dark = cv2.resize(modules.astype(np.uint8), (width, height), interpolation=cv2.INTER_NEAREST)
    ink[y0:y0 + height, x0:x0 + width] |= dark > 0


def _ink_free(grey: np.ndarray, x0: int, y0: int, x1: int, y1: int) -> bool:
    h, w = grey.shape
    if x0 < 0 or y0 < 0 or x1 > w or y1 > h:
        return False
    return bool((grey[y0:y1, x0:x1] < 200).sum() == 0)


def _province_slug(rng: random.Random) -> str:
    return rng.choice(("binhduong", "hanoi", "hochiminhcity", "danang", "quangninh", "cantho", "thanhhoa",
                       "nghean", "lamdong", "daklak", "tuyenquang", "laocai"))


def add_codes(seed: int, document_type: str, fields: dict[str, object],
              pages: tuple[GeneratedPage, ...]) -> tuple[tuple[GeneratedPage, ...], tuple[PrintedCode, ...]]:
    """Print the codes this document carries on its first page, by seed; pages without codes
    are returned untouched (the same image object, so the same pixels)."""
    share = QR_SHARE.get(document_type, 0.0)
    rng = random.Random(f"{seed}/{document_type}/codes")
    if not pages or rng.random() >= share:
        return pages, ()
    page = pages[0]
    mm = page.dpi / 25.4
    grey = np.asarray(page.image.convert("L"))
    ink = np.zeros(grey.shape, dtype=bool)
    values = _values(rng, document_type, fields)
    style = _style(rng, document_type)
    text, stated = _payload(rng, values, style, _province_slug(rng))
    ec_level = rng.choice(("L", "M", "M"))
    target = rng.uniform(18.0, 22.0) * mm  # printed size; the module pitch follows from the version
    margin = round(rng.uniform(5.0, 8.0) * mm)
    gap = round(4.0 * mm)  # clear of the agency header, which is centred in its column
    x0 = y0 = margin
    size = 0
    for level in dict.fromkeys((ec_level, "L")):
        modules = _modules("qr", text, level)
        side = int(target)
        while not size and modules.shape[0] and side / modules.shape[0] >= MIN_PITCH_MM * mm:
            if _ink_free(grey, x0, 0, x0 + side + gap, y0 + side + gap):
                size = side
            side -= max(1, round(0.5 * mm))
        if size:
            break
    if not size:
        return pages, ()  # no room in the corner for a readable code: this layout prints none
    _draw(ink, modules, x0, y0, size, size)
    qr_box = (x0, y0, x0 + size, y0 + size)
    printed = [PrintedCode("qr", text, page.page_no, qr_box, style, stated)]
    blocks = [Block("qr", qr_box, "")]
    if document_type == "receipt" and rng.random() < BARCODE_SHARE:
        bar = _modules("barcode", values.dossier_code)
        bar_pitch = rng.uniform(0.27, 0.32)  # 2.1-2.5 px per module at 200 dpi
        length = round(bar.shape[1] * bar_pitch * mm)
        thick = round(rng.uniform(9.0, 11.0) * mm)
        quiet = round(12 * bar_pitch * mm)
        by0 = y0 + size + round(6 * mm) + quiet
        bx0 = x0
        if _ink_free(grey, bx0, by0 - quiet, bx0 + thick + round(gap), by0 + length + quiet):
            # Read top to bottom: the bars run across the margin, the code down it.
            upright = np.rot90(bar, -1)
            _draw(ink, upright, bx0, by0, thick, length)
            box = (bx0, by0, bx0 + thick, by0 + length)
            printed.append(PrintedCode("barcode", values.dossier_code, page.page_no, box, "code128",
                                       {"dossier_code": values.dossier_code}))
            blocks.append(Block("barcode", box, ""))
    rgb = np.asarray(page.image.convert("RGB")).copy()
    rgb[ink] = 0
    stamped = replace(page, image=Image.fromarray(rgb, "RGB"), blocks=(*blocks, *page.blocks))
    return (stamped, *pages[1:]), tuple(printed)
