"""Quality control of a batch: the sample's size and reproducibility, its record surviving a
reopening of the workspace, a sent-back document back in ``extracted`` with its audit events,
and the batch cleared for signing only once every sampled document passed."""
from __future__ import annotations

from pathlib import Path

import pytest

from dossier import audit
from dossier.model import DocumentState
from dossier.quality import (QualityError, Verdict, blocking_reason, cleared_for_signing, draw, draw_sample,
                             load_sample, mark_passed, sample_size, send_back)
from dossier.workspace import Workspace


def reviewed_batch(ws: Workspace, image: Path, documents: int) -> tuple[int, list[int]]:
    batch = ws.create_batch(device="sane:test:0")
    dossier = ws.create_dossier()
    ids = []
    for _ in range(documents):
        document = ws.add_document(dossier.id, batch_id=batch.id)
        ws.add_page(document.id, image)
        ws.save_extraction(document.id, {"document_type": "decision", "fields": {}, "problems": []})
        ws.accept_review(document.id, who="Trần Văn Đức")
        ids.append(document.id)
    return batch.id, ids


@pytest.mark.parametrize(("pool", "percent", "size"), [(20, 10, 2), (21, 10, 3), (5, 10, 1), (3, 100, 3),
                                                       (7, 0, 0), (0, 50, 0)])
def test_sample_size_is_rounded_up_and_at_least_one(pool: int, percent: int, size: int) -> None:
    assert sample_size(pool, percent) == size


def test_the_draw_is_reproducible_and_differs_between_batches() -> None:
    pool = list(range(100, 140))
    assert draw(7, pool, 25) == draw(7, list(reversed(pool)), 25)
    assert len(draw(7, pool, 25)) == 10 and set(draw(7, pool, 25)) <= set(pool)
    assert draw(7, pool, 25) != draw(8, pool, 25)


def test_sample_is_recorded_and_the_same_after_reopening(tmp_path: Path, page_images: list[Path]) -> None:
    folder = tmp_path / "qc"
    with Workspace.open(folder, user="lưu trữ viên") as ws:
        batch_id, ids = reviewed_batch(ws, page_images[0], 12)
        sample = draw_sample(ws, batch_id, 20)
        assert len(sample.document_ids) == 3 and set(sample.document_ids) <= set(ids)
        assert sample.pool == 12 and not sample.cleared
        assert set(sample.verdicts.values()) == {Verdict.PENDING}
    with Workspace.open(folder) as ws:
        again = load_sample(ws, batch_id)
        assert again is not None and again.document_ids == sample.document_ids
        # Asked again with another share, the recorded sample stands.
        assert draw_sample(ws, batch_id, 50).document_ids == sample.document_ids
        assert [e.details["documents"] for e in audit.events(ws) if e.action == "quality.sampled"] == \
            [list(sample.document_ids)]
        assert audit.verify(ws).intact


def test_sent_back_returns_to_extracted_and_blocks_until_passed(workspace: Workspace,
                                                                 page_images: list[Path]) -> None:
    ws = workspace
    batch_id, _ = reviewed_batch(ws, page_images[0], 4)
    assert blocking_reason(ws, batch_id, 50) is not None  # no sample yet
    first, second = draw_sample(ws, batch_id, 50, who="lưu trữ viên").document_ids

    sample = send_back(ws, batch_id, first, "sai ngày ban hành", who="lưu trữ viên")
    document = ws.get_document(first)
    assert document.state is DocumentState.EXTRACTED and "sai ngày ban hành" in (document.last_error or "")
    assert sample.verdicts[first] is Verdict.SENT_BACK
    event = [e for e in audit.events(ws, document_id=first) if e.action == "quality.sent_back"][-1]
    assert event.who == "lưu trữ viên" and event.details == {"batch": batch_id, "note": "sai ngày ban hành"}
    with pytest.raises(QualityError, match="chờ sửa"):
        mark_passed(ws, batch_id, first)

    mark_passed(ws, batch_id, second)
    assert not cleared_for_signing(ws, batch_id, 50)
    assert "1/2" in (blocking_reason(ws, batch_id, 50) or "")

    ws.accept_review(first, who="Trần Văn Đức")  # corrected and accepted again: checked again
    assert load_sample(ws, batch_id).verdicts[first] is Verdict.SENT_BACK  # type: ignore[union-attr]
    assert mark_passed(ws, batch_id, first).cleared
    assert cleared_for_signing(ws, batch_id, 50)
    assert cleared_for_signing(ws, None, 50) and cleared_for_signing(ws, batch_id + 1, 0)


def test_refusals(workspace: Workspace, page_images: list[Path]) -> None:
    ws = workspace
    empty = ws.create_batch()
    with pytest.raises(QualityError, match="chưa có tài liệu nào"):
        draw_sample(ws, empty.id, 10)
    assert load_sample(ws, empty.id) is None  # nothing recorded by a refused draw
    batch_id, ids = reviewed_batch(ws, page_images[0], 3)
    with pytest.raises(QualityError, match="chưa lấy mẫu"):
        mark_passed(ws, batch_id, ids[0])
    sample = draw_sample(ws, batch_id, 10)
    outside = next(i for i in ids if i not in sample.document_ids)
    with pytest.raises(QualityError, match="không nằm trong mẫu"):
        send_back(ws, batch_id, outside)
    with pytest.raises(QualityError, match="0 đến 100"):
        draw_sample(ws, ws.create_batch().id, 120)


def test_documents_reviewed_after_the_draw_get_a_supplementary_sample(workspace: Workspace,
                                                                       page_images: list[Path]) -> None:
    ws = workspace
    batch_id, _ = reviewed_batch(ws, page_images[0], 5)
    first = draw_sample(ws, batch_id, 20)
    [sampled] = first.document_ids
    mark_passed(ws, batch_id, sampled)
    assert cleared_for_signing(ws, batch_id, 20)

    dossier_id = ws.get_document(sampled).dossier_id
    late = []
    for _ in range(3):  # the rest of the register, reviewed after the check began
        document = ws.add_document(dossier_id, batch_id=batch_id)
        ws.add_page(document.id, page_images[1])
        ws.save_extraction(document.id, {"document_type": "decision", "fields": {}, "problems": []})
        ws.accept_review(document.id)
        late.append(document.id)
    sample = load_sample(ws, batch_id)
    assert sample is not None and sample.late == 3 and not sample.cleared
    assert "3 tài liệu kiểm tra sau khi lấy mẫu" in (blocking_reason(ws, batch_id, 20) or "")

    supplemented = draw_sample(ws, batch_id, 20)
    [extra] = [d for d in supplemented.document_ids if d != sampled]
    assert extra in late and supplemented.late == 0 and supplemented.pool == 8
    assert supplemented.verdicts[sampled] is Verdict.PASSED and supplemented.verdicts[extra] is Verdict.PENDING
    assert draw_sample(ws, batch_id, 20).document_ids == supplemented.document_ids  # nothing new: the same
    mark_passed(ws, batch_id, extra)
    assert cleared_for_signing(ws, batch_id, 20)
    draws = [e.details for e in audit.events(ws) if e.action == "quality.sampled"]
    assert [d.get("supplement", False) for d in draws] == [False, True]
