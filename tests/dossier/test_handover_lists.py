"""Handover lists recorded earlier: listed latest first with their dossiers and employee, their
PDF given back byte for byte as handed over (a changed or missing file is said, not shown), and
their CSV made again from the records; reopening records nothing."""
from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from dossier.handover_desk import list_pdf, record, recorded_lists, saved_csv, saved_pdf
from dossier.handover_store import HandoverRefused, list_numbers
from dossier.workspace import Workspace
from tests.dossier.outputs_fixtures import add_component
from tests.dossier.test_handover_desk import CODES, day, request  # noqa: F401 - the fixture

THIRD = "000.13.27.H38-250312-0009"


def test_earlier_lists_are_listed_and_given_back_as_handed_over(day: Workspace, tmp_path: Path) -> None:  # noqa: F811
    first, first_pdf = record(day, request(*CODES))
    papers = tmp_path / "more-papers"
    papers.mkdir()
    third = day.create_dossier(code=THIRD, received_date="2025-03-12")
    add_component(day, third.id, papers, "Đơn đề nghị", 1)
    second, _ = record(day, request(THIRD, employee="Trần Văn Bảo"))

    lists = recorded_lists(day)
    assert [(r.number, r.dossiers, r.employee, r.signed) for r in lists] == [
        (second.number, 1, "Trần Văn Bảo", False), (first.number, 2, "Nguyễn Thị Hường", False)]
    assert lists[1].handed_at == first.handed_at.isoformat(timespec="seconds")

    assert saved_pdf(day, first.number) == first_pdf  # the very bytes handed over
    rows = list(csv.reader(io.StringIO(saved_csv(day, first.number).decode("utf-8-sig"))))
    assert [row[3] for row in rows[1:] if row[3]] == list(CODES)
    assert list_numbers(day) == [first.number, second.number]  # reopening recorded nothing
    with pytest.raises(HandoverRefused, match=first.number):  # still one list a dossier
        record(day, request(CODES[0]))


def test_a_changed_or_missing_list_file_is_said(day: Workspace) -> None:  # noqa: F811
    handover, _ = record(day, request(*CODES))
    path = list_pdf(day, handover.number)
    path.write_bytes(path.read_bytes() + b"\n% changed")
    with pytest.raises(HandoverRefused, match="đã bị thay đổi sau khi lập"):
        saved_pdf(day, handover.number)
    path.unlink()
    with pytest.raises(HandoverRefused, match="không đọc được tệp"):
        saved_pdf(day, handover.number)
    with pytest.raises(HandoverRefused, match="không có danh sách bàn giao số BG-000000-0001"):
        saved_pdf(day, "BG-000000-0001")
