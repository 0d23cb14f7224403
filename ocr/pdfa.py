"""Assemble the job's PDF from one-page PDFs, optionally as PDF/A-2b.

Pages are copied, not decoded: qpdf reads each page's image stream from its
one-page file only while writing the output, so a 200-page job never holds 200
page images in memory. The glyphless OCR font is shared by every page.
"""
from __future__ import annotations

import datetime as dt
import functools
import os
import tempfile
from collections.abc import Iterable
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path

import pikepdf
from pikepdf import Array, Dictionary, Name

from ocr import textpdf

PRODUCER = "SoHoa"


@dataclass(frozen=True)
class PageSource:
    """A page to copy into the output: page ``index`` (0-based) of ``path``."""

    path: Path
    index: int = 0
    ocr_layer: bool = True  # the page carries SoHoa's text layer (its font is shared)


@functools.lru_cache(maxsize=1)
def srgb_profile() -> bytes:
    """An sRGB ICC profile for the PDF/A output intent, made by LittleCMS (Pillow)."""
    from PIL import ImageCms

    return ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()


def _add_output_intent(pdf: pikepdf.Pdf) -> None:
    icc = pikepdf.Stream(pdf, srgb_profile())
    icc[Name.N] = 3
    intent = Dictionary(Type=Name.OutputIntent, S=Name.GTS_PDFA1, OutputConditionIdentifier=pikepdf.String("sRGB"),
                        Info=pikepdf.String("sRGB IEC61966-2.1"), DestOutputProfile=pdf.make_indirect(icc))
    pdf.Root.OutputIntents = Array([pdf.make_indirect(intent)])


def _set_metadata(pdf: pikepdf.Pdf, title: str, pdfa: bool, created: dt.datetime) -> None:
    stamp = created.isoformat(timespec="seconds")
    with pdf.open_metadata(set_pikepdf_as_editor=False) as meta:
        meta["dc:title"] = title
        meta["xmp:CreatorTool"] = PRODUCER
        meta["pdf:Producer"] = PRODUCER
        meta["xmp:CreateDate"] = stamp
        meta["xmp:ModifyDate"] = stamp
        meta["xmp:MetadataDate"] = stamp
        if pdfa:
            meta["pdfaid:part"] = "2"
            meta["pdfaid:conformance"] = "B"
    # open_metadata keeps the document information dictionary in step with XMP,
    # which PDF/A requires; set Title there too for viewers that read only Info.
    pdf.docinfo[Name.Title] = title


def assemble(pages: Iterable[PageSource], output: Path, *, title: str, pdfa: bool = False,
             created: dt.datetime | None = None) -> int:
    """Write ``pages`` in order to ``output`` atomically; return the output's size in bytes.

    The file appears only when complete: it is written beside ``output`` under a
    temporary name and renamed, so a failed job leaves no partial PDF behind.
    """
    created = created or dt.datetime.now().astimezone()
    output = Path(output)
    with ExitStack() as stack:
        out = stack.enter_context(pikepdf.new())
        font = textpdf.make_font(out)
        opened: dict[Path, pikepdf.Pdf] = {}
        for source in pages:
            src = opened.get(source.path)
            if src is None:
                src = opened[source.path] = stack.enter_context(pikepdf.open(source.path))
            out.pages.append(src.pages[source.index])
            if source.ocr_layer:
                resources = out.pages[-1].obj.get(Name.Resources)
                if resources is not None and Name.Font in resources and textpdf.FONT_RESOURCE in resources.Font:
                    resources.Font[textpdf.FONT_RESOURCE] = font
        if pdfa:
            _add_output_intent(out)
        _set_metadata(out, title, pdfa, created)
        fd, tmp_name = tempfile.mkstemp(prefix=f".{output.name}.", suffix=".part", dir=output.parent or ".")
        os.close(fd)
        tmp = Path(tmp_name)
        try:
            out.save(tmp, compress_streams=True, object_stream_mode=pikepdf.ObjectStreamMode.generate,
                     fix_metadata_version=True)
            os.replace(tmp, output)
        except BaseException:
            tmp.unlink(missing_ok=True)
            raise
    return output.stat().st_size
