"""Quality control of a batch before it is signed: a random sample of its reviewed documents
is checked a second time, and each is passed or sent back for correction.

Everything is recorded in the workspace's audit trail, in the transaction of the change it
records, so the record of the check is the same append-only, hash-chained history as the rest
of the work, and a restart (or another window on the same workspace) shows the same sample:

* ``quality.sampled`` (no document; details: batch, percent, pool, documents) — the sample,
  drawn once per batch; documents reviewed after it get a supplementary draw of their own
  (``supplement``: true), so a batch reviewed while it is checked is sampled whole. The draw is seeded with the batch and the documents it was drawn from,
  so it can be re-drawn and compared by an auditor; the recorded list is what counts.
* ``quality.passed`` / ``quality.sent_back`` (on the document; details: batch, note) — the
  checker's verdict. A document sent back returns to ``extracted`` in the same transaction,
  so the reviewer corrects it and accepts it again; it then needs a new ``passed`` before the
  batch is cleared.

A batch is cleared for signing when its sample is drawn and every sampled document's latest
verdict is ``passed``. A share of 0 % turns quality control off.
"""
from __future__ import annotations

import hashlib
import json
import math
import random
from dataclasses import dataclass
from enum import Enum

from dossier import audit
from dossier.model import DocumentState
from dossier.workspace import Workspace, WorkspaceError

SAMPLED = "quality.sampled"
PASSED = "quality.passed"
SENT_BACK = "quality.sent_back"


class QualityError(WorkspaceError):
    """A check that cannot be made as asked; the message is Vietnamese, for the checker."""


class Verdict(str, Enum):
    PENDING = "pending"  # not checked yet
    PASSED = "passed"
    SENT_BACK = "sent_back"  # back with the reviewer (or reviewed again: to be checked again)


@dataclass(frozen=True)
class Sample:
    """A batch's quality-control sample as recorded, with each document's latest verdict."""

    batch_id: int
    percent: int
    pool: int  # reviewed documents the sample was drawn from
    document_ids: tuple[int, ...]
    drawn_at: str
    drawn_by: str
    verdicts: dict[int, Verdict]
    late: int = 0  # documents reviewed after the last draw: a supplementary sample is due

    @property
    def cleared(self) -> bool:
        return not self.late and all(self.verdicts[d] is Verdict.PASSED for d in self.document_ids)

    @property
    def checked(self) -> int:
        return sum(1 for d in self.document_ids if self.verdicts[d] is Verdict.PASSED)


def sample_size(pool: int, percent: int) -> int:
    """``percent`` of ``pool`` rounded up, at least one document (none when the pool is empty or
    the share is 0 %, quality control off)."""
    if not 0 <= percent <= 100:
        raise QualityError("tỷ lệ kiểm tra lại phải từ 0 đến 100 %")
    if pool <= 0 or percent == 0:
        return 0
    return min(pool, max(1, math.ceil(pool * percent / 100)))


def draw(batch_id: int, pool: list[int], percent: int) -> tuple[int, ...]:
    """The sample of ``pool`` (document ids), the same for the same batch and pool, in id order."""
    ids = sorted(pool)
    seed = hashlib.sha256(f"sohoa-qc:{batch_id}:{','.join(map(str, ids))}".encode()).digest()
    return tuple(sorted(random.Random(seed).sample(ids, sample_size(len(ids), percent))))


def _sample_events(db, batch_id: int) -> list[tuple[int, str, str, dict]]:  # type: ignore[no-untyped-def]
    """The batch's draws, oldest first: the first sample and any supplementary ones."""
    # A sample event has no document: found by its action, then its batch in the details.
    found = []
    for seq, at, who, details in db.execute(
            "SELECT seq, at, who, details FROM audit_events WHERE action = ? ORDER BY seq", (SAMPLED,)):
        data = json.loads(details)
        if data.get("batch") == batch_id:
            found.append((seq, at, who, data))
    return found


def _late(db, batch_id: int, sampled: tuple[int, ...], after: int) -> list[int]:  # type: ignore[no-untyped-def]
    """Reviewed documents of the batch outside the sample, accepted after the last draw."""
    rows = db.execute(
        "SELECT d.id FROM documents d WHERE d.batch_id = ? AND d.state = ? AND d.removed = 0 AND "
        "(SELECT MAX(a.seq) FROM audit_events a WHERE a.document_id = d.id AND a.action = 'document.reviewed') > ?",
        (batch_id, DocumentState.REVIEWED.value, after))
    return [row[0] for row in rows if row[0] not in sampled]


def _load(db, batch_id: int) -> tuple[Sample, list[int]] | None:  # type: ignore[no-untyped-def]
    draws = _sample_events(db, batch_id)
    if not draws:
        return None
    ids = tuple(int(i) for _, _, _, data in draws for i in data.get("documents", []))
    verdicts = dict.fromkeys(ids, Verdict.PENDING)
    if ids:
        marks = ", ".join("?" * len(ids))
        rows = db.execute(f"SELECT document_id, action FROM audit_events WHERE document_id IN ({marks}) "
                          "AND seq > ? AND action IN (?, ?) ORDER BY seq", (*ids, draws[0][0], PASSED, SENT_BACK))
        for document_id, action in rows:
            verdicts[document_id] = Verdict.PASSED if action == PASSED else Verdict.SENT_BACK
    late = _late(db, batch_id, ids, draws[-1][0])
    first = draws[0]
    sample = Sample(batch_id, int(first[3].get("percent", 0)), sum(int(d[3].get("pool", 0)) for d in draws), ids,
                    first[1], first[2], verdicts, len(late))
    return sample, late


def load_sample(workspace: Workspace, batch_id: int) -> Sample | None:
    """The batch's recorded sample with its verdicts, or None when none was drawn yet."""
    with workspace.reading() as db:
        loaded = _load(db, batch_id)
    return loaded[0] if loaded else None


def draw_sample(workspace: Workspace, batch_id: int, percent: int, *, who: str | None = None) -> Sample:
    """The batch's sample: the one recorded, else drawn now from its reviewed documents and
    recorded. Documents reviewed after the last draw get a supplementary sample of their own
    (same share, at least one), so none reaches signing unsampled. QualityError when the batch
    has no reviewed document to draw from."""
    existing = load_sample(workspace, batch_id)
    if existing is not None and not existing.late:
        return existing
    workspace.get_batch(batch_id)  # an unknown batch is refused here, in Vietnamese
    sample_size(1, percent)  # a share out of range is refused before anything is written
    with workspace.writing() as db:
        loaded = _load(db, batch_id)  # again inside the transaction: another window may have drawn
        if loaded is None:
            pool = [row[0] for row in db.execute(
                "SELECT id FROM documents WHERE batch_id = ? AND state = ? AND removed = 0",
                (batch_id, DocumentState.REVIEWED.value))]
            if not pool:
                raise QualityError(f"đợt quét số {batch_id} chưa có tài liệu nào đã kiểm tra để lấy mẫu")
            extra: dict[str, bool] = {}
        else:  # the documents reviewed since the last draw (none: another window drew them)
            pool, percent, extra = loaded[1], loaded[0].percent, {"supplement": True}  # the batch's share
        if pool:
            audit.append(db, who or workspace.user, SAMPLED,
                         details={"batch": batch_id, "percent": percent, "pool": len(pool),
                                  "documents": list(draw(batch_id, pool, percent)), **extra})
    sample = load_sample(workspace, batch_id)
    assert sample is not None
    return sample


def _check(workspace: Workspace, batch_id: int, document_id: int) -> None:
    sample = load_sample(workspace, batch_id)
    if sample is None:
        raise QualityError(f"đợt quét số {batch_id} chưa lấy mẫu kiểm tra")
    if document_id not in sample.document_ids:
        raise QualityError(f"tài liệu số {document_id} không nằm trong mẫu kiểm tra của đợt {batch_id}")


def mark_passed(workspace: Workspace, batch_id: int, document_id: int, *, who: str | None = None) -> Sample:
    """The checker found the document right. Only a ``reviewed`` document can pass: one sent
    back must be corrected and accepted again first."""
    _check(workspace, batch_id, document_id)
    with workspace.writing() as db:
        document = workspace.get_document(document_id)
        if document.state is not DocumentState.REVIEWED:
            raise QualityError(f"tài liệu số {document_id} đang chờ sửa, chưa kiểm tra lại được"
                               if document.state < DocumentState.REVIEWED else
                               f"tài liệu số {document_id} đã được ký, không còn kiểm tra lại được")
        audit.append(db, who or workspace.user, PASSED, document_id=document_id,
                     document_sha256=document.sha256, details={"batch": batch_id})
    return load_sample(workspace, batch_id)  # type: ignore[return-value]


def send_back(workspace: Workspace, batch_id: int, document_id: int, note: str = "", *,
              who: str | None = None) -> Sample:
    """The checker found a mistake: the document returns to ``extracted`` for correction, its
    last error saying why, and the verdict is recorded, all in one transaction."""
    _check(workspace, batch_id, document_id)
    who = who or workspace.user
    reason = f"trả lại khi kiểm tra chất lượng: {note.strip()}" if note.strip() else \
        "trả lại khi kiểm tra chất lượng"
    with workspace.writing() as db:
        document = workspace.get_document(document_id)
        if document.state is not DocumentState.REVIEWED:
            raise QualityError(f"tài liệu số {document_id} không ở trạng thái đã kiểm tra, không trả lại được")
        workspace.set_state(document_id, DocumentState.EXTRACTED, expected=DocumentState.REVIEWED, who=who)
        workspace.record_failure(document_id, reason, who=who)
        audit.append(db, who, SENT_BACK, document_id=document_id, document_sha256=document.sha256,
                     details={"batch": batch_id, "note": note.strip()})
    return load_sample(workspace, batch_id)  # type: ignore[return-value]


def blocking_reason(workspace: Workspace, batch_id: int | None, percent: int) -> str | None:
    """Why the batch's documents may not be signed yet (Vietnamese), or None when they may:
    no batch, quality control off, or every sampled document passed."""
    if batch_id is None or percent == 0:
        return None
    sample = load_sample(workspace, batch_id)
    if sample is None:
        return f"đợt quét số {batch_id} chưa được kiểm tra chất lượng (chưa lấy mẫu {percent} %)"
    if sample.late:
        return (f"đợt quét số {batch_id} có {sample.late} tài liệu kiểm tra sau khi lấy mẫu, "
                f"chưa lấy mẫu bổ sung")
    left = len(sample.document_ids) - sample.checked
    if left:
        return f"đợt quét số {batch_id} còn {left}/{len(sample.document_ids)} tài liệu mẫu chưa kiểm tra đạt"
    return None


def cleared_for_signing(workspace: Workspace, batch_id: int | None, percent: int) -> bool:
    return blocking_reason(workspace, batch_id, percent) is None


__all__ = ["PASSED", "SAMPLED", "SENT_BACK", "QualityError", "Sample", "Verdict", "blocking_reason",
           "cleared_for_signing", "draw", "draw_sample", "load_sample", "mark_passed", "sample_size", "send_back"]
