"""``sohoa demo``: the whole chain on built-in defaults, with nothing configured.

The sample paper of ``resources/samples/`` (and a page from SANE's test scanner when it is
installed) goes through the same pipeline as ``sohoa process``: import, clean-up, OCR,
extraction, review, a PAdES signature and the upload, then the demo prints what the data store
holds and verifies each stored PDF's signature. Everything it needs it makes for itself, in a
demo folder it empties first: a DEMO signing key (``dossier.demo_identity``: self-signed, no
legal value, never trusted) and the reference store on 127.0.0.1, on a free port, whose
client secret never leaves this process.

Documents the review rule would keep for a person are listed with the reasons, then accepted
on the clerk's behalf as they come, and the audit trail says so ("sohoa demo (thay người
duyệt)"): a demo has no clerk.
"""
from __future__ import annotations

import logging
import os
import shutil
import sys
import tempfile
from pathlib import Path

from datastore.masking import mask_personal_ids

SAMPLES = Path(__file__).resolve().parents[1] / "resources" / "samples"
SAMPLE_SUFFIXES = (".png", ".jpg", ".jpeg", ".tif", ".tiff", ".pdf")
MARKER = ".sohoa-demo"
DEMO_REVIEWER = "sohoa demo (thay người duyệt)"
SANE_TEST_CONF = Path("/etc/sane.d/test.conf")


def demo_folder(folder: Path | None) -> Path:
    if folder is not None:
        return Path(folder)
    from platformdirs import user_data_dir

    return Path(user_data_dir("sohoa-demo", appauthor=False))


def _fresh(folder: Path) -> None:
    """Empty the demo folder, keeping the demo key; refuse a folder that is not a demo's."""
    from dossier.demo_identity import DEMO_P12_NAME

    if folder.exists() and any(folder.iterdir()) and not (folder / MARKER).exists():
        raise SystemExit(f"sohoa: {folder} không phải thư mục của bản demo và không trống; "
                         "chọn thư mục khác bằng --workspace")
    folder.mkdir(parents=True, exist_ok=True)
    from dossier.embedded_store import CLIENT_FILE, forget_workstation_client

    for kept in folder.glob(f"**/{CLIENT_FILE}"):  # the app's store account: its keyring entry goes too
        forget_workstation_client(kept.parent)
    for item in folder.iterdir():
        if item.name in (MARKER, DEMO_P12_NAME):
            continue
        if item.is_dir():
            shutil.rmtree(item)
        else:
            item.unlink()
    (folder / MARKER).write_text("Thư mục của sohoa demo: được làm trống mỗi lần chạy.\n", encoding="utf-8")


def _say(text: str = "") -> None:
    print(mask_personal_ids(text), flush=True)


def sample_files() -> list[Path]:
    return sorted(p for p in SAMPLES.iterdir() if p.suffix.lower() in SAMPLE_SUFFIXES)


def _scan_test_page(folder: Path) -> Path | None:
    """One page from SANE's ``test`` device through the scanner queue, or None (with why)."""
    if not SANE_TEST_CONF.exists():
        _say("  (không có máy quét thử SANE: bỏ qua)")
        return None
    try:
        import sane  # noqa: F401
    except ImportError:
        _say("  (chưa cài python-sane: bỏ qua máy quét thử)")
        return None
    conf = folder / "sane.d"
    conf.mkdir(exist_ok=True)
    (conf / "dll.conf").write_text("test\n")
    shutil.copy(SANE_TEST_CONF, conf / "test.conf")
    # Only the test backend, from a private folder: /etc stays untouched, and no real scanner
    # on the machine is probed (toolchain notes §3).
    os.environ["SANE_CONFIG_DIR"] = str(conf)
    from scanner import ScannerQueue, ScanOperation, resolve_settings

    target = folder / "scan"
    queue = ScannerQueue()
    try:
        operation = queue.submit(ScanOperation("sane:test:0", resolve_settings(profile="results"), target))
        operation.wait(120)
    finally:
        queue.close()
    if operation.error is not None or not operation.pages:
        _say(f"  (máy quét thử không quét được: {operation.error or 'không có trang'})")
        return None
    return operation.pages[0]


def run_demo(folder: Path | None = None, *, scanner: bool = True, jobs: int = 0) -> int:
    from datastore.client import StoreClient
    from datastore.outbox import RetryPolicy
    from signing.sign import SignOptions
    from signing.verify import verify_pdf

    from dossier.cli_process import print_summary
    from dossier.demo_identity import DEMO_P12_PASSWORD, demo_identity
    from dossier.embedded_store import EmbeddedStore
    from dossier.importing import import_files
    from dossier.pipeline import Pipeline, PipelineOptions
    from dossier.signing_lane import Signer
    from dossier.upload_lane import Upload
    from dossier.workspace import Workspace
    from ocr.report import OcrOptions

    folder = demo_folder(folder)
    _fresh(folder)
    _say(f"SoHoa demo: thư mục {folder}")
    key = demo_identity(folder)
    _say(f"Khóa ký DEMO: {key.name} (tự ký, KHÔNG có giá trị pháp lý; mật khẩu 'sohoa-demo' không phải bí mật)")
    ws = Workspace.open(folder / "workspace", user="sohoa demo")
    try:
        with EmbeddedStore(folder / "store") as store:
            credentials = store.register_client("sohoa demo")
            _say(f"Kho dữ liệu tham chiếu: {store.url} (chỉ trên máy này)")
            inputs = sample_files()
            _say(f"Giấy mẫu: {', '.join(p.name for p in inputs)}")
            imported = import_files(ws, inputs, new_batch=lambda: ws.create_batch(device="import",
                                                                                   profile="vn-2023"))
            names = {doc: item.name for item in imported.files for doc in item.document_ids}
            ids = imported.document_ids
            if scanner:
                _say("Máy quét thử SANE (test:0):")
                page = _scan_test_page(folder)
                if page is not None:
                    batch = ws.create_batch(device="sane:test:0", profile="results")
                    document = ws.add_document(None, batch_id=batch.id)
                    ws.add_pages(document.id, [page], move=True, sources=[("sane:test:0", 1)])
                    names[document.id] = "máy quét thử SANE"
                    ids.append(document.id)
                    _say(f"  1 trang quét vào tài liệu {document.id}")
            signer = Signer(p12=key, secret=DEMO_P12_PASSWORD.decode(), options=SignOptions(stamp="digitizer"))
            upload = Upload(credentials, folder / "workspace" / "outbox", RetryPolicy(max_attempts=3, base_delay=0.2))
            options = PipelineOptions(auto_accept=True, ocr=OcrOptions(jobs=jobs))

            pipeline: Pipeline | None = None

            def line(step) -> None:  # type: ignore[no-untyped-def]
                if step.event in ("processed", "accepted", "waiting", "signed", "uploaded", "failed"):
                    words = {"processed": "đã nhận dạng", "accepted": "tự động chấp nhận", "waiting": "chờ duyệt",
                             "signed": "đã ký (DEMO)", "uploaded": "đã tải lên kho", "failed": "LỖI"}
                    detail = f" – {step.detail}" if step.detail and step.event in ("waiting", "failed") else ""
                    _say(f"  tài liệu {step.document_id} ({names.get(step.document_id, '')}): "
                         f"{words[step.event]}{detail}")
                if step.event == "waiting" and pipeline is not None:
                    # No clerk at a demo: accepted on the clerk's behalf, and the audit trail says so.
                    ws.accept_review(step.document_id, who=DEMO_REVIEWER)
                    _say(f"  tài liệu {step.document_id}: bản demo chấp nhận thay người duyệt")
                    pipeline.accepted(step.document_id)

            _say("Xử lý (nhận dạng, trích xuất, duyệt, ký, tải lên):")
            pipeline = Pipeline(ws, options, signer=signer, upload=upload, progress=line)
            summary = pipeline.run(ids)
            print_summary(summary, names, imported.failed, stream=sys.stdout)
            ok = _show_store(StoreClient(credentials), verify_pdf)
    finally:
        ws.close()
    expected = len(ids)
    return 0 if ok == expected and not summary.failed and not imported.failed else 1


def _show_store(client, verify_pdf) -> int:  # type: ignore[no-untyped-def]
    """Print the store's listing and verify each stored PDF; returns how many are intact."""
    from dossier.demo_identity import is_demo_subject
    from dossier.fields import FIELD_LABELS
    from dossier.workspace import file_sha256

    documents = client.find_documents()
    _say(f"Kho dữ liệu có {len(documents)} tài liệu:")
    intact = 0
    logging.getLogger("pyhanko").setLevel(logging.CRITICAL)  # untrusted is expected: no tracebacks
    with tempfile.TemporaryDirectory(prefix="sohoa-demo-") as scratch:
        for item in documents:
            meta = item["metadata"]
            _say(f"- id {item['id']}  sha256 {item['sha256'][:16]}…  {item['bytes']} byte  "
                 f"loại: {meta.get('document_type', '?')}  {meta.get('pages')} trang")
            for name, value in meta.get("fields", {}).items():
                shown = "; ".join(value) if isinstance(value, list) else str(value)
                _say(f"    {FIELD_LABELS.get(name, name)}: {shown[:100]}")
            pdf = client.get_content(item["id"], Path(scratch) / f"{item['id']}.pdf")
            same = file_sha256(pdf) == item["sha256"]
            report = verify_pdf(pdf, [], check_revocation=False)
            for sig in report.signatures:
                demo = " (khóa DEMO)" if is_demo_subject(sig.signer_subject) else ""
                state = "NGUYÊN VẸN" if sig.intact else "BỊ THAY ĐỔI"
                trust = "không tin cậy" if not sig.trusted else "tin cậy"
                _say(f"    chữ ký PAdES {sig.level.value}: {state}, {trust}{demo}; "
                     f"tệp tải về {'khớp' if same else 'KHÔNG khớp'} sha256")
            if same and report.signatures and all(s.intact for s in report.signatures):
                intact += 1
    _say(f"Kiểm tra: {intact}/{len(documents)} tài liệu nguyên vẹn; chữ ký DEMO không được tin cậy "
         "(đúng như mong đợi: không có giá trị pháp lý).")
    return intact
