"""Signing and verification against real SoftHSM2 and certomancer services on loopback."""
from __future__ import annotations

import threading
import unicodedata
from pathlib import Path

import numpy as np
import pikepdf
import pypdfium2 as pdfium
import pytest

from signing.errors import CertificateRefused, DocumentRefused, PinError
from signing.model import Level
from signing.sign import SignOptions, pkcs12_session, token_session
from signing.tokens import list_tokens
from signing.verify import verify_pdf
from tests.signing.pki_setup import P12_PASSWORD, SOFTHSM_LIB, TOKEN_PIN


def _text_in_corner(path: Path, left: bool) -> str:
    """What a reader sees in the top corner of page 1, read back with Tesseract.

    The stamp is the signature widget's appearance drawn with an embedded subset font
    (glyph IDs, no text to extract), so the page is rendered as a viewer shows it and
    the corner is OCRed: this also proves the diacritics render as the right glyphs.
    """
    from ocr.engine import make_engine

    doc = pdfium.PdfDocument(str(path))
    doc.init_forms()
    page = doc[0]
    image = page.render(scale=300 / 72, may_draw_forms=True).to_pil().convert("L")
    page.close()
    doc.close()
    width, height = image.size
    corner = image.crop((0, 0, width // 2, height // 5) if left else (width // 2, 0, width, height // 5))
    words = make_engine("auto").recognize(np.asarray(corner), 300, 60)
    return unicodedata.normalize("NFC", " ".join(w.text for w in words))


def test_p12_copy_stamp_top_right_with_diacritics(pki, blank_pdf, tmp_path):
    out = tmp_path / "copy.pdf"
    with pkcs12_session(pki.p12["signer"], P12_PASSWORD, trust_roots=[pki.root]) as s:
        s.sign(blank_pdf, out, SignOptions(stamp="copy", agency="ỦY BAN NHÂN DÂN XÃ ABC"))
    text = _text_in_corner(out, left=False)
    assert "SAO Y" in text and "ỦY BAN NHÂN DÂN XÃ ABC" in text and "+07:00" in text
    assert "SAO Y" not in _text_in_corner(out, left=True)
    report = verify_pdf(out, [pki.root], fetch=True)
    assert report.valid, report
    sig = report.signatures[0]
    assert "Nguyễn Văn An" in sig.signer_subject and sig.level is Level.B_B and sig.modifications == "NONE"


def test_token_digitizer_stamp_top_left_b_lt(pki, blank_pdf, tmp_path):
    out = tmp_path / "digitizer.pdf"
    with token_session(SOFTHSM_LIB, TOKEN_PIN, serial=pki.token_serial, key_id=pki.key_id,
                       trust_roots=[pki.root]) as s:
        s.sign(blank_pdf, out, SignOptions(stamp="digitizer", level=Level.B_LT, tsa_url=pki.tsa_url,
                                           trust_roots=(pki.root,)))
    text = _text_in_corner(out, left=True)
    assert "Người số hóa: Nguyễn Văn An" in text and "+07:00" in text
    report = verify_pdf(out, [pki.root], fetch=True)
    assert report.valid, report
    sig = report.signatures[0]
    assert sig.time_from_timestamp and sig.level is Level.B_LT and sig.trusted


def test_stamps_of_a_batch_share_one_font_subset_and_each_reads_right(pki, blank_pdf, tmp_path, monkeypatch):
    """The font is cut once for a batch (the cut is what cost: fontTools' subsetter is counted),
    the second stamp embeds the same bytes, and each still shows its own name and time."""
    from fontTools import subset

    cuts = []
    real_subset = subset.Subsetter.subset
    monkeypatch.setattr(subset.Subsetter, "subset", lambda self, font: cuts.append(1) or real_subset(self, font))
    outs = [tmp_path / f"stamped-{i}.pdf" for i in range(3)]
    with token_session(SOFTHSM_LIB, TOKEN_PIN, serial=pki.token_serial, key_id=pki.key_id,
                       trust_roots=[pki.root]) as s:
        for out in outs:
            s.sign(blank_pdf, out, SignOptions(stamp="digitizer", digitizer="Trần Thị Ngọc Ánh Dương"))
    assert len(cuts) <= 1  # one cut for the three (none where an earlier test made this subset)

    def font_files(path: Path) -> list[bytes]:
        with pikepdf.open(path) as pdf:
            return [obj.read_raw_bytes() for obj in pdf.objects
                    if isinstance(obj, pikepdf.Dictionary) and "/FontFile2" in obj
                    for obj in [obj.FontFile2]]

    first, second = font_files(outs[0]), font_files(outs[2])
    assert len(first) == len(second) == 1 and first == second
    for out in outs[::2]:
        assert "Người số hóa: Trần Thị Ngọc Ánh Dương" in _text_in_corner(out, left=True)
        assert verify_pdf(out, [pki.root], fetch=True).valid


def test_b_lta_verifies_offline_with_services_stopped(pki, services, blank_pdf, tmp_path):
    out = tmp_path / "lta.pdf"
    with pkcs12_session(pki.p12["signer"], P12_PASSWORD, trust_roots=[pki.root]) as s:
        s.sign(blank_pdf, out, SignOptions(level=Level.B_LTA, tsa_url=pki.tsa_url, trust_roots=(pki.root,)))
    services.stop()
    try:
        report = verify_pdf(out, [pki.root], fetch=False)
    finally:
        services.start()
    assert report.valid, report
    assert report.signatures[0].level is Level.B_LTA and report.signatures[0].revocation.value == "good"


def test_batch_of_50_with_one_pin_and_cancel(pki, blank_pdf, tmp_path):
    jobs = [(blank_pdf, tmp_path / f"out{i}.pdf") for i in range(50)]
    seen: list[int] = []
    with token_session(SOFTHSM_LIB, TOKEN_PIN, serial=pki.token_serial, trust_roots=[pki.root]) as s:
        result = s.sign_many(jobs, SignOptions(), progress=lambda n, total, p: seen.append(n))
        assert len(result.signed) == 50 and not result.failed and seen[-1] == 50
        cancel = threading.Event()
        partial = s.sign_many(jobs[:5], SignOptions(),
                              progress=lambda n, t, p: cancel.set() if n == 2 else None, cancel=cancel)
    assert partial.cancelled and len(partial.signed) == 2
    assert verify_pdf(jobs[49][1], [pki.root], fetch=True).valid


def test_wrong_pin_is_not_retried(pki):
    with pytest.raises(PinError, match="wrong PIN"):
        with token_session(SOFTHSM_LIB, "000000", serial=pki.token_serial):
            pass
    # the right PIN still works: one wrong try did not lock the token
    with token_session(SOFTHSM_LIB, TOKEN_PIN, serial=pki.token_serial):
        pass


@pytest.mark.parametrize("name, reason", [("expired", "expired"), ("revoked", "revoked"),
                                          ("nousage", "key usage")])
def test_unusable_certificates_are_refused(pki, name, reason):
    with pytest.raises(CertificateRefused, match=reason):
        with pkcs12_session(pki.p12[name], P12_PASSWORD, trust_roots=[pki.root]):
            pass


def test_damaged_pdf_is_refused(pki, tmp_path):
    bad = tmp_path / "bad.pdf"
    bad.write_bytes(b"%PDF-1.7\nnot really a pdf")
    with pkcs12_session(pki.p12["signer"], P12_PASSWORD, check=False) as s:
        with pytest.raises(DocumentRefused):
            s.sign(bad, tmp_path / "o.pdf", SignOptions())


def test_changed_after_signing_fails(pki, blank_pdf, tmp_path):
    out = tmp_path / "signed.pdf"
    with pkcs12_session(pki.p12["signer"], P12_PASSWORD, check=False) as s:
        s.sign(blank_pdf, out, SignOptions())
    data = bytearray(out.read_bytes())
    pos = data.index(b"/MediaBox")
    data[pos:pos + 9] = b"/MediaBoX"
    tampered = tmp_path / "tampered.pdf"
    tampered.write_bytes(bytes(data))
    assert not verify_pdf(tampered, [pki.root], fetch=True).valid


def test_list_tokens_shows_the_vietnamese_certificate(pki):
    tokens = [t for t in list_tokens(SOFTHSM_LIB) if t.serial == pki.token_serial]
    assert tokens and tokens[0].label == "Chữ ký số An"
    assert any("Nguyễn Văn An" in c.subject and c.key_id == pki.key_id.hex() for c in tokens[0].certificates)


def test_signing_keeps_pdfa(pki, tmp_path):
    """An archival PDF/A-2b stays PDF/A-2b once signed: the incremental update keeps the
    XMP metadata in step with the Info dictionary pyHanko rewrites."""
    from ocr.pdfa import PageSource, assemble
    from tests.pdfa_check import check_pdfa2b

    plain = tmp_path / "plain.pdf"
    with pikepdf.new() as pdf:
        pdf.add_blank_page(page_size=(595, 842))
        pdf.save(plain)
    archival = tmp_path / "archival.pdf"
    assemble([PageSource(plain, 0, ocr_layer=False)], archival, title="Quyết định 125/QĐ-UBND", pdfa=True)
    assert check_pdfa2b(archival) == []
    out = tmp_path / "signed.pdf"
    with pkcs12_session(pki.p12["signer"], P12_PASSWORD, trust_roots=[pki.root]) as s:
        s.sign(archival, out, SignOptions(stamp="copy", agency="SỞ NỘI VỤ"))
    assert out.read_bytes().startswith(archival.read_bytes())  # the archived bytes are untouched
    assert check_pdfa2b(out) == []
    assert verify_pdf(out, [pki.root], fetch=True).valid



def _widget_rect(path: Path) -> tuple[float, ...]:
    with pikepdf.open(path) as pdf:
        [widget] = [a for a in pdf.pages[0].get("/Annots", []) if a.get("/FT") == "/Sig" or "/Parent" in a or
                    a.get("/Subtype") == "/Widget"]
        return tuple(float(v) for v in widget.Rect)


def test_stamp_keeps_clear_of_printed_text(pki, tmp_path):
    """A heading printed in the top-right corner pushes the copy stamp down, and the signer is told."""
    printed = tmp_path / "printed.pdf"
    with pikepdf.new() as pdf:
        pdf.add_blank_page(page_size=(595, 842))
        # A black block where the stamp would go: 20 pt from the top and right edges.
        pdf.pages[0].Contents = pdf.make_stream(b"0 g 330 760 245 62 re f")
        pdf.save(printed)
    out = tmp_path / "stamped.pdf"
    with pkcs12_session(pki.p12["signer"], P12_PASSWORD, trust_roots=[pki.root]) as s:
        result = s.sign(printed, out, SignOptions(stamp="copy", agency="SỞ NỘI VỤ"))
    assert result.stamp_note and "moved" in result.stamp_note
    x0, y0, x1, y1 = _widget_rect(out)
    assert y1 <= 760 and x1 > 595 / 2  # below the print, still in the top-right corner
    text = _text_in_corner(out, left=False)
    assert "SAO Y" in text and "SỞ NỘI VỤ" in text
    with pkcs12_session(pki.p12["signer"], P12_PASSWORD, trust_roots=[pki.root]) as s:
        assert s.sign(tmp_path / "printed.pdf", tmp_path / "again.pdf", SignOptions(stamp="none")).stamp_note is None


def test_encrypted_pdf_is_refused(pki, blank_pdf, tmp_path):
    locked = tmp_path / "locked.pdf"
    with pikepdf.open(blank_pdf) as pdf:
        pdf.save(locked, encryption=pikepdf.Encryption(owner="chu-so-huu", user="mat-khau"))
    with pkcs12_session(pki.p12["signer"], P12_PASSWORD, trust_roots=[pki.root]) as s:
        with pytest.raises(DocumentRefused, match="encrypted|password|readable"):
            s.sign(locked, tmp_path / "out.pdf", SignOptions())
    assert not (tmp_path / "out.pdf").exists()


def test_a_pdf_certified_against_changes_is_refused(pki, blank_pdf, tmp_path):
    """Signing would break the existing certification signature: refuse, with the reason."""
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import signers
    from pyhanko.sign.fields import MDPPerm

    certified = tmp_path / "certified.pdf"
    signer = signers.SimpleSigner.load_pkcs12(str(pki.p12["signer"]), passphrase=P12_PASSWORD)
    with blank_pdf.open("rb") as inf, certified.open("wb") as outf:
        writer = IncrementalPdfFileWriter(inf)
        meta = signers.PdfSignatureMetadata(field_name="Cert", certify=True, docmdp_permissions=MDPPerm.NO_CHANGES)
        signers.PdfSigner(meta, signer).sign_pdf(writer, output=outf)
    with pkcs12_session(pki.p12["signer"], P12_PASSWORD, trust_roots=[pki.root]) as s:
        with pytest.raises(DocumentRefused, match="certified against any change"):
            s.sign(certified, tmp_path / "out.pdf", SignOptions())
    assert not (tmp_path / "out.pdf").exists()


def test_a_token_without_pin_pad_needs_a_pin(pki):
    from signing.tokens import needs_pin

    # SoftHSM2 has no protected authentication path: the PIN must come from the person.
    assert needs_pin(SOFTHSM_LIB, pki.token_serial)
    with pytest.raises(PinError, match="needs a PIN"):
        with token_session(SOFTHSM_LIB, None, serial=pki.token_serial):
            pass


def _scanned_heading_pdf(tmp_path) -> bytes:
    """A scanned A4 page at 300 dpi (one JPEG): six text-like strokes 1.4 pt thick, 20 to 87 pt
    below the top, 20 to 270 pt from the left."""
    from PIL import Image, ImageDraw

    scan = Image.new("RGB", (2480, 3508), (246, 244, 238))  # paper colour
    draw = ImageDraw.Draw(scan)
    for line in range(6):
        top = int((20 + 13 * line) * 300 / 72)
        draw.rectangle((int(20 * 300 / 72), top, int(270 * 300 / 72), top + 6), fill=(40, 40, 40))
    path = tmp_path / "scan.pdf"
    scan.save(path, resolution=300, quality=85)  # Pillow writes a DCTDecode image
    return path.read_bytes()


def test_stamp_keeps_clear_of_print_in_a_scanned_page(tmp_path):
    """The print of a scan is in its JPEG (read at a reduced size, not by pdfium): a heading
    scanned in the top-left corner pushes the digitizer stamp down, as print drawn in the PDF
    would; an empty corner of the same scan leaves the copy stamp where the profile puts it."""
    from signing.stamps import place_clear_of_print, plan_stamp

    data = _scanned_heading_pdf(tmp_path)
    values = {"digitizer": "Nguyễn Văn An", "digitized_at": "2024-03-15T14:30:05+07:00", "agency": "SỞ NỘI VỤ",
              "signed_at": "2024-03-15T14:30:05+07:00"}
    page = (0.0, 0.0, 595.2, 841.92)
    moved, note = place_clear_of_print(data, plan_stamp("digitizer", page, values), corner_left=True)
    assert note and "moved" in note
    x0, y0, x1, y1 = moved.box
    assert y1 <= 841.92 - 87 or x0 >= 270  # below the heading or beside it, still in its corner
    assert x1 < 595.2 / 2 + 230
    kept, note = place_clear_of_print(data, plan_stamp("copy", page, values), corner_left=False)
    assert note is None and kept == plan_stamp("copy", page, values)


def test_a_scan_read_apart_gives_the_print_pdfium_would_render(tmp_path):
    """The scan's JPEG, read apart at a reduced size and taken out of the page, gives the ink
    pdfium's own render of it gives (where the stamp may go), at the same place."""
    import numpy as np
    import pypdfium2 as pdfium

    from signing.stamps import _add_ink, _scans_taken_out

    data = _scanned_heading_pdf(tmp_path)
    inks = []
    for read_apart in (False, True):
        doc = pdfium.PdfDocument(data)
        page = doc[0]
        height = page.get_size()[1]
        band = 0.5 * height
        scans = _scans_taken_out(page, height, band) if read_apart else []
        ink = np.asarray(page.render(scale=1, crop=(0, height - band, 0, 0)).to_pil().convert("L")) < 160
        for (left, top), scan in scans:
            _add_ink(ink, scan < 160, left, top)
        page.close()
        doc.close()
        inks.append((ink, len(scans)))
    (rendered, none), (read, taken) = inks
    assert none == 0 and taken == 1  # the scan was taken out, not rendered
    assert rendered.any() and rendered.shape == read.shape
    assert np.mean(rendered != read) < 0.002  # the same print, at most a stroke's edge apart
    rows, cols = np.nonzero(read)
    assert 18 <= rows.min() <= 22 and 18 <= cols.min() <= 22  # the heading where it was scanned
