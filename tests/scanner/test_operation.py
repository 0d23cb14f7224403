"""Scan operations and the per-scanner queue against SANE's test device (drivers in workers)."""
from __future__ import annotations

import threading
import time
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from scanner import (
    ColorMode,
    CoverOpen,
    DeviceGone,
    DriverHung,
    PageSize,
    PaperJam,
    SaneBackend,
    ScanSettings,
    Side,
    Source,
    WorkerBridge,
)
from scanner.collate import CollationMismatch
from scanner.errors import PageNotSaved
from scanner.messages import vietnamese_message
from scanner.operation import OperationState, ScannerQueue, ScanOperation, batch_pages, next_page_index

from .doubles import HangingBackend
from .sane_faults import BLACK, WHITE, LoadedFeeder

SMALL = PageSize(20, 20)
ADF = ScanSettings(Source.ADF, 75, ColorMode.GRAY, SMALL)
FLATBED = ScanSettings(Source.FLATBED, 75, ColorMode.GRAY, SMALL)


def backends(*drivers):
    """``backend_for`` that hands out one driver per pass, each in its own worker."""
    remaining = list(drivers)
    return lambda device_id: WorkerBridge(remaining.pop(0))


def run(op: ScanOperation, backend_for) -> ScanOperation:
    queue = ScannerQueue(backend_for)
    try:
        queue.submit(op)
        assert op.wait(60), op.state
    finally:
        queue.close()
    return op


def names(paths) -> list[str]:
    return [Path(p).name for p in paths]


def test_each_page_is_on_disk_before_it_is_reported(sane_test_device, tmp_path):
    seen, states = [], []

    def on_page(op, path, page):
        with Image.open(path) as img:  # complete and readable at the moment it is announced
            assert img.size == (page.width, page.height)
        seen.append((path.name, page.index))

    op = ScanOperation(sane_test_device, ADF, tmp_path / "batch", on_page=on_page,
                       on_state=lambda op: states.append(op.state))
    run(op, backends(SaneBackend()))
    assert op.state is OperationState.DONE and op.error is None
    assert seen == [(f"page-{i + 1:04d}.tif", i) for i in range(10)]
    assert names(op.pages) == [name for name, _ in seen]
    assert states == [OperationState.RUNNING, OperationState.DONE]


@pytest.mark.parametrize(
    ("status", "error"),
    [("SANE_STATUS_JAMMED", PaperJam), ("SANE_STATUS_COVER_OPEN", CoverOpen), ("SANE_STATUS_IO_ERROR", DeviceGone)],
)
def test_a_batch_stopped_mid_feed_keeps_its_pages_and_continues_after_them(sane_test_device, tmp_path, status, error):
    folder = tmp_path / "batch"
    first = run(ScanOperation(sane_test_device, ADF, folder), backends(LoadedFeeder(fail_at=4, status=status)))
    assert first.state is OperationState.FAILED and type(first.error) is error
    assert first.error.page_index == 4 and first.error.device_id == sane_test_device
    kept = {p.name: (p.stat().st_ino, p.read_bytes()) for p in batch_pages(folder)}
    assert sorted(kept) == [f"page-{i:04d}.tif" for i in range(1, 5)]
    assert "trang 5" in vietnamese_message(first.error, saved_pages=first.saved_in_batch())

    again = run(first.continuation(), backends(LoadedFeeder(sheets=6)))  # the rest of the stack
    assert again.state is OperationState.DONE
    assert names(again.pages) == [f"page-{i:04d}.tif" for i in range(5, 11)]
    assert {p.name: (p.stat().st_ino, p.read_bytes()) for p in batch_pages(folder)[:4]} == kept


def test_the_jam_message_counts_the_pages_kept(sane_test_device, tmp_path):
    op = run(ScanOperation(sane_test_device, ADF, tmp_path), backends(LoadedFeeder(fail_at=6)))
    assert vietnamese_message(op.error, saved_pages=op.saved_in_batch()) == (
        "Kẹt giấy ở trang 7. Hãy mở khay nạp, gỡ tờ giấy bị kẹt, đặt lại tờ đó lên đầu xấp giấy "
        "rồi bấm Tiếp tục; 6 trang đã quét vẫn được giữ nguyên."
    )


def test_a_new_operation_on_a_folder_never_overwrites_and_never_refills_a_gap(sane_test_device, tmp_path):
    for name in ("page-0001.tif", "page-0003.tif"):
        (tmp_path / name).write_bytes(b"kept")
    (tmp_path / ".page-0004.tif.part").write_bytes(b"")  # a crash's leftover is not a page
    assert next_page_index(tmp_path) == 3
    op = run(ScanOperation(sane_test_device, FLATBED, tmp_path), backends(SaneBackend()))
    assert names(op.pages) == ["page-0004.tif"]
    assert (tmp_path / "page-0001.tif").read_bytes() == b"kept"


def _two_pass_run(sane_test_device, folder, *drivers, after=None):
    """A manual-duplex batch (or the continuation of ``after``) whose clerk turns the stack at once."""
    states = []
    backs_order = []

    def on_state(o):
        states.append(o.state)
        if o.state is OperationState.TURN_OVER:
            o.resume()  # the clerk turned the stack over

    def on_page(o, path, page):
        if page.side is Side.BACK:
            backs_order.append(path.name)

    if after is None:
        op = ScanOperation(sane_test_device, ADF, folder, manual_duplex=True, on_page=on_page, on_state=on_state)
    else:
        op = after.continuation(on_page=on_page, on_state=on_state)
    run(op, backends(*drivers))
    return op, states, backs_order


def _is_white(path: Path) -> bool:
    with Image.open(path) as img:
        return bool(np.asarray(img).mean() > 127)


def test_manual_duplex_turns_the_stack_over_and_collates_backs_reversed(sane_test_device, tmp_path):
    # Fronts come out white, backs black: reading order must alternate white, black.
    op, states, backs_order = _two_pass_run(
        sane_test_device, tmp_path, LoadedFeeder(sheets=4, extra_options=WHITE), LoadedFeeder(sheets=4, extra_options=BLACK))
    assert op.state is OperationState.DONE, op.error
    assert states == [OperationState.RUNNING, OperationState.TURN_OVER, OperationState.RUNNING, OperationState.DONE]
    assert [_is_white(p) for p in batch_pages(tmp_path)] == [True, False] * 4
    # The stack was turned over: the first back read is the last sheet's.
    assert backs_order == ["page-0008.tif", "page-0006.tif", "page-0004.tif", "page-0002.tif"]


def test_a_jam_in_the_backs_pass_continues_with_the_same_sheet(sane_test_device, tmp_path):
    first, _, _ = _two_pass_run(
        sane_test_device, tmp_path, LoadedFeeder(sheets=3, extra_options=WHITE),
        LoadedFeeder(sheets=3, fail_at=1, extra_options=BLACK))
    assert isinstance(first.error, PaperJam)
    assert first.error.page_index == 3  # the back of sheet 2 is page 4 of the batch
    assert names(batch_pages(tmp_path)) == ["page-0001.tif", "page-0003.tif", "page-0005.tif", "page-0006.tif"]
    again, states, backs = _two_pass_run(sane_test_device, tmp_path, LoadedFeeder(sheets=2, extra_options=BLACK),
                                         after=first)
    assert again.state is OperationState.DONE, again.error
    assert OperationState.TURN_OVER not in states  # the fronts are done; straight to the backs
    assert backs == ["page-0004.tif", "page-0002.tif"]
    assert [_is_white(p) for p in batch_pages(tmp_path)] == [True, False] * 3


def test_more_backs_than_fronts_is_refused_without_writing_the_extra_page(sane_test_device, tmp_path):
    op, _, _ = _two_pass_run(sane_test_device, tmp_path, LoadedFeeder(sheets=2), LoadedFeeder(sheets=3))
    assert isinstance(op.error, CollationMismatch)
    assert op.error.details == {"fronts": 2, "backs": 3}
    assert len(batch_pages(tmp_path)) == 4


def test_a_file_in_the_way_of_a_back_is_kept_and_stops_the_batch(sane_test_device, tmp_path):
    def on_state(o):
        if o.state is OperationState.TURN_OVER:
            (tmp_path / "page-0004.tif").write_bytes(b"someone else's")
            o.resume()

    op = ScanOperation(sane_test_device, ADF, tmp_path, manual_duplex=True, on_state=on_state)
    run(op, backends(LoadedFeeder(sheets=2), LoadedFeeder(sheets=2)))
    assert isinstance(op.error, PageNotSaved) and op.error.page_index == 3
    assert (tmp_path / "page-0004.tif").read_bytes() == b"someone else's"


def test_cancel_while_waiting_for_the_turn_over_keeps_the_fronts(sane_test_device, tmp_path):
    op = ScanOperation(sane_test_device, ADF, tmp_path, manual_duplex=True,
                       on_state=lambda o: o.cancel() if o.state is OperationState.TURN_OVER else None)
    run(op, backends(LoadedFeeder(sheets=2)))
    assert op.state is OperationState.CANCELLED and names(op.pages) == ["page-0001.tif", "page-0003.tif"]
    assert op.continuation().two_pass.sheets == 2  # continuing goes to the backs


def test_cancel_mid_batch_keeps_every_sheet_that_went_through(sane_test_device, tmp_path):
    op = ScanOperation(sane_test_device, ScanSettings(Source.ADF, 300, ColorMode.COLOR), tmp_path,
                       on_page=lambda o, path, page: o.cancel() if page.index == 2 else None)
    run(op, backends(SaneBackend()))
    assert op.state is OperationState.CANCELLED and op.error is None
    # Sheets the feeder had already pulled in when the cancel arrived are saved, not dropped.
    assert 3 <= len(op.pages) < 10


def test_a_hung_driver_fails_the_operation_the_caller_stays_responsive(tmp_path):
    op = ScanOperation("double:0", ScanSettings(Source.ADF, 150), tmp_path)
    queue = ScannerQueue(lambda device_id: WorkerBridge(HangingBackend(good_pages=2), timeout=1.0))
    queue.submit(op)
    worst, last = 0.0, time.monotonic()
    while not op.finished:  # the caller's loop (a GUI's event loop) keeps turning
        time.sleep(0.01)
        now = time.monotonic()
        worst, last = max(worst, now - last), now
    queue.close()
    assert isinstance(op.error, DriverHung) and op.error.page_index == 2
    assert names(op.pages) == ["page-0001.tif", "page-0002.tif"]
    assert worst < 0.5
    assert "không phản hồi khi đang quét trang 3" in vietnamese_message(op.error, saved_pages=2)


def test_one_scanner_runs_its_operations_in_turn_two_scanners_in_parallel(sane_test_device, tmp_path):
    other = sane_test_device.replace("test:0", "test:1")
    times: dict[str, dict[OperationState, float]] = {}

    def track(label):
        return lambda op: times.setdefault(label, {}).__setitem__(op.state, time.monotonic())

    queue = ScannerQueue(lambda device_id: WorkerBridge(SaneBackend()))
    a1 = queue.submit(ScanOperation(sane_test_device, FLATBED, tmp_path / "a1", on_state=track("a1")))
    a2 = queue.submit(ScanOperation(sane_test_device, FLATBED, tmp_path / "a2", on_state=track("a2")))
    a3 = queue.submit(ScanOperation(sane_test_device, FLATBED, tmp_path / "a3", on_state=track("a3")))
    b1 = queue.submit(ScanOperation(other, FLATBED, tmp_path / "b1", on_state=track("b1")))
    a3.cancel()  # still queued: it never starts
    assert queue.pending(sane_test_device)[:2] == [a1, a2]
    for op in (a1, a2, b1):
        assert op.wait(60)
    queue.close()
    assert [op.state for op in (a1, a2, a3, b1)] == [OperationState.DONE] * 2 + [OperationState.CANCELLED,
                                                                                 OperationState.DONE]
    run_a1, run_a2, run_b1 = (times[k] for k in ("a1", "a2", "b1"))
    assert run_a2[OperationState.RUNNING] >= run_a1[OperationState.DONE]
    assert run_b1[OperationState.RUNNING] < run_a1[OperationState.DONE]
    assert list(times["a3"]) == [OperationState.CANCELLED]
    assert not (tmp_path / "a3").exists()


def test_a_failing_listener_does_not_stop_the_scan(sane_test_device, tmp_path):
    def broken(op, path, page):
        raise OSError("pipe closed")

    op = run(ScanOperation(sane_test_device, FLATBED, tmp_path, on_page=broken), backends(SaneBackend()))
    assert op.state is OperationState.DONE and len(op.pages) == 1


def test_an_unwritable_folder_is_a_clear_error(sane_test_device, tmp_path):
    (tmp_path / "file").write_text("not a folder")
    op = run(ScanOperation(sane_test_device, FLATBED, tmp_path / "file" / "batch"), backends(SaneBackend()))
    assert isinstance(op.error, PageNotSaved)
    assert "Không lưu được" in vietnamese_message(op.error)


def test_flatbed_cannot_be_two_pass(sane_test_device, tmp_path):
    from scanner import UnsupportedSetting

    with pytest.raises(UnsupportedSetting):
        ScanOperation(sane_test_device, FLATBED, tmp_path, manual_duplex=True)


@pytest.fixture(autouse=True)
def _no_stray_threads():
    before = {t.name for t in threading.enumerate()}
    yield
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline:
        stray = {t.name for t in threading.enumerate() if t.name.startswith("sohoa-scan-")} - before
        if not stray:
            return
        time.sleep(0.05)
    raise AssertionError(f"queue threads left running: {stray}")

