"""Archive export of a dossier: its PDFs in chronological order and ``metadata.xml`` with the
input metadata of Decree 30/2020/NĐ-CP Annex VI (Phụ lục VI, Phần II).

Annex VI Part I §III.4.g asks document systems to export a dossier as ``.pdf`` and ``.xml``
files in chronological order; Part II names the fields and their lengths (domain-vn.md §3.6).
The decree prescribes no XML layout, so the file uses the decree's field names as element
names, one ``<Document>`` per paper in the order of the PDFs, after the dossier's ``<File>``
record, and every file is checked against ``dossier/annex6.xsd`` before it is written.

Lengths are the decree's, and a value that does not fit is never written silently:
- identifiers, numbers and dates (OrganId, FileNotation, CodeNumber, CodeNotation, FileCatalog,
  DocOrdinal, PageAmount, DocTotal, PageTotal, IssuedDate …) are refused with an error naming
  the document and the field: a cut identifier is another identifier, and the archive would
  hold a false reference;
- free text (TypeName, OrganName, Subject, Description, SignerInfo, Title, Creator …) is
  shortened at a word boundary with "…", and the export reports each shortened field: the full
  text stays in the PDF, the metadata only has to find it.
Dates are written ``dd/mm/yyyy`` (10 characters, the form of Circular 02/2019/TT-BNV's input
data and of the papers themselves).
"""
from __future__ import annotations

import re
import unicodedata
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from dossier.workspace import Workspace

NAMESPACE = "urn:sohoa:nd30-2020:phu-luc-vi:1"
SCHEMA_FILE = Path(__file__).with_name("annex6.xsd")

# Decree 30/2020 Annex VI Part II: maximum lengths (characters; digits for numbers).
DOCUMENT_LIMITS: dict[str, int] = {
    "OrganId": 13, "FileCatalog": 4, "FileNotation": 20, "DocOrdinal": 3, "TypeName": 100,
    "CodeNumber": 11, "CodeNotation": 30, "IssuedDate": 10, "OrganName": 200, "Subject": 500,
    "Language": 30, "PageAmount": 3, "Description": 500, "Position": 100, "FullName": 50,
}
FILE_LIMITS: dict[str, int] = {
    "FileCode": 13 + 1 + 4 + 1 + 20, "Title": 500, "Maintenance": 30, "Rights": 30, "Creator": 30,
    "Language": 50, "StartDate": 10, "EndDate": 10, "DocTotal": 4, "PageTotal": 4, "Description": 500,
}
# Free text may be shortened (see the module's docstring); everything else is refused.
SHORTENED = {"TypeName", "OrganName", "Subject", "Description", "Position", "FullName", "Title",
             "Maintenance", "Rights", "Creator", "Language"}
LANGUAGE = "Tiếng Việt"

# Control characters XML 1.0 cannot carry (OCR of a smudge sometimes yields them).
_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


class ArchiveError(ValueError):
    """The dossier cannot be exported as it is; the message (Vietnamese) says what to fix."""


@dataclass(frozen=True)
class ArchiveDocument:
    """One paper of the dossier as the archive describes it (Annex VI, văn bản).

    ``received_at`` (ISO time the paper was received or digitized) and ``position`` only
    order papers of the same issue date; they are not written.
    """

    pdf: Path
    page_amount: int
    type_name: str = ""
    code_number: str = ""
    code_notation: str = ""
    issued_date: date | None = None
    organ_name: str = ""
    subject: str = ""
    description: str = ""
    signer_position: str = ""
    signer_name: str = ""
    language: str = LANGUAGE
    received_at: str = ""
    position: int = 0
    sha256: str = ""


@dataclass(frozen=True)
class ArchiveFile:
    """The dossier as an archive file (Annex VI, hồ sơ)."""

    organ_id: str
    file_catalog: int  # the year the file was formed
    file_notation: str
    title: str
    maintenance: str = ""
    rights: str = ""
    creator: str = ""
    language: str = LANGUAGE
    description: str = ""

    @property
    def file_code(self) -> str:
        """Mã hồ sơ: agency identifier, year, file number and notation, joined by dots."""
        return f"{self.organ_id}.{self.file_catalog}.{self.file_notation}"


@dataclass(frozen=True)
class Shortened:
    """A free-text value cut to the decree's length; ``where`` names the document or the file."""

    where: str
    field: str
    length: int
    limit: int


@dataclass(frozen=True)
class ArchiveReport:
    """What an export wrote: the folder or zip, the files in order, shortened fields."""

    output: Path
    files: tuple[str, ...]
    pages: int
    shortened: tuple[Shortened, ...] = field(default_factory=tuple)


# ---- values from reviewed fields ---------------------------------------------------------------

def split_number(number: str) -> tuple[str, str]:
    """``125/QĐ-UBND`` → (``125``, ``QĐ-UBND``): Số (CodeNumber) and Ký hiệu (CodeNotation).

    Decree 30/2020 Annex I writes "Số: 125/QĐ-UBND", the number before the first slash. A
    value without a slash is a number when it starts with a digit, else a notation alone.
    """
    text = " ".join(number.split())
    if "/" in text:
        head, tail = text.split("/", 1)
        return head.strip(), tail.strip()
    return (text, "") if text[:1].isdigit() else ("", text)


def parse_iso_date(value: object) -> date | None:
    if not isinstance(value, str) or not value.strip():
        return None
    try:
        return date.fromisoformat(value.strip()[:10])
    except ValueError:
        return None


def document_from_fields(pdf: Path, page_amount: int, fields: dict[str, object], *, component: str = "",
                         received_at: str = "", position: int = 0, sha256: str = "") -> ArchiveDocument:
    """An archive record from a document's reviewed fields (design §3 names)."""
    def text(name: str) -> str:
        value = fields.get(name)
        if isinstance(value, list):
            value = "; ".join(str(v) for v in value)
        return "" if value is None else str(value)

    number, notation = split_number(text("number"))
    return ArchiveDocument(
        pdf=pdf, page_amount=page_amount, type_name=text("type_name") or component,
        code_number=number, code_notation=notation, issued_date=parse_iso_date(fields.get("issue_date")),
        organ_name=text("issuer"), subject=text("subject"), signer_position=text("signer_title"),
        signer_name=text("signer"), received_at=received_at, position=position, sha256=sha256)


def chronological(documents: list[ArchiveDocument], fallback: date) -> list[ArchiveDocument]:
    """Papers by issue date, then by the time received or digitized, then by position.

    A paper without an issue date (an application form, say) is dated by ``fallback``,
    the dossier's received date: that is when it entered the file.
    """
    return sorted(documents, key=lambda d: (d.issued_date or fallback, d.received_at, d.position))


# ---- checking and writing the XML --------------------------------------------------------------

def _clean(value: str) -> str:
    return " ".join(_XML_INVALID.sub(" ", unicodedata.normalize("NFC", value)).split())


def _fit(value: str, name: str, limit: int, where: str, shortened: list[Shortened]) -> str:
    value = _clean(value)
    if len(value) <= limit:
        return value
    if name not in SHORTENED:
        raise ArchiveError(f"{where}: trường {name} dài {len(value)} ký tự, quá {limit} ký tự mà Phụ lục VI "
                           f"Nghị định 30/2020 cho phép; hãy sửa giá trị này trước khi xuất hồ sơ")
    cut = value[:limit - 1]
    if " " in cut and not value[limit - 1].isspace():
        cut = cut[:cut.rfind(" ")]
    shortened.append(Shortened(where=where, field=name, length=len(value), limit=limit))
    return cut.rstrip() + "…"


def _number(value: int, name: str, limit: int, where: str) -> str:
    if value < 0 or len(str(value)) > limit:
        raise ArchiveError(f"{where}: {name} = {value} vượt quá {limit} chữ số mà Phụ lục VI Nghị định 30/2020 "
                           f"cho phép")
    return str(value)


def vn_date(value: date | None) -> str:
    return f"{value:%d/%m/%Y}" if value else ""


def build_xml(archive: ArchiveFile, documents: list[ArchiveDocument],
              names: list[str] | None = None) -> tuple[bytes, list[Shortened]]:
    """``metadata.xml`` for a file and its papers, in the order given, as UTF-8 bytes.

    ``names`` are the PDFs' names in the export, one per document. Raises ArchiveError when a
    value cannot be written within the decree's limits; returns the fields shortened.
    """
    ET.register_namespace("", NAMESPACE)
    q = lambda tag: f"{{{NAMESPACE}}}{tag}"  # noqa: E731
    shortened: list[Shortened] = []
    names = names or [d.pdf.name for d in documents]
    dates = [d.issued_date for d in documents if d.issued_date]

    root = ET.Element(q("ArchivePackage"))
    record = ET.SubElement(root, q("File"))
    file_values = {
        "FileCode": _fit(archive.file_code, "FileCode", FILE_LIMITS["FileCode"], "hồ sơ", shortened),
        "Title": _fit(archive.title, "Title", FILE_LIMITS["Title"], "hồ sơ", shortened),
        "Maintenance": _fit(archive.maintenance, "Maintenance", FILE_LIMITS["Maintenance"], "hồ sơ", shortened),
        "Rights": _fit(archive.rights, "Rights", FILE_LIMITS["Rights"], "hồ sơ", shortened),
        "Creator": _fit(archive.creator, "Creator", FILE_LIMITS["Creator"], "hồ sơ", shortened),
        "Language": _fit(archive.language, "Language", FILE_LIMITS["Language"], "hồ sơ", shortened),
        "StartDate": vn_date(min(dates) if dates else None),
        "EndDate": vn_date(max(dates) if dates else None),
        "DocTotal": _number(len(documents), "DocTotal", FILE_LIMITS["DocTotal"], "hồ sơ"),
        "PageTotal": _number(sum(d.page_amount for d in documents), "PageTotal", FILE_LIMITS["PageTotal"], "hồ sơ"),
        "Description": _fit(archive.description, "Description", FILE_LIMITS["Description"], "hồ sơ", shortened),
    }
    for tag, value in file_values.items():
        ET.SubElement(record, q(tag)).text = value

    organ_id = _fit(archive.organ_id, "OrganId", DOCUMENT_LIMITS["OrganId"], "hồ sơ", shortened)
    catalog = _number(archive.file_catalog, "FileCatalog", DOCUMENT_LIMITS["FileCatalog"], "hồ sơ")
    notation = _fit(archive.file_notation, "FileNotation", DOCUMENT_LIMITS["FileNotation"], "hồ sơ", shortened)
    for ordinal, (doc, name) in enumerate(zip(documents, names, strict=True), start=1):
        where = f"văn bản {ordinal} ({name})"

        def fit(value: str, tag: str) -> str:
            return _fit(value, tag, DOCUMENT_LIMITS[tag], where, shortened)

        element = ET.SubElement(root, q("Document"))
        code = ET.SubElement(element, q("FileCode"))
        ET.SubElement(code, q("OrganId")).text = organ_id
        ET.SubElement(code, q("FileCatalog")).text = catalog
        ET.SubElement(code, q("FileNotation")).text = notation
        values = {
            "DocOrdinal": _number(ordinal, "DocOrdinal", DOCUMENT_LIMITS["DocOrdinal"], where),
            "TypeName": fit(doc.type_name, "TypeName"),
            "CodeNumber": fit(doc.code_number, "CodeNumber"),
            "CodeNotation": fit(doc.code_notation, "CodeNotation"),
            "IssuedDate": vn_date(doc.issued_date),
            "OrganName": fit(doc.organ_name, "OrganName"),
            "Subject": fit(doc.subject, "Subject"),
            "Language": fit(doc.language, "Language"),
            "PageAmount": _number(doc.page_amount, "PageAmount", DOCUMENT_LIMITS["PageAmount"], where),
            "Description": fit(doc.description, "Description"),
        }
        for tag, value in values.items():
            ET.SubElement(element, q(tag)).text = value
        signer = ET.SubElement(element, q("SignerInfo"))
        ET.SubElement(signer, q("Position")).text = fit(doc.signer_position, "Position")
        ET.SubElement(signer, q("FullName")).text = fit(doc.signer_name, "FullName")
        # Not an Annex VI field: which exported PDF this record describes, and its hash.
        attachment = ET.SubElement(element, q("Attachment"), {"file": name})
        if doc.sha256:
            attachment.set("sha256", doc.sha256)
    ET.indent(root)
    return ET.tostring(root, encoding="UTF-8", xml_declaration=True) + b"\n", shortened


def check_schema(data: bytes) -> None:
    """Raise ArchiveError unless ``data`` is valid against annex6.xsd (lengths, dates, order)."""
    from lxml import etree

    schema = etree.XMLSchema(etree.parse(str(SCHEMA_FILE)))
    try:
        document = etree.fromstring(data)
    except etree.XMLSyntaxError as exc:
        raise ArchiveError(f"metadata.xml không đúng cú pháp XML: {exc}") from exc
    if not schema.validate(document):
        error = schema.error_log.last_error
        raise ArchiveError(f"metadata.xml không khớp lược đồ Phụ lục VI (dòng {error.line}): {error.message}")


def read_xml(data: bytes) -> dict[str, object]:
    """``metadata.xml`` back as plain values (for checks and for tests): the file's fields and
    one dict per document, nested SignerInfo/FileCode flattened as ``SignerInfo.FullName``."""
    root = ET.fromstring(data)
    local = lambda element: element.tag.rsplit("}", 1)[-1]  # noqa: E731
    result: dict[str, object] = {"File": {}, "Documents": []}
    for child in root:
        if local(child) == "File":
            result["File"] = {local(e): e.text or "" for e in child}
        elif local(child) == "Document":
            values: dict[str, str] = {}
            for e in child:
                if len(e):
                    values.update({f"{local(e)}.{local(s)}": s.text or "" for s in e})
                elif local(e) == "Attachment":
                    values.update({f"Attachment.{k}": v for k, v in e.attrib.items()})
                else:
                    values[local(e)] = e.text or ""
            result["Documents"].append(values)  # type: ignore[union-attr]
    return result


def file_name(ordinal: int, doc: ArchiveDocument) -> str:
    """``001-quyet-dinh-125-qd-ubnd.pdf``: order first, then words a person recognises, ASCII only
    (archive systems and zip tools on Windows still mangle non-ASCII names)."""
    words = " ".join(part for part in (doc.type_name, doc.code_number, doc.code_notation) if part)
    ascii_words = unicodedata.normalize("NFKD", words.replace("đ", "d").replace("Đ", "D"))
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_words.encode("ascii", "ignore").decode().lower()).strip("-")
    return f"{ordinal:03d}-{slug[:60].rstrip('-') or 'van-ban'}.pdf"


# ---- exporting a dossier of the workspace -----------------------------------------------------

# Chế độ sử dụng: a TTHC dossier holds citizens' personal data (Decree 13/2023), so its use is
# restricted unless the archivist says otherwise.
DEFAULT_RIGHTS = "Hạn chế"


def _pdf_pages(path: Path) -> int:
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(path)
    try:
        return len(document)
    finally:
        document.close()


def collect(workspace: "Workspace", code: str, *, maintenance: str = "", rights: str = DEFAULT_RIGHTS,
            creator: str | None = None, description: str = "") -> tuple[ArchiveFile, list[ArchiveDocument]]:
    """The dossier ``code`` as an archive file and its papers in chronological order.

    Every paper must be reviewed (its fields are what the metadata states) and have its PDF;
    the signed PDF is taken when there is one. Raises ArchiveError naming what is missing.
    """
    from dossier.codes import InvalidCode, parse_code
    from dossier.fields import type_label
    from dossier.model import DocumentState

    dossier = workspace.find_dossier(code)
    if dossier is None:
        raise ArchiveError(f"không có hồ sơ mã {code} trong kho làm việc")
    try:
        parsed = parse_code(dossier.code or "")
    except InvalidCode as exc:
        raise ArchiveError(f"hồ sơ {code}: {exc}") from exc
    received = date.fromisoformat(dossier.received_date)
    problems = []
    documents = []
    for document in workspace.documents_of(dossier.id):
        label = document.component or (type_label(document.document_type) if document.document_type else "")
        name = f"tài liệu số {document.id}" + (f" ({label})" if label else "")
        relative = document.signed_pdf_path or document.pdf_path
        if document.state < DocumentState.REVIEWED:
            problems.append(f"{name} chưa được kiểm tra ({document.state.value})")
            continue
        if not relative or not workspace.path(relative).is_file():
            problems.append(f"{name} chưa có bản PDF")
            continue
        pdf = workspace.path(relative)
        sha256 = (document.signed_sha256 if document.signed_pdf_path else document.sha256) or ""
        documents.append(document_from_fields(pdf, _pdf_pages(pdf), workspace.fields(document.id), component=label,
                                              received_at=document.created_at, position=document.position,
                                              sha256=sha256))
    if problems:
        raise ArchiveError(f"hồ sơ {code} chưa xuất được: " + "; ".join(problems))
    if not documents:
        raise ArchiveError(f"hồ sơ {code} chưa có tài liệu nào")
    parts = [f"Hồ sơ thủ tục hành chính {dossier.procedure_code or ''}".rstrip()]
    if dossier.applicant_name:
        parts.append(f"của {dossier.applicant_name}")
    title = " ".join(parts) + f", mã hồ sơ {parsed.text}"
    archive = ArchiveFile(organ_id=parsed.agency, file_catalog=received.year,
                          file_notation=parsed.text[len(parsed.agency):].lstrip("-"), title=title,
                          maintenance=maintenance, rights=rights, creator=creator or workspace.user,
                          description=description)
    return archive, chronological(documents, fallback=received)


def export_dossier(workspace: "Workspace", code: str, output: Path | str, **options: str) -> ArchiveReport:
    """Write the dossier's PDFs in chronological order and ``metadata.xml`` into ``output``: a new
    (or empty) folder, or a ``.zip`` file. Nothing is left under ``output`` unless the whole
    export succeeded: it is built beside it and renamed into place."""
    import os
    import shutil
    import tempfile
    import zipfile

    from dossier import audit

    output = Path(output)
    as_zip = output.suffix.lower() == ".zip"
    if output.exists() and not (output.is_dir() and not as_zip and not any(output.iterdir())):
        raise ArchiveError(f"{output} đã có; hãy chọn một thư mục mới (hoặc trống) hoặc một tệp .zip mới")
    if not output.parent.is_dir():
        raise ArchiveError(f"không có thư mục {output.parent}")
    archive, documents = collect(workspace, code, **options)
    names = [file_name(ordinal, doc) for ordinal, doc in enumerate(documents, start=1)]
    xml, shortened = build_xml(archive, documents, names)
    check_schema(xml)
    staging = Path(tempfile.mkdtemp(prefix=f".{output.name}.", dir=output.parent))
    try:
        if as_zip:
            partial = staging / output.name
            with zipfile.ZipFile(partial, "w") as bundle:
                for doc, name in zip(documents, names):
                    bundle.write(doc.pdf, name, compress_type=zipfile.ZIP_STORED)  # PDFs are compressed already
                bundle.writestr("metadata.xml", xml, compress_type=zipfile.ZIP_DEFLATED)
            with open(partial, "rb") as handle:
                os.fsync(handle.fileno())
            os.replace(partial, output)
        else:
            for doc, name in zip(documents, names):
                shutil.copyfile(doc.pdf, staging / name)
            (staging / "metadata.xml").write_bytes(xml)
            for path in staging.iterdir():
                with open(path, "rb") as handle:
                    os.fsync(handle.fileno())
            if output.is_dir():
                output.rmdir()  # empty, checked above
            os.replace(staging, output)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    dossier = workspace.find_dossier(code)
    with workspace.writing() as db:
        audit.append(db, workspace.user, "dossier.exported", details={
            "dossier": dossier.id if dossier else None, "code": code, "output": str(output),
            "files": [*names, "metadata.xml"], "pages": sum(d.page_amount for d in documents)})
    return ArchiveReport(output=output, files=(*names, "metadata.xml"),
                         pages=sum(d.page_amount for d in documents), shortened=tuple(shortened))


__all__ = ["ArchiveDocument", "ArchiveError", "ArchiveFile", "ArchiveReport", "Shortened", "build_xml",
           "chronological", "collect", "document_from_fields", "export_dossier", "file_name", "read_xml", "split_number"]
