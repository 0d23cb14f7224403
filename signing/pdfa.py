"""Keep a PDF/A document PDF/A when pyHanko signs it.

pyHanko's incremental update rewrites the document information dictionary (it appends
itself to /Producer and sets /ModDate) but, without its optional XMP support, leaves
the XMP metadata stream as it was. PDF/A (ISO 19005-2, 6.6.3) requires the two to
agree, so this writer copies pyHanko's new values into the XMP stream in the same
incremental update, before the signature's byte range is computed.
"""
from __future__ import annotations

import re
from datetime import datetime
from xml.sax.saxutils import escape

from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter


def _pdf_date_to_iso(value: str) -> str | None:
    """D:20261124101503+07'00' -> 2026-11-24T10:15:03+07:00."""
    match = re.match(r"D:(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(Z|[+-]\d{2}'?\d{2}'?)?", value)
    if not match:
        return None
    y, mo, d, h, mi, s, tz = match.groups()
    zone = "Z" if tz in (None, "Z") else f"{tz[:3]}:{tz.replace(chr(39), '')[3:5]}"
    return f"{y}-{mo}-{d}T{h}:{mi}:{s}{zone}"


def _set(xml: str, tag: str, value: str) -> str:
    """Set an XMP property written either as an element or as an attribute."""
    element = re.compile(rf"(<{tag}(?:\s[^>]*)?>)[^<]*(</{tag}>)")
    if element.search(xml):
        return element.sub(lambda m: m.group(1) + escape(value) + m.group(2), xml, count=1)
    attribute = re.compile(rf'(\s{tag}=")[^"]*(")')
    return attribute.sub(lambda m: m.group(1) + escape(value, {'"': "&quot;"}) + m.group(2), xml, count=1)


class XmpKeepingWriter(IncrementalPdfFileWriter):
    """An incremental writer that keeps the XMP metadata in step with the Info dictionary."""

    def _update_meta(self) -> None:  # pyHanko's hook, run just before writing
        super()._update_meta()
        if self._info is None or "/Metadata" not in self.root:
            return
        info = self._info.get_object()
        ref = self.root.raw_get("/Metadata")
        if not isinstance(ref, generic.IndirectObject):
            return
        stream = ref.get_object()
        xml = stream.data.decode("utf-8")
        updated = xml
        if "/Producer" in info:
            updated = _set(updated, "pdf:Producer", str(info["/Producer"]))
        if "/ModDate" in info:
            when = _pdf_date_to_iso(str(info["/ModDate"]))
            if when:
                updated = _set(updated, "xmp:ModifyDate", when)
                updated = _set(updated, "xmp:MetadataDate", when)
        if updated == xml:
            return
        replacement = generic.StreamObject({generic.NameObject("/Type"): generic.NameObject("/Metadata"),
                                            generic.NameObject("/Subtype"): generic.NameObject("/XML")},
                                           stream_data=updated.encode("utf-8"))
        self.objects[(ref.generation, ref.idnum)] = replacement
