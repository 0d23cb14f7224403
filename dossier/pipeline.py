"""The pipeline: each document from its page images to a stored, signed record, resumable.

    captured → processed → extracted → reviewed → signed → queued → uploaded

Every step writes its files durably, then commits the state it reached (``Workspace``), and
every step starts by looking at what is already there, so a crash or a power cut at any
moment is resumed by running the pipeline again:

- **processed**: each page is OCR'd once. Its words (``dossier.page_words``) and its one-page
  searchable PDF are saved per page, so after a crash only the pages in flight are OCR'd
  again; the document's PDF is assembled from the pages' PDFs.
- **extracted**: ``ocr.extract.extract_pages`` on the saved words (no OCR).
- **reviewed**: by a person, or with ``auto_accept`` by the rule of ``dossier.review_rule``;
  otherwise the document waits in ``extracted``.
- **signed**: on the token's serial lane (``dossier.signing_lane``), one PIN for the batch.
- **queued → uploaded**: through the durable outbox (``dossier.upload_lane``), exactly once.

Work streams: pages go to the OCR pool (``ocr.job.OcrPool``, one Tesseract per core) in
document order, and a scan in progress feeds its pages as they land (``Pipeline.feed``), so
page 1 is read while the feeder still pulls page 20; when a document's last page is back, it
is assembled, extracted and reviewed on this thread and handed to the signing thread, which
hands it to the upload thread, while the pool already reads the next documents. Progress and cancel are plain callbacks and an
Event, so the desktop uses this same core from a worker thread; nothing here imports Qt.

Each page OCR'd is recorded in the workspace's OCR journal (``ocr-journal.log``: ``start``
when a page goes to a worker, ``done`` once its result is committed), which is how the
benchmarks prove that no finished OCR is ever redone.
"""
from __future__ import annotations

import json
import logging
import os
import queue
import tempfile
import threading
import time
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from datastore.blobs import fsync_dir
from datastore.masking import mask_personal_ids
from ocr.errors import PageError
from ocr.extract.document import extract_pages
from ocr.extract.profile import DEFAULT_PROFILE, load_profile
from ocr.job import OcrPool, PageJob
from ocr.pdfa import PageSource, assemble
from ocr.report import OcrOptions, PageReport
from ocr.sources import list_pages

from dossier.model import Document, DocumentState, Page
from dossier.page_words import page_words_json, read_page_words
from dossier.record_metadata import kind_for
from dossier.review_rule import review_verdict
from dossier.signing_lane import Signer, SigningLane
from dossier.upload_lane import Upload, UploadLane
from dossier.workspace import Workspace, WorkspaceError

JOURNAL_NAME = "ocr-journal.log"
SCRATCH_PREFIX = ".ocr-"  # a run's folder for the workers' page PDFs, removed when the run ends
LOCK_NAME = "pipeline.lock"
log = logging.getLogger("sohoa.pipeline")


@dataclass(frozen=True)
class PipelineOptions:
    profile: str = DEFAULT_PROFILE  # extraction rule tables (ocr/extract/profiles)
    auto_accept: bool = False
    pdfa: bool = True  # records for the data store and the archive are PDF/A-2b
    ocr: OcrOptions = OcrOptions()
    today: date | None = None  # for date checks; default today


@dataclass(frozen=True)
class Progress:
    """One step of one document, for a progress line or the GUI's list.

    ``event``: ``page`` (a page OCR'd), ``processed``, ``extracted``, ``accepted``, ``waiting``
    (for review), ``signed``, ``uploaded``, ``failed``. Sent from the pipeline's threads (this
    one, the signing and upload threads), one at a time.
    """

    event: str
    document_id: int
    state: DocumentState
    detail: str = ""
    pages_done: int = 0
    pages_total: int = 0


ProgressCallback = Callable[[Progress], None]


@dataclass
class Summary:
    """What a run achieved for its documents (the whole workspace's state, not just this run)."""

    documents: int = 0
    pages: int = 0
    pages_ocr: int = 0  # pages OCR'd by this run
    accepted: int = 0
    accepted_automatically: int = 0
    waiting: dict[int, tuple[str, ...]] = field(default_factory=dict)  # document id -> reasons
    signed: int = 0
    uploaded: int = 0
    failed: dict[int, str] = field(default_factory=dict)  # document id -> last error
    seconds: float = 0.0
    cancelled: bool = False
    by_state: dict[str, int] = field(default_factory=dict)

    def to_json(self) -> dict:
        return {"documents": self.documents, "pages": self.pages, "pages_ocr": self.pages_ocr,
                "accepted": self.accepted, "accepted_automatically": self.accepted_automatically,
                "waiting_for_review": {str(k): list(v) for k, v in self.waiting.items()},
                "signed": self.signed, "uploaded": self.uploaded,
                "failed": {str(k): v for k, v in self.failed.items()}, "by_state": self.by_state,
                "seconds": round(self.seconds, 2), "cancelled": self.cancelled}


class Cancelled(Exception):
    """The run was cancelled; everything already done is kept and resumed next run."""


class PipelineBusy(RuntimeError):
    """Another run holds the workspace: two runs would OCR the same pages and sign twice."""


@contextmanager
def pipeline_lock(root: Path) -> Iterator[None]:
    """One run at a time per workspace, across processes: a lock on ``pipeline.lock`` that the
    system releases when its holder ends, however it ends (a kill -9 leaves nothing stale)."""
    handle = open(root / LOCK_NAME, "a+b")
    try:
        try:
            if os.name == "posix":
                import fcntl

                fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
            else:
                import msvcrt

                msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)
        except OSError:
            raise PipelineBusy("kho làm việc đang được một lượt xử lý khác dùng (sohoa process hoặc ứng dụng); "
                               "chờ lượt đó xong rồi chạy lại") from None
        yield
    finally:
        handle.close()


class Pipeline:
    """Runs documents of ``ws`` through the states. One run at a time per workspace."""

    def __init__(self, ws: Workspace, options: PipelineOptions = PipelineOptions(), *,
                 signer: Signer | None = None, upload: Upload | None = None,
                 progress: ProgressCallback | None = None, cancel: threading.Event | None = None,
                 pool: OcrPool | None = None) -> None:
        """``pool``: OCR workers the caller started already (``OcrPool.start``), with
        ``options.ocr.for_extraction()``; the pipeline closes them when its pages are read."""
        load_profile(options.profile)  # an unknown profile fails now, before any work
        self.ws = ws
        self.options = options
        self.signer = signer
        self.upload = upload
        self.cancel = cancel or threading.Event()
        self._progress = progress
        self._emit_lock = threading.Lock()
        self._journal_lock = threading.Lock()
        self._ocr_options = options.ocr.for_extraction()
        if pool is not None and pool.options != self._ocr_options:
            raise ValueError("the OCR pool was started with other options than this pipeline's")
        self._pool: OcrPool | None = pool  # started early by the caller, or at the first page
        self._waiting_pages: dict[int, set[int]] = {}  # document id -> pages queued or in the pool
        self._todo: deque[tuple[int, Page]] = deque()  # pages to hand to the pool, in document order
        self._failed: dict[int, str] = {}
        self._waiting: dict[int, tuple[str, ...]] = {}
        self._signing: SigningLane | None = None
        self._uploading: UploadLane | None = None
        self._pages_ocr = 0
        self._scratch: Path | None = None
        self._accepted: queue.Queue[int] = queue.Queue()
        self._fed: queue.Queue[tuple[int, bool]] = queue.Queue()
        self._open: set[int] = set()  # documents still being scanned: more pages to come
        self._ids: list[int] = []
        self._until_reviewed = False
        self._data_version: int | None = None
        self._fed_all: threading.Event | None = None
        self._closing: list[threading.Thread] = []  # pools being closed

    # -- the run ---------------------------------------------------------------------------

    def run(self, document_ids: Sequence[int], *, until_reviewed: bool = False,
            fed_all: threading.Event | None = None) -> Summary:
        """Take each document as far as it can go; returns the summary. Raises the signer's
        SigningError (a wrong PIN, no token) before any document is touched, and PipelineBusy
        when another run holds the workspace.

        A document that waits for review and is accepted meanwhile (``accepted()``, or by a
        person in another process: the workspace is looked at every second) is signed and
        uploaded in this run. With ``until_reviewed`` the run does not end while documents
        wait for review (the desktop's batch, where the clerk reviews as OCR goes on); only
        ``cancel`` ends it then.

        With ``fed_all``, more documents are on their way through ``feed()`` (``sohoa process``
        imports its files while the first ones are already in OCR): the run does not end
        before the event is set.
        """
        with pipeline_lock(self.ws.root):
            return self._run(document_ids, until_reviewed, fed_all)

    def _run(self, document_ids: Sequence[int], until_reviewed: bool,
             fed_all: threading.Event | None = None) -> Summary:
        started = time.monotonic()
        self._ids = ids = list(dict.fromkeys(document_ids))
        cancelled = False
        self._until_reviewed = until_reviewed
        self._fed_all = fed_all
        # What a run learns stays with the run: a document that failed is tried again next time.
        self._failed, self._waiting, self._waiting_pages, self._open = {}, {}, {}, set()
        self._todo.clear()
        self._pages_ocr = 0
        try:
            self._start_lanes()
            _drop_stale_scratch(self.ws.root)
            self._scratch = Path(tempfile.mkdtemp(prefix=SCRATCH_PREFIX, dir=self.ws.root))
            for document_id in ids:
                self._check_cancel()
                self._advance(document_id)
            self._drain_pool()
        except Cancelled:
            cancelled = True
        finally:
            self._stop(kill=cancelled or self.cancel.is_set())
        summary = self._summary(self._ids)
        summary.seconds = time.monotonic() - started
        summary.cancelled = cancelled
        return summary

    def _start_lanes(self) -> None:
        if self.signer is not None:
            lane = SigningLane(self.ws, self.signer, self._signed, self.cancel)
            lane.start()  # a refused PIN stops the run here, before anything is done
            self._signing = lane
        if self.upload is not None:
            uploading = UploadLane(self.ws, self.upload, self._uploaded, self.cancel)
            uploading.start()
            self._uploading = uploading

    def _stop(self, *, kill: bool) -> None:
        # The workers' exit (0.3 s) overlaps the last documents' signing and upload.
        self._close_pool(kill=kill)
        # Signing first: what it signs it hands to the uploader, which must still be there.
        if self._signing is not None:
            self._signing.finish()
        if self._uploading is not None:
            self._uploading.finish()
        while self._closing:
            self._closing.pop().join()  # the workers are gone before their scratch folder goes
        if self._scratch is not None:
            import shutil

            shutil.rmtree(self._scratch, ignore_errors=True)

    def _close_pool(self, *, kill: bool = False) -> None:
        """Stop the OCR workers on a thread of their own (joined by ``_stop``); a page that
        needs OCR later (a page operation during review) starts a new pool."""
        pool, self._pool = self._pool, None
        if pool is not None:
            closer = threading.Thread(target=pool.close, kwargs={"kill": kill}, name="sohoa-ocr-close")
            closer.start()
            self._closing.append(closer)

    def _check_cancel(self) -> None:
        if self.cancel.is_set():
            raise Cancelled()

    # -- one document, as far as it goes -----------------------------------------------------

    def _advance(self, document_id: int) -> None:
        """Do the next steps of a document that need no OCR; queue its pages that do."""
        try:
            while True:
                document = self.ws.get_document(document_id)
                state = document.state
                if state is DocumentState.CAPTURED:
                    if self._submit_pages(document) or document_id in self._open:
                        return  # back here when its last page is OCR'd, or the scan has ended
                    self._assemble(document)
                elif state is DocumentState.PROCESSED:
                    self._extract(document)
                elif state is DocumentState.EXTRACTED:
                    if not self._review(document):
                        return
                elif state is DocumentState.REVIEWED:
                    if self._signing is not None:
                        self._signing.submit(document_id)
                    return
                elif state in (DocumentState.SIGNED, DocumentState.QUEUED):
                    if self._uploading is not None:
                        self._uploading.submit(document_id)
                    return
                else:
                    return
        except (PageError, OSError, WorkspaceError) as exc:
            self._fail(document_id, _reason(exc))
        except Exception as exc:  # noqa: BLE001 - one document's trouble must not stop the batch
            log.debug("document %s: unexpected error", document_id, exc_info=True)
            self._fail(document_id, f"lỗi không mong đợi ({type(exc).__name__}: {exc}); tài liệu giữ "
                                    "nguyên trạng thái, chạy lại sau khi sửa lỗi")

    def _submit_pages(self, document: Document) -> bool:
        """Queue the pages still without OCR for the pool; False when there are none."""
        pages = [p for p in self.ws.pages_without_ocr(document.id) if not p.separator]
        if not pages:
            return False
        waiting = self._waiting_pages.setdefault(document.id, set())
        for page in pages:
            if page.id not in waiting:
                waiting.add(page.id)
                self._todo.append((document.id, page))
        self._feed()
        return True

    def _feed(self) -> None:
        """Hand queued pages to the pool as its workers free up, in document order: a page is
        journalled ``start`` when it really goes to a worker, and at most two a worker are in
        flight, so a crash loses little work."""
        if not self._todo:
            return
        if self._pool is None:
            self._pool = OcrPool(self._ocr_options)
        limit = 2 * self._ocr_options.workers
        while self._todo and self._pool.pending < limit:
            document_id, page = self._todo.popleft()
            if document_id in self._failed:
                continue
            try:
                ref = self._page_ref(page)
            except (PageError, OSError) as exc:
                self._fail(document_id, _reason(exc))
                continue
            self._journal("start", page)
            self._pool.submit(PageJob(key=(document_id, page.id), ref=ref, number=page.id,
                                      workdir=self._scratch))  # type: ignore[arg-type]

    def _page_ref(self, page: Page):  # -> ocr.sources.PageRef
        path = self.ws.path(page.image_path)
        if page.rotation:
            path = self._rotated(page, path)
        refs = list_pages(path, force=True)
        return refs[0]

    def _rotated(self, page: Page, path: Path) -> Path:
        """The clerk's quarter-turn applied to a copy, for OCR (the page file stays as scanned)."""
        from ocr.loading import load_page

        import cv2

        loaded = load_page(list_pages(path, force=True)[0])
        turns = {90: cv2.ROTATE_90_CLOCKWISE, 180: cv2.ROTATE_180, 270: cv2.ROTATE_90_COUNTERCLOCKWISE}
        target = self._scratch / f"rotated-{page.id}.png"  # type: ignore[operator]
        from PIL import Image

        image = cv2.rotate(loaded.image, turns[page.rotation])
        if image.ndim == 3:
            image = cv2.cvtColor(image, cv2.COLOR_BGR2RGB)
        Image.fromarray(image).save(target, dpi=(loaded.dpi, loaded.dpi), compress_level=1)
        return target

    def accepted(self, document_id: int) -> None:
        """A person accepted a waiting document (``Workspace.accept_review``): sign and upload
        it in this run. Any thread."""
        self._accepted.put(document_id)

    def feed(self, document_id: int, *, complete: bool = True) -> None:
        """Add a document to the running batch, from any thread. A scan in progress feeds its
        document after each page with ``complete=False`` (the page goes to OCR at once, while
        the scanner reads the next; the run waits for the rest) and once more when the scan
        ends; page 1 is then long read when the last page comes out of the feeder."""
        self._fed.put((document_id, complete))

    def _take_fed(self, wait: float = 0.0) -> None:
        """Advance the documents fed since the last look; ``wait`` for the first one when
        none is there yet (a wake-up on the next feed rather than a fixed sleep)."""
        while True:
            try:
                document_id, complete = self._fed.get(timeout=wait) if wait else self._fed.get_nowait()
            except queue.Empty:
                return
            wait = 0.0
            if document_id not in self._ids:
                self._ids.append(document_id)
            if complete:
                self._open.discard(document_id)
            else:
                self._open.add(document_id)
            self._advance(document_id)

    def _feeding(self) -> bool:
        """More documents are still to be fed (``run(fed_all=…)`` not yet set)."""
        return self._fed_all is not None and not self._fed_all.is_set()

    def _drain_pool(self) -> None:
        """Collect OCR results until every page is done, picking up reviews as they come."""
        last_look = 0.0
        while True:
            self._check_cancel()
            look = time.monotonic() - last_look >= 1.0
            self._pick_up_reviews(look_in_workspace=look)
            last_look = time.monotonic() if look else last_look
            self._take_fed()
            self._feed()
            if self._pool is not None and self._pool.pending:
                # While files are still being imported, look for newly fed ones more often:
                # a worker may be idle waiting for them.
                for job, report in self._pool.results(timeout=0.05 if self._feeding() else 0.2):
                    self._check_cancel()
                    document_id, page_id = job.key  # type: ignore[misc]
                    self._page_done(document_id, page_id, report)
                self._feed()
            elif self._open or self._feeding() or (self._until_reviewed and self._waiting):
                # pages still being scanned or files imported, or documents with the clerk
                if self._pool is not None and not self._todo and not self._open and not self._feeding():
                    self._close_pool()  # every page is read: the workers go while the clerk reviews
                self._take_fed(wait=0.05)
                if self._waiting and self._workspace_changed():
                    # The last documents of a batch are signed as soon as the clerk accepts them,
                    # not at the next one-second look: a commit is seen within this 50 ms wait.
                    self._pick_up_reviews(look_in_workspace=True)
                    last_look = time.monotonic()
            else:  # fed_all was set before this look: whatever was fed is in the queue now
                self._pick_up_reviews(look_in_workspace=True)
                self._take_fed()
                if not self._todo and not self._open and not (self._pool is not None and self._pool.pending):
                    return

    def _workspace_changed(self) -> bool:
        """Whether any connection committed since the last call (SQLite's ``data_version``,
        one cheap pragma): a review accepted in another process, or this run's own writes."""
        with self.ws.reading() as db:
            version = db.execute("PRAGMA data_version").fetchone()[0]
        changed, self._data_version = version != self._data_version, version
        return changed

    def _pick_up_reviews(self, *, look_in_workspace: bool) -> None:
        candidates: set[int] = set()
        while True:
            try:
                candidates.add(self._accepted.get_nowait())
            except queue.Empty:
                break
        if look_in_workspace:
            candidates.update(self._waiting)
        for document_id in sorted(candidates):
            try:
                state = self.ws.get_document(document_id).state
            except WorkspaceError:
                self._waiting.pop(document_id, None)
                continue
            if state is not DocumentState.EXTRACTED:  # reviewed, or sent back by a page operation
                self._waiting.pop(document_id, None)
                self._advance(document_id)

    def _page_done(self, document_id: int, page_id: int, report: PageReport) -> None:
        waiting = self._waiting_pages.get(document_id, set())
        waiting.discard(page_id)
        try:
            if report.pdf is None or not Path(report.pdf).exists():
                raise PageError(report.source, report.source_page, report.error or "the page could not be read")
            data = json.dumps(page_words_json(report), ensure_ascii=False, separators=(",", ":")).encode()
            page = self.ws.save_page_ocr(page_id, data, suffix=".json", cleaned=Path(report.pdf))
            Path(report.pdf).unlink(missing_ok=True)
            self._journal("done", page)
            self._pages_ocr += 1
        except (PageError, OSError, WorkspaceError) as exc:
            self._fail(document_id, _reason(exc))
            return
        total = len(self.ws.pages_of(document_id))
        self._emit("page", document_id, DocumentState.CAPTURED, f"trang {page.position}",
                   pages_done=total - len(self.ws.pages_without_ocr(document_id)), pages_total=total)
        if not waiting and document_id not in self._failed:
            self._advance(document_id)

    def _assemble(self, document: Document) -> None:
        pages = [p for p in self.ws.pages_of(document.id) if not p.separator]
        if not pages:
            raise WorkspaceError(f"tài liệu số {document.id} không có trang nào")
        missing = [p.position for p in pages if not p.cleaned_path]
        if missing:
            raise WorkspaceError(f"trang {', '.join(map(str, missing))} chưa có kết quả nhận dạng")
        folder = self.ws.document_dir(document.id)
        output = folder / "document.pdf"
        assemble([PageSource(self.ws.path(p.cleaned_path)) for p in pages], output,  # type: ignore[arg-type]
                 title=f"SoHoa – tài liệu {document.id}", pdfa=self.options.pdfa)
        fsync_dir(folder)
        self.ws.attach_pdf(document.id, output, state=DocumentState.PROCESSED)
        self._emit("processed", document.id, DocumentState.PROCESSED, f"{len(pages)} trang")

    def _extract(self, document: Document) -> None:
        pages = [p for p in self.ws.pages_of(document.id) if not p.separator]
        words = [read_page_words(self.ws.path(p.ocr_path), i + 1)[0]  # type: ignore[arg-type]
                 for i, p in enumerate(pages)]
        result = extract_pages(words, profile=self.options.profile, today=self.options.today)
        self.ws.save_extraction(document.id, result.to_json())
        kind = kind_for(result.document_type)
        if document.dossier_id is None and document.kind != kind:
            self.ws.update_document(document.id, kind=kind)
        self._emit("extracted", document.id, DocumentState.EXTRACTED, result.document_type)

    def _review(self, document: Document) -> bool:
        """Accept automatically when the rule allows; False when the document waits for a person."""
        extraction = self.ws.extraction(document.id) or {}
        verdict = review_verdict(extraction, self._failed_pages(document))
        if self.options.auto_accept and verdict.accept:
            self.ws.accept_review(document.id, automatic=True)
            self._emit("accepted", document.id, DocumentState.REVIEWED, "tự động")
            return True
        reasons = verdict.reasons or ("chưa chạy với --auto-accept",)
        self._waiting[document.id] = reasons
        self._emit("waiting", document.id, DocumentState.EXTRACTED, "; ".join(reasons))
        return False

    def _failed_pages(self, document: Document) -> list[int]:
        failed = []
        for index, page in enumerate(p for p in self.ws.pages_of(document.id) if not p.separator):
            if page.ocr_path:
                try:
                    if json.loads(self.ws.path(page.ocr_path).read_text(encoding="utf-8")).get("status") == "failed":
                        failed.append(index + 1)
                except (OSError, ValueError):
                    failed.append(index + 1)
        return failed

    # -- callbacks of the lanes (their threads) -----------------------------------------------

    def _signed(self, document_id: int, error: str | None) -> None:
        if error is not None:
            self._failed[document_id] = error
            self._emit("failed", document_id, DocumentState.REVIEWED, error)
            return
        self._emit("signed", document_id, DocumentState.SIGNED)
        if self._uploading is not None:
            self._uploading.submit(document_id)

    def _uploaded(self, document_id: int, error: str | None) -> None:
        if error is not None:
            self._failed[document_id] = error
            self._emit("failed", document_id, self.ws.get_document(document_id).state, error)
            return
        self._emit("uploaded", document_id, DocumentState.UPLOADED)

    # -- bookkeeping -------------------------------------------------------------------------

    def _fail(self, document_id: int, reason: str) -> None:
        reason = mask_personal_ids(reason)
        self._failed[document_id] = reason
        try:
            state = self.ws.record_failure(document_id, reason).state
        except WorkspaceError:
            state = DocumentState.CAPTURED
        self._emit("failed", document_id, state, reason)

    def _emit(self, event: str, document_id: int, state: DocumentState, detail: str = "", *,
              pages_done: int = 0, pages_total: int = 0) -> None:
        if self._progress is None:
            return
        with self._emit_lock:
            self._progress(Progress(event, document_id, state, detail, pages_done, pages_total))

    def _journal(self, what: str, page: Page) -> None:
        line = f"{what} {page.id} {page.image_sha256[:16]} {time.time():.3f}\n"
        with self._journal_lock, open(self.ws.root / JOURNAL_NAME, "a", encoding="ascii") as handle:
            handle.write(line)

    def _summary(self, ids: list[int]) -> Summary:
        summary = Summary(pages_ocr=self._pages_ocr)
        for document_id in ids:
            try:
                document = self.ws.get_document(document_id)
            except WorkspaceError:
                continue
            summary.documents += 1
            summary.pages += len([p for p in self.ws.pages_of(document_id) if not p.separator])
            summary.by_state[document.state.value] = summary.by_state.get(document.state.value, 0) + 1
            if document.state >= DocumentState.REVIEWED:
                summary.accepted += 1
                summary.accepted_automatically += int(document.review_automatic)
            if document.state is DocumentState.EXTRACTED:
                summary.waiting[document_id] = self._waiting.get(document_id) or ("chờ người duyệt",)
            if document.state >= DocumentState.SIGNED:
                summary.signed += 1
            if document.state is DocumentState.UPLOADED:
                summary.uploaded += 1
            elif document.last_error:
                summary.failed[document_id] = document.last_error
        return summary


def _drop_stale_scratch(root: Path) -> None:
    """Remove the scratch folders of runs that were killed (their page PDFs are in the
    workspace or will be made again): only runs make them, and this run holds the lock."""
    import shutil

    for path in root.glob(SCRATCH_PREFIX + "*"):
        if path.is_dir():
            shutil.rmtree(path, ignore_errors=True)


def _reason(exc: BaseException) -> str:
    if isinstance(exc, PageError):
        return f"không đọc được trang: {exc}"
    if isinstance(exc, OSError):
        return f"lỗi đọc/ghi tệp: {exc.strerror or exc}"
    return str(exc)
