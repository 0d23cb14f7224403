"""How far each scanning batch has come: its pages scanned, processed, waiting for review,
signed and uploaded, and how many pages an hour the session has scanned.

An archivist running a long batch (hundreds of registers a day) watches these figures while
the pipeline works, so they are read with one grouped query over the indexed batch, document
and page columns, and nothing else: cheap enough to be asked every few seconds.

Counts are pages, as a person counts the paper: a page belongs to its document's batch, and is
"processed" once its OCR is saved (or its document has gone past processing), "waiting for
review" while its document is ``extracted``, "signed" once its document is signed or further,
"uploaded" once the store's receipt is recorded.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from dossier.model import VIETNAM, DocumentState, now_vn
from dossier.workspace import Workspace

_PAST_PROCESSING = tuple(s.value for s in DocumentState if s >= DocumentState.PROCESSED)
_SIGNED_OR_LATER = tuple(s.value for s in DocumentState if s >= DocumentState.SIGNED)


@dataclass(frozen=True)
class BatchCounts:
    """One batch and the pages of its documents in each stage (documents removed not counted)."""

    batch_id: int
    started_at: str
    operator: str
    device: str | None
    profile: str | None
    documents: int
    scanned: int
    processed: int
    waiting_review: int
    reviewed: int
    signed: int
    uploaded: int

    @property
    def done(self) -> bool:
        """Every page scanned is in the store."""
        return self.scanned > 0 and self.uploaded == self.scanned


def _marks(values: tuple[str, ...]) -> str:
    return ", ".join(f"'{v}'" for v in values)  # the states are our own enum's values, not input


_QUERY = f"""
SELECT b.id, b.started_at, b.operator, b.device, b.profile,
       COUNT(DISTINCT d.id),
       COUNT(p.id),
       COALESCE(SUM(p.id IS NOT NULL AND (p.ocr_path IS NOT NULL OR d.state IN ({_marks(_PAST_PROCESSING)}))), 0),
       COALESCE(SUM(p.id IS NOT NULL AND d.state = '{DocumentState.EXTRACTED.value}'), 0),
       COALESCE(SUM(p.id IS NOT NULL AND d.state = '{DocumentState.REVIEWED.value}'), 0),
       COALESCE(SUM(p.id IS NOT NULL AND d.state IN ({_marks(_SIGNED_OR_LATER)})), 0),
       COALESCE(SUM(p.id IS NOT NULL AND d.state = '{DocumentState.UPLOADED.value}'), 0)
FROM batches b
LEFT JOIN documents d ON d.batch_id = b.id AND d.removed = 0
LEFT JOIN pages p ON p.document_id = d.id AND p.removed = 0
WHERE b.id IN (SELECT id FROM batches ORDER BY id DESC LIMIT ?)
GROUP BY b.id
ORDER BY b.id DESC
"""


def batch_counts(workspace: Workspace, *, limit: int = 50) -> list[BatchCounts]:
    """The latest ``limit`` batches, newest first, with their page counts per stage."""
    with workspace.reading() as db:
        rows = db.execute(_QUERY, (limit,)).fetchall()
    return [BatchCounts(*row) for row in rows]


@dataclass(frozen=True)
class SessionRate:
    """Pages scanned since the session started, and the rate (None before a minute has passed:
    a rate over seconds says nothing about the day)."""

    since: datetime
    pages: int
    hours: float

    @property
    def pages_per_hour(self) -> float | None:
        return self.pages / self.hours if self.hours >= 1 / 60 else None


def session_rate(workspace: Workspace, since: datetime, now: datetime | None = None) -> SessionRate:
    """Pages added to the workspace since ``since`` (timezone-aware), per hour until ``now``.

    Page rows carry the time they were recorded in Vietnam time with its offset (``now_iso``),
    so comparing the ISO strings of one offset orders them in time.
    """
    if since.tzinfo is None:
        raise ValueError("the session start needs a time zone")
    now = now or now_vn()
    start = since.astimezone(VIETNAM).isoformat(timespec="milliseconds")
    with workspace.reading() as db:
        pages = db.execute("SELECT COUNT(*) FROM pages WHERE removed = 0 AND created_at >= ?", (start,)).fetchone()[0]
    return SessionRate(since, pages, max(0.0, (now - since).total_seconds() / 3600))


def format_table(counts: list[BatchCounts]) -> str:
    """The counts as a plain-text table (for a command line or a log)."""
    header = ("Đợt", "Bắt đầu", "Người quét", "Tài liệu", "Đã quét", "Đã nhận dạng", "Chờ kiểm tra",
              "Đã ký", "Đã gửi")
    rows = [header] + [(str(c.batch_id), c.started_at[:16].replace("T", " "), c.operator, str(c.documents),
                        str(c.scanned), str(c.processed), str(c.waiting_review), str(c.signed), str(c.uploaded))
                       for c in counts]
    widths = [max(len(row[i]) for row in rows) for i in range(len(header))]
    return "\n".join("  ".join(cell.ljust(w) for cell, w in zip(row, widths)).rstrip() for row in rows)


__all__ = ["BatchCounts", "SessionRate", "batch_counts", "format_table", "session_rate"]
