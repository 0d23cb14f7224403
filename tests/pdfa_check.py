"""A structural PDF/A-2b checker for SoHoa's own output.

veraPDF, the reference validator, cannot be installed on these machines (it is in
neither Debian nor PyPI), so the tests check the ISO 19005-2 clauses that a scanned,
OCRed PDF can break, with pikepdf reading the file as a validator would. Each
problem names its clause.
"""
from __future__ import annotations

import re
from pathlib import Path

import pikepdf
from pikepdf import Name

FORBIDDEN_FILTERS = {"/LZWDecode"}
FORBIDDEN_ACTIONS = {"/Launch", "/Sound", "/Movie", "/ResetForm", "/ImportData", "/JavaScript", "/Hide",
                     "/SetOCGState", "/Rendition", "/Trans", "/GoTo3DView"}


def _xmp_value(xml: str, tag: str) -> str | None:
    match = re.search(rf"<{tag}(?:\s[^>]*)?>([^<]*)</{tag}>", xml) or re.search(rf'{tag}="([^"]*)"', xml)
    return match.group(1) if match else None


def _same_instant(pdf_date: str, xmp_date: str) -> bool | None:
    """Whether a PDF date (D:YYYYMMDDHHmmSS+07'00') and an XMP date name the same instant."""
    from datetime import datetime

    match = re.match(r"D:(\d{14})(Z|[+-]\d{2}'?\d{2}'?)?", pdf_date)
    if not match:
        return None
    zone = match.group(2) or "Z"
    zone = "+00:00" if zone == "Z" else f"{zone[:3]}:{zone.replace(chr(39), '')[3:5]}"
    try:
        left = datetime.strptime(match.group(1) + zone.replace(":", ""), "%Y%m%d%H%M%S%z")
        right = datetime.fromisoformat(xmp_date.replace("Z", "+00:00"))
    except ValueError:
        return None
    if right.tzinfo is None:
        return None
    return left == right


def check_pdfa2b(path: Path) -> list[str]:
    """Problems found, as 'clause: message'; empty when none were found."""
    problems: list[str] = []
    raw = Path(path).read_bytes()
    # 6.1.2 File header: %PDF-1.n then a comment of at least four bytes above 127.
    if not re.match(rb"%PDF-1\.[0-7]\r?\n?", raw[:10]):
        problems.append("6.1.2: the header is not %PDF-1.0 to %PDF-1.7")
    second = raw.split(b"\n", 2)[1] if raw.count(b"\n") >= 2 else b""
    if not (second.startswith(b"%") and sum(b > 127 for b in second[1:5]) == 4):
        problems.append("6.1.2: the header's second line is not a comment with four binary bytes")
    with pikepdf.open(path) as pdf:
        # 6.1.3 File trailer: an ID, no encryption.
        if Name.ID not in pdf.trailer:
            problems.append("6.1.3: the trailer has no /ID")
        if pdf.is_encrypted:
            problems.append("6.1.3: the file is encrypted")
        root = pdf.Root
        # 6.2.3 Output intent with an embedded ICC profile.
        intents = root.get(Name.OutputIntents)
        if not intents:
            problems.append("6.2.3: no output intent")
        else:
            for intent in intents:
                if intent.get(Name.S) != Name.GTS_PDFA1:
                    continue
                profile = intent.get(Name.DestOutputProfile)
                if profile is None:
                    problems.append("6.2.3: the output intent has no DestOutputProfile")
                    continue
                icc = profile.read_bytes()
                space = icc[16:20]
                n = int(profile.get(Name.N, 0))
                if (space, n) not in ((b"RGB ", 3), (b"GRAY", 1), (b"CMYK", 4)):
                    problems.append(f"6.2.3: ICC profile colour space {space!r} does not match /N {n}")
        # 6.6 Metadata: XMP stream, unfiltered, with the PDF/A identification.
        meta = root.get(Name.Metadata)
        if meta is None:
            problems.append("6.6.2.1: no XMP metadata stream")
            xmp = ""
        else:
            if Name.Filter in meta:
                problems.append("6.6.2.1: the metadata stream is filtered")
            xmp = meta.read_bytes().decode("utf-8", "replace")
            if _xmp_value(xmp, "pdfaid:part") != "2":
                problems.append("6.6.4: pdfaid:part is not 2")
            if (_xmp_value(xmp, "pdfaid:conformance") or "").upper() != "B":
                problems.append("6.6.4: pdfaid:conformance is not B")
        # 6.6.3 Info dictionary entries equal their XMP counterparts.
        info = pdf.docinfo
        pairs = {"/Title": "dc:title", "/Producer": "pdf:Producer", "/Creator": "xmp:CreatorTool"}
        for key, tag in pairs.items():
            if key in info:
                value = str(info[key])
                if value not in xmp:
                    problems.append(f"6.6.3: Info {key} {value!r} is not in the XMP ({tag})")
        for key, tag in (("/CreationDate", "xmp:CreateDate"), ("/ModDate", "xmp:ModifyDate")):
            if key not in info:
                continue
            xmp_date = _xmp_value(xmp, tag)
            if xmp_date is None:
                problems.append(f"6.6.3: Info {key} has no {tag} in the XMP")
            elif _same_instant(str(info[key]), xmp_date) is False:
                problems.append(f"6.6.3: Info {key} {info[key]} differs from XMP {tag} {xmp_date}")
        # 6.1.7 / 6.1.10 streams and filters; 6.2.8 images; 6.2.11 fonts; 6.5/6.6 actions.
        if Name.OpenAction in root and root.OpenAction.get(Name.S) in FORBIDDEN_ACTIONS:
            problems.append("6.6.1: the open action is not allowed")
        if Name.AA in root:
            problems.append("6.6.2: the catalog has additional actions")
        for obj in pdf.objects:
            if isinstance(obj, pikepdf.Stream):
                if Name.F in obj or Name.FFilter in obj:
                    problems.append("6.1.7.1: a stream refers to an external file")
                filters = obj.get(Name.Filter)
                names = [str(f) for f in filters] if isinstance(filters, pikepdf.Array) else [str(filters)] if filters else []
                if FORBIDDEN_FILTERS & set(names):
                    problems.append("6.1.7.2: LZW compression is not allowed")
                if obj.get(Name.Subtype) == Name.Image:
                    if obj.get(Name.Interpolate) is True:
                        problems.append("6.2.8: an image has /Interpolate true")
                    if Name.Alternates in obj or Name.OPI in obj:
                        problems.append("6.2.8: an image has /Alternates or /OPI")
                if obj.get(Name.Subtype) == Name.PS:
                    problems.append("6.2.9: PostScript XObject")
            elif isinstance(obj, pikepdf.Dictionary):
                if obj.get(Name.Type) == Name.FontDescriptor:
                    if not any(k in obj for k in (Name.FontFile, Name.FontFile2, Name.FontFile3)):
                        problems.append(f"6.2.11.4: font {obj.get(Name.FontName)} is not embedded")
                if obj.get(Name.S) in FORBIDDEN_ACTIONS:
                    problems.append(f"6.6.1: action {obj.get(Name.S)} is not allowed")
                if obj.get(Name.Type) == Name.EmbeddedFile:
                    problems.append("6.8: embedded files must themselves be PDF/A (none expected here)")
    return problems
