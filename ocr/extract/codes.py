"""QR codes and barcodes on dossier pages: decoded, and the fields they state.

Papers printed from a province's TTHC system carry a QR code at the top-left corner (Circular
01/2023/TT-VPCP: dossier code, procedure code, the owner's identifier, the paper's name, the
issuing system, the time of issue, and on a receipt the appointment date; ISO/IEC 18004), and
some receipts a Code 128 barcode of the dossier code. What a code says is what the system
recorded, so its values are preferred over OCR and marked ``source="qr"``/``"barcode"``.

Decoding is zxing-cpp. Payload layouts are not standardised, so parsing is tolerant: JSON,
"Nhãn: giá trị" lines, key=value pairs, bare values told apart by their shapes, and lookup
URLs. A field is only ever taken from what the payload states. Payloads hold citizens' IDs and
names: nothing here logs them.
"""
from __future__ import annotations

import json
import logging
import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Any, Literal
from urllib.parse import parse_qsl, unquote, urlsplit

import cv2
import numpy as np
import zxingcpp

from ocr.extract.model import Field
from ocr.extract.profile import table

log = logging.getLogger(__name__)

# "unread": a region where a QR code was seen (zxing found its finder patterns, or ink dense,
# blocky and square like a code's) but no look read it; its text is empty.
Kind = Literal["qr", "barcode", "unread"]
Box = tuple[int, int, int, int]  # x0, y0, x1, y1 in pixels

# The fields a code can state (design §3 names); which key names which is code_keys.toml.
FIELDS = ("dossier_code", "procedure_code", "personal_id", "full_name", "received_date", "appointment_date")
DATE_FIELDS = ("received_date", "appointment_date")

# A value the payload states in a doubtful way (two codes disagree, a key holds more than the
# value) is shown to the clerk: below the review threshold of ocr.extract.model.
DOUBTFUL = 0.5
# The candidate search works on a copy whose long side is this (about 150 dpi for A4).
WORK_SIDE = 1750
# Looks tried on a region that may hold a code, in order, until one reads: (enlargement,
# unsharp-mask amount; the mask's radius is one original pixel). Measured on generated
# receipts (bench/codes_bench.py): enlarging reads the degraded 200 dpi scans, sharpening
# then most phone photographs.
RETRY_LOOKS = ((2.0, 0.0), (2.0, 1.0), (3.0, 1.0), (3.0, 2.5), (1.5, 1.0))
# Bounds on the second look, so a page full of photos or tables stays fast: at most this many
# regions, none larger than a code can be (a photo, the dark desk around a photographed
# sheet), and no enlarged copy above this many pixels.
MAX_REGIONS = 8
MAX_CROP = 1200 * 1200
MAX_ENLARGED = 4_000_000
# A candidate region left unread counts as a code seen only when it is as square as a QR code
# and at least this many mm on its shorter side (the QR codes of one-stop papers are 15-25 mm;
# the blocky ink that is no code — a bold word, the seal's rim — is smaller or elongated).
UNREAD_MIN_MM = 12.0
UNREAD_ASPECT = 1.4
# Parts of one unread code (zxing's boxes of its finder patterns) lie closer than this.
UNREAD_JOIN_MM = 8.0


@dataclass(frozen=True)
class Code:
    """One decoded code: ``bbox`` is (x0, y0, x1, y1) in the pixels of the image it was read from."""

    kind: Kind
    text: str
    bbox: tuple[int, int, int, int]


# ---- decoding --------------------------------------------------------------------------------

def _formats() -> list[Any]:
    # The symbologies of administrative paper; retail ones (EAN, UPC, DataBar) are left out:
    # they cost a third more time a page and no one-stop system prints them.
    return _qr_formats() + _linear_formats()


def _qr_formats() -> list[Any]:
    f = zxingcpp.BarcodeFormat
    return [f.QRCode, f.MicroQRCode]


def _linear_formats() -> list[Any]:
    f = zxingcpp.BarcodeFormat
    return [f.Code128, f.Code39, f.Code93, f.ITF, f.Codabar]


def _grey(image: object) -> np.ndarray | None:
    """A contiguous 8-bit grey copy of a grey, BGR or BGRA page; None when it is not an image."""
    if not isinstance(image, np.ndarray) or image.size == 0 or image.ndim not in (2, 3):
        return None
    if image.ndim == 3 and image.shape[2] not in (1, 3, 4):
        return None
    if min(image.shape[:2]) < 21:  # smaller than the smallest QR code at one pixel a module
        return None
    arr = image
    if arr.dtype != np.uint8:
        if arr.dtype.kind not in "uif" or not np.isfinite(arr).all():
            return None
        arr = np.clip(arr, 0, 255).astype(np.uint8)
    if arr.ndim == 3:
        if arr.shape[2] == 1:
            arr = arr[:, :, 0]
        else:
            to_grey = cv2.COLOR_BGRA2GRAY if arr.shape[2] == 4 else cv2.COLOR_BGR2GRAY
            arr = cv2.cvtColor(np.ascontiguousarray(arr), to_grey)
    return np.ascontiguousarray(arr)


def _box(barcode: Any) -> Box:
    p = barcode.position
    xs = [p.top_left.x, p.top_right.x, p.bottom_right.x, p.bottom_left.x]
    ys = [p.top_left.y, p.top_right.y, p.bottom_right.y, p.bottom_left.y]
    return (min(xs), min(ys), max(xs) + 1, max(ys) + 1)


def _decode(grey: np.ndarray, scale: float = 1.0, offset: tuple[int, int] = (0, 0), *,
            whole_page: bool = False) -> tuple[list[Code], list[Box]]:
    """Codes zxing-cpp decodes in ``grey`` and the boxes of QR codes it found but could not
    decode, both mapped back through ``scale`` and ``offset`` into the page's pixels."""
    # The downscaled passes cost 40 % of a page's decoding and read no code more (the receipts
    # of bench/codes_bench.py, clean, scanned and photographed, 200 and 300 dpi), but they are
    # what finds the finder patterns of a code too spoilt to read (read_codes' "unread").
    # Those finder patterns are a QR code's: on the ``whole_page`` the 1D symbologies are read
    # at the page's own size only, which halves their cost (15.7 -> 8.3 CPU ms a page of the
    # process benchmark's batch) and read the same codes (bench/codes_bench.py --compare).
    if whole_page:
        found = list(zxingcpp.read_barcodes(grey, formats=_qr_formats(), try_rotate=True, try_downscale=True,
                                            try_invert=False, return_errors=True))
        found += zxingcpp.read_barcodes(grey, formats=_linear_formats(), try_rotate=True, try_downscale=False,
                                        try_invert=False, return_errors=True)
    else:
        found = zxingcpp.read_barcodes(grey, formats=_formats(), try_rotate=True, try_downscale=True,
                                       try_invert=False, return_errors=True)
    codes: list[Code] = []
    failed: list[Box] = []
    ox, oy = offset
    for barcode in found:
        x0, y0, x1, y1 = _box(barcode)
        box = (ox + int(x0 / scale), oy + int(y0 / scale),
               ox + int(np.ceil(x1 / scale)), oy + int(np.ceil(y1 / scale)))
        if barcode.valid and barcode.text:
            kind: Kind = "qr" if "QR" in barcode.format.name else "barcode"
            codes.append(Code(kind, unicodedata.normalize("NFC", barcode.text), box))
        elif "QR" in barcode.format.name:
            failed.append(box)  # finder patterns seen, modules unreadable: worth a closer look
    return codes, failed


def _candidates(grey: np.ndarray) -> tuple[list[Box], bool]:
    """Boxes of dense, blocky ink that could be a code: a QR code is about half dark over its
    whole area, text lines are a quarter to a third dark and only a few mm tall. And whether
    the page has any such ink at all, of any size the opening leaves (5 mm: a QR code of 21
    modules of 0.25 mm; one-stop papers print theirs at 15-25 mm): where it has none, it has
    no code to decode.

    Worked on a copy of about 150 dpi (A4), where a 2 mm window averages over a code's modules
    but not over the gaps between text lines, and an opening by 5 mm then removes the lines.
    """
    h, w = grey.shape
    k = max(h, w) / WORK_SIDE
    if k > 1 and abs(k - round(k)) <= 0.05 * k:
        # An integer factor (an A4 page at 300 dpi: 2.005) takes OpenCV's fast path of
        # INTER_AREA: 1 ms against 17 ms for the page at the exact factor.
        k = float(round(k))
    if k > 1:
        small = cv2.resize(grey, (max(1, round(w / k)), max(1, round(h / k))), interpolation=cv2.INTER_AREA)
    else:
        small, k = grey, 1.0
    sh, sw = small.shape
    unit = max(sh, sw) / 297.0  # pixels per mm if the image is an A4 page, portrait or landscape
    ink = cv2.adaptiveThreshold(small, 1, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY_INV, 25, 12)
    win = max(3, round(2 * unit))
    dense = _denser_than(ink, win, 0.33)
    dense = cv2.morphologyEx(dense, cv2.MORPH_CLOSE, np.ones((win, win), np.uint8))
    dense = cv2.morphologyEx(dense, cv2.MORPH_OPEN, np.ones((round(5 * unit), round(5 * unit)), np.uint8))
    # The boxes of the blobs: the outer borders of the components (RETR_CCOMP's top level,
    # a blob inside another's hole included) give the same boxes as connected-component
    # statistics, in 0.5 ms a page instead of 15.
    contours, hierarchy = cv2.findContours(dense, cv2.RETR_CCOMP, cv2.CHAIN_APPROX_SIMPLE)
    boxes = [cv2.boundingRect(c) for c, link in zip(contours, hierarchy[0] if hierarchy is not None else [])
             if link[3] < 0]
    found: list[tuple[float, Box]] = []
    for x, y, bw, bh in sorted(boxes, key=lambda b: (b[1], b[0])):
        if min(bw, bh) < 6 * unit or max(bw, bh) > 160 * unit:
            continue
        fill = float(ink[y:y + bh, x:x + bw].mean())
        if fill >= 0.35:
            found.append((fill, (int(x * k), int(y * k), int(np.ceil((x + bw) * k)), int(np.ceil((y + bh) * k)))))
    return [box for _, box in sorted(found, key=lambda item: -item[0])], bool(boxes)  # the most code-like first


def _denser_than(ink: np.ndarray, win: int, share: float) -> np.ndarray:
    """1 where more than ``share`` of the ``win`` × ``win`` window around a pixel is ink (0/1).

    The window's ink count, not a float mean: OpenCV's 8-bit box sum of the 0/1 ink is exact
    up to 255 pixels a window, and a third of the float blur's time (3.2 -> 1 ms a page).
    """
    area = win * win
    if area > 255:
        return (cv2.blur(ink.astype(np.float32), (win, win)) > share).astype(np.uint8)
    count = cv2.boxFilter(ink, -1, (win, win), normalize=False)
    return (count > share * area).astype(np.uint8)


def _overlaps(a: Box, b: Box) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _joined(boxes: list[Box], box: Box, gap: int) -> list[Box]:
    """``boxes`` with ``box`` added, joined with those it lies within ``gap`` pixels of: zxing
    may give each finder pattern of one spoilt code a box of its own."""
    grown = (box[0] - gap, box[1] - gap, box[2] + gap, box[3] + gap)
    near = [b for b in boxes if _overlaps(grown, b)]
    for b in near:
        box = (min(box[0], b[0]), min(box[1], b[1]), max(box[2], b[2]), max(box[3], b[3]))
    return [b for b in boxes if b not in near] + [box]


def _code_like(box: Box, unit: float, min_mm: float = UNREAD_MIN_MM) -> bool:
    """A region as big and as square as a printed QR code (``unit``: pixels per mm)."""
    w, h = box[2] - box[0], box[3] - box[1]
    return min(w, h) >= min_mm * unit and 0 < max(w, h) <= UNREAD_ASPECT * min(w, h)


def read_codes(image: np.ndarray, *, unread: bool = False) -> list[Code]:
    """Every QR code and 1D barcode on a page image (grey or BGR uint8), top to bottom.

    Give it the page image (``ocr.cleanup.Cleaned.page``: straightened, trimmed, a photograph
    flattened), not the OCR copy, whose rule and leader removal breaks codes up (on 15
    generated receipts, scanned: 6 of 21 codes lost on the OCR copy, none on the page image);
    boxes are then in the page image's pixels, like every Field's.

    One zxing-cpp pass over the page reads clean codes. Where it saw a QR code it could not
    read, or where ink is dense and blocky like a code, that region alone is read again,
    enlarged and sharpened (RETRY_LOOKS): a degraded 200 dpi scan has barely two pixels a
    module. Measured on an A4 page at 300 dpi: 60-80 ms median, 150 ms at most, a page without
    codes included (bench/codes_bench.py, 2 shared cores); with the candidate search's faster
    resize and blob boxes, 79 -> 56 CPU ms a page on 78 generated receipts and decisions (clean,
    scanned, photographed; 200 and 300 dpi; load 8-10), every page giving the same codes. With
    the page's 1D symbologies read at its own size only and the density window counted in 8
    bits: 45.8 -> 36.9 CPU ms a page on 280 pages (the 180 receipt pages of bench/codes_bench.py
    and the 100 pages of bench/process_bench.py's batch; load 7), the same codes on each
    (``bench/codes_bench.py --compare REV``). A page without dense blocky ink of a code's size
    (``_candidates``: 71 of the process batch's 100 pages) is not decoded at all: 39.1 -> 27.1 CPU
    ms a page on that batch, and the same codes on it and on the 190 pages of codes_bench.
    An image that is not a page (None, empty, wrong shape or type) gives [] and no error.

    With ``unread``, a region where a QR code was seen but none of the looks read it is
    returned too, as a Code of kind "unread" with no text: the fields it carries (a
    licence's dossier code is printed nowhere else) are then known to be on the paper.
    """
    grey = _grey(image)
    if grey is None:
        return []
    try:
        candidates, any_ink = _candidates(grey)
        if not any_ink:
            return []  # no dense blocky ink: no code to decode, none seen unread (module doc)
        codes, failed = _decode(grey, whole_page=True)
        regions = failed + [box for box in candidates if box not in failed]
        h, w = grey.shape
        pad = max(8, round(max(h, w) / 297 * 3))  # about 3 mm of quiet zone around the region
        for region in regions[:MAX_REGIONS]:
            if any(_overlaps(region, c.bbox) for c in codes):
                continue
            x0, y0 = max(0, region[0] - pad), max(0, region[1] - pad)
            x1, y1 = min(w, region[2] + pad), min(h, region[3] + pad)
            crop = grey[y0:y1, x0:x1]
            if crop.size > MAX_CROP:
                continue
            for scale, sharpen in RETRY_LOOKS:
                if crop.size * scale * scale > MAX_ENLARGED:
                    continue
                big = cv2.resize(crop, None, fx=scale, fy=scale, interpolation=cv2.INTER_CUBIC)
                if sharpen:
                    big = cv2.addWeighted(big, 1.0 + sharpen, cv2.GaussianBlur(big, (0, 0), scale), -sharpen, 0)
                more, _ = _decode(np.ascontiguousarray(big), scale, (x0, y0))
                if more:
                    codes += more
                    break
        if unread:
            unit = max(h, w) / 297  # pixels per mm of an A4 page
            seen: list[Box] = []
            for region in regions:
                # zxing's failed finds include long thin strips beside a code: square ones only.
                if _code_like(region, unit, min_mm=0 if region in failed else UNREAD_MIN_MM) and \
                        not any(_overlaps(region, c.bbox) for c in codes):
                    seen = _joined(seen, region, round(UNREAD_JOIN_MM * unit))
            codes += [Code("unread", "", box) for box in seen if _code_like(box, unit)]
    except Exception as exc:  # a decoder failure is "no code", never a failed page
        log.warning("reading the page's codes failed (%s); the page is read as having none", type(exc).__name__)
        return []
    unique: dict[tuple[str, str], Code] = {}
    for code in codes:
        unique.setdefault((code.kind, code.text or str(code.bbox)), code)
    return sorted(unique.values(), key=lambda c: (c.bbox[1], c.bbox[0]))


# ---- payloads --------------------------------------------------------------------------------

def fold(text: str) -> str:
    """A key as compared with code_keys.toml: no diacritics, đ as d, lower case, letters and digits."""
    text = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(c for c in text if c.isascii() and c.isalnum()).lower()


@lru_cache(maxsize=4)
def _aliases(profile: str) -> dict[str, str]:
    keys: dict[str, str] = {}
    for name, aliases in table("code_keys", profile).get("fields", {}).items():
        for alias in aliases:
            keys[fold(alias)] = name
    return keys


@lru_cache(maxsize=4)
def _patterns(profile: str) -> dict[str, re.Pattern[str]]:
    """Whole-value patterns of patterns.toml, plus an unanchored dossier-code search."""
    p = table("patterns", profile)
    strict = p["dossier_code"]["strict"]
    return {
        "dossier_strict": re.compile(strict),
        "dossier_lenient": re.compile(p["dossier_code"]["lenient"]),
        "dossier_search": re.compile(r"(?<![\w.])" + strict.strip("^$") + r"(?!\w)"),
        "procedure_code": re.compile(p["procedure_code"]["pattern"]),
        "personal_id": re.compile(p["personal_id"]["pattern"]),
        "personal_id_old": re.compile(p["personal_id"]["old"]),
    }


def _dossiers_in(text: str, profile: str) -> list[str]:
    """The distinct dossier codes written anywhere in ``text`` (a URL, a sentence)."""
    return list(dict.fromkeys(m.group(0) for m in _patterns(profile)["dossier_search"].finditer(text)))


_ISO_DATE = re.compile(r"(?<!\d)(\d{4})-(\d{1,2})-(\d{1,2})(?!\d)")
_DMY_DATE = re.compile(r"(?<!\d)(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?!\d)")
_WORD_DATE = re.compile(r"ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})", re.IGNORECASE)


def _dates(text: str) -> list[date]:
    found: list[date] = []
    for pattern, order in ((_ISO_DATE, (0, 1, 2)), (_DMY_DATE, (2, 1, 0)), (_WORD_DATE, (2, 1, 0))):
        for m in pattern.finditer(text):
            y, mo, d = (int(m.group(i + 1)) for i in order)
            try:
                found.append(date(y, mo, d))
            except ValueError:
                continue
    return list(dict.fromkeys(found))


def _clean(value: object) -> str:
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", str(value))).strip()


def _value(name: str, raw: object, profile: str) -> tuple[str, float] | None:
    """The field's value from what a key holds, with its confidence; None when it is not one."""
    if isinstance(raw, bool) or not isinstance(raw, (str, int)):
        return None
    text = _clean(raw)
    if not text:
        return None
    pat = _patterns(profile)
    if name == "dossier_code":
        if pat["dossier_strict"].match(text) or pat["dossier_lenient"].match(text):
            return text, 1.0
        inside = _dossiers_in(text, profile)
        return (inside[0], DOUBTFUL) if len(inside) == 1 else None
    if name == "procedure_code":
        return (text, 1.0) if pat["procedure_code"].match(text) else None
    if name == "personal_id":
        digits = re.sub(r"[\s.]", "", text)
        ok = pat["personal_id"].match(digits) or pat["personal_id_old"].match(digits)
        return (digits, 1.0) if ok else None
    if name == "full_name":
        if isinstance(raw, int) or any(c.isdigit() for c in text) or not 2 <= len(text) <= 80:
            return None
        return (text, 1.0) if any(c.isalpha() for c in text) else None
    if name in DATE_FIELDS:
        found = _dates(text)
        return (found[0].isoformat(), 1.0) if len(found) == 1 else None
    return None


def _flatten(data: Any) -> list[tuple[str, Any]]:
    """(key, scalar) pairs of a JSON document, nested objects and arrays included."""
    pairs: list[tuple[str, Any]] = []
    if isinstance(data, dict):
        for key, value in data.items():
            if isinstance(value, (dict, list)):
                pairs += _flatten(value)
            else:
                pairs.append((str(key), value))
    elif isinstance(data, list):
        for item in data:
            pairs += _flatten(item)
    return pairs


def _keyed(pairs: list[tuple[str, Any]], profile: str) -> dict[str, tuple[str, float]]:
    aliases = _aliases(profile)
    out: dict[str, tuple[str, float]] = {}
    for key, raw in pairs:
        name = aliases.get(fold(key))
        if name is None:
            continue
        parsed = _value(name, raw, profile)
        if parsed is None:
            continue
        if name in out and out[name][0] != parsed[0]:
            out[name] = (out[name][0], DOUBTFUL)  # the payload says two things: a person decides
        elif name not in out:
            out[name] = parsed
    return out


_LABELLED = re.compile(r"^\s*([^:=]{1,48}?)\s*[:=]\s*(.*?)\s*$", re.DOTALL)


def _bare(tokens: list[str], profile: str) -> dict[str, tuple[str, float]]:
    """Values without keys, recognised by their shapes. Dates are placed through the dossier
    code, whose YYMMDD is the day of receipt (Circular 01/2018/TT-VPCP Art. 19): that day is
    `received_date`, and one later date the appointment. Without it, dates stay unplaced."""
    pat = _patterns(profile)
    out: dict[str, tuple[str, float]] = {}
    dates: list[date] = []
    for token in tokens:
        t = _clean(token)
        for name, key in (("dossier_code", "dossier_strict"), ("dossier_code", "dossier_lenient"),
                          ("procedure_code", "procedure_code"), ("personal_id", "personal_id")):
            if pat[key].match(t):
                if name not in out:
                    out[name] = (t, 1.0)
                elif out[name][0] != t:
                    out[name] = (out[name][0], DOUBTFUL)
                break
        else:
            found = _dates(t)
            if len(found) == 1:
                dates.append(found[0])
    dossier = out.get("dossier_code")
    m = pat["dossier_strict"].match(dossier[0]) if dossier else None
    if m and dates:
        yymmdd = m["yymmdd"]
        received = [d for d in dates if d.strftime("%y%m%d") == yymmdd]
        later = sorted({d for d in dates if received and d > received[0]})
        if received:
            out["received_date"] = (received[0].isoformat(), 1.0)
        if len(later) == 1:
            out["appointment_date"] = (later[0].isoformat(), 1.0)
    return out


def _from_url(text: str, profile: str) -> dict[str, tuple[str, float]]:
    parts = urlsplit(text)
    out = _keyed(parse_qsl(parts.query), profile)
    if "dossier_code" not in out:
        inside = _dossiers_in(unquote(text), profile)
        if len(inside) == 1:
            out["dossier_code"] = (inside[0], 1.0)
    return out


def parse_payload(text: str, kind: Kind = "qr", profile: str = "vn-2023") -> dict[str, tuple[str, float]]:
    """Field name → (value, confidence) for what a code's text states; {} when it states none."""
    text = unicodedata.normalize("NFC", text or "").strip().lstrip("\ufeff")
    if not text:
        return {}
    pat = _patterns(profile)
    if kind == "barcode":  # a 1D code on a receipt is the dossier code, or says nothing we read
        if pat["dossier_strict"].match(text) or pat["dossier_lenient"].match(text):
            return {"dossier_code": (text, 1.0)}
        return {}
    if text.startswith(("{", "[")):
        try:
            return _keyed(_flatten(json.loads(text)), profile)
        except ValueError:
            pass  # not JSON after all: read it as text
    if re.match(r"^[a-z][a-z0-9+.-]*://", text, re.IGNORECASE):
        return _from_url(text, profile)
    aliases = _aliases(profile)
    pairs: list[tuple[str, str]] = []
    tokens: list[str] = []
    for segment in re.split(r"[\r\n|;]+", text):
        if not segment.strip():
            continue
        m = _LABELLED.match(segment)
        if m and fold(m.group(1)) in aliases:
            pairs.append((m.group(1), m.group(2)))
        elif m and any(c.isalpha() for c in m.group(1)):
            continue  # a label SoHoa does not read (Tên giấy tờ, Hệ thống)
        else:
            tokens.append(segment)
    out = _bare(tokens, profile)
    out.update(_keyed(pairs, profile))
    if "dossier_code" not in out:
        inside = _dossiers_in(text, profile)
        if len(inside) == 1:
            out["dossier_code"] = (inside[0], 1.0)
    return out


def fields_from_codes(codes: list[Code], page: int, profile: str = "vn-2023") -> dict[str, Field]:
    """The fields the page's codes state, each with its code's box and ``source``; QR codes
    before barcodes. Two codes giving one field different values leave it doubtful."""
    fields: dict[str, Field] = {}
    for code in sorted(codes, key=lambda c: c.kind != "qr"):
        if code.kind == "unread":
            continue
        for name, (value, confidence) in parse_payload(code.text, code.kind, profile).items():
            if name not in fields:
                fields[name] = Field(value=value, confidence=confidence, page=page, bbox=code.bbox,
                                     source=code.kind)
            elif fields[name].value != value:
                fields[name].confidence = min(fields[name].confidence, DOUBTFUL)
    return fields
