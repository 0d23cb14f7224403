"""Dossier codes: read and checked as Circular 01/2018 Art. 19 writes them, and issued so that
no number of a day is ever handed out twice — across threads, processes and a kill -9."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
from datetime import date
from pathlib import Path

import pytest

from dossier import codes
from dossier.codes import InvalidCode
from dossier.workspace import Workspace

AGENCY = "000.00.00.H38"
REPO = Path(__file__).resolve().parents[2]


def test_a_strict_code_is_read_into_its_parts() -> None:
    code = codes.parse_code("000.13.27.H38-230512-0007")
    assert (code.agency, code.received, code.sequence, code.strict, code.warning) == (
        "000.13.27.H38", date(2023, 5, 12), 7, True, None)


def test_a_portals_lenient_code_is_accepted_with_a_warning() -> None:
    code = codes.parse_code("H38.12-230512-000123")
    assert not code.strict and code.sequence == 123 and code.agency == "H38.12"
    assert "Thông tư 01/2018" in code.warning


@pytest.mark.parametrize("text, message", [
    ("000.13.27.H38-230512", "không có dạng mã hồ sơ"),
    ("000.13.27.H38-231332-0007", "không phải là một ngày có thật"),
    ("hồ sơ số 7", "không có dạng mã hồ sơ"),
])
def test_a_code_that_cannot_be_right_is_refused_in_vietnamese(text: str, message: str) -> None:
    with pytest.raises(InvalidCode, match=message):
        codes.parse_code(text)


def test_the_code_must_state_the_received_date() -> None:
    with pytest.raises(InvalidCode, match="ngày tiếp nhận"):
        codes.parse_code("000.13.27.H38-230512-0007", received=date(2023, 5, 13))


def test_the_agency_setting_is_checked(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SOHOA_AGENCY_CODE", raising=False)
    with pytest.raises(InvalidCode, match="SOHOA_AGENCY_CODE"):
        codes.configured_agency()
    monkeypatch.setenv("SOHOA_AGENCY_CODE", "H38")
    with pytest.raises(InvalidCode, match="ddd.dd.dd.Xdd"):
        codes.configured_agency()
    monkeypatch.setenv("SOHOA_AGENCY_CODE", " 000.00.00.H38 ")
    assert codes.configured_agency() == AGENCY


def test_issued_codes_follow_the_day_and_skip_codes_recorded_by_hand(workspace: Workspace,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOHOA_AGENCY_CODE", AGENCY)
    day = date(2025, 3, 12)
    first = workspace.create_dossier(issue_code=True, received_date=day)
    workspace.create_dossier(code="000.00.00.H38-250312-0002")  # from the province's system
    third = workspace.create_dossier(issue_code=True, received_date=day)
    next_day = workspace.create_dossier(issue_code=True, received_date=date(2025, 3, 13))
    other = workspace.create_dossier(issue_code=True, agency="000.12.05.H38", received_date=day)
    assert first.code == "000.00.00.H38-250312-0001" and first.code_issued
    assert third.code == "000.00.00.H38-250312-0003"
    assert next_day.code == "000.00.00.H38-250313-0001"
    assert other.code == "000.12.05.H38-250312-0001"
    for dossier in (first, third, next_day, other):
        assert codes.parse_code(dossier.code, received=date.fromisoformat(dossier.received_date)).strict


def test_the_day_is_vietnam_time(workspace: Workspace) -> None:
    from datetime import datetime, timedelta, timezone

    before = (datetime.now(timezone.utc) + timedelta(hours=7)).date()
    issued = workspace.create_dossier(issue_code=True, agency=AGENCY)
    after = (datetime.now(timezone.utc) + timedelta(hours=7)).date()
    assert date.fromisoformat(issued.received_date) in (before, after)  # whatever the machine's time zone
    assert f"-{date.fromisoformat(issued.received_date):%y%m%d}-" in issued.code


def test_threads_sharing_or_not_a_workspace_never_get_the_same_number(tmp_path: Path) -> None:
    folder = tmp_path / "ws"
    issued: list[str] = []
    lock = threading.Lock()
    shared = Workspace.open(folder)

    def issue(ws: Workspace, count: int) -> None:
        for _ in range(count):
            code = ws.create_dossier(issue_code=True, agency=AGENCY, received_date=date(2025, 3, 12)).code
            with lock:
                issued.append(code)

    def own(count: int) -> None:
        with Workspace.open(folder) as ws:
            issue(ws, count)

    threads = [threading.Thread(target=issue, args=(shared, 15)) for _ in range(2)]
    threads += [threading.Thread(target=own, args=(15,)) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    shared.close()
    assert len(issued) == len(set(issued)) == 60
    assert sorted(int(code[-4:]) for code in issued) == list(range(1, 61))


_ISSUER = """
import sys
from datetime import date
from dossier.workspace import Workspace
with Workspace.open(sys.argv[1]) as ws:
    for _ in range(int(sys.argv[2])):
        code = ws.create_dossier(issue_code=True, agency="000.00.00.H38", received_date=date(2025, 3, 12)).code
        print(code, flush=True)  # printed only after the commit: this number is handed out
"""


def _issuer(folder: Path, count: int) -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    return subprocess.Popen([sys.executable, "-c", _ISSUER, str(folder), str(count)], stdout=subprocess.PIPE,
                            text=True, env=env)


def _codes_in(folder: Path) -> list[str]:
    with Workspace.open(folder) as ws, ws.reading() as db:
        return [row[0] for row in db.execute("SELECT code FROM dossiers ORDER BY id")]


def test_processes_issuing_at_once_never_get_the_same_number(tmp_path: Path) -> None:
    folder = tmp_path / "ws"
    Workspace.open(folder).close()
    processes = [_issuer(folder, 20) for _ in range(3)]
    printed = [line.strip() for process in processes for line in process.communicate()[0].splitlines()]
    assert all(process.returncode == 0 for process in processes)
    assert len(printed) == len(set(printed)) == 60
    assert sorted(_codes_in(folder)) == sorted(printed)


def test_a_number_is_never_issued_again_after_a_kill_9(tmp_path: Path) -> None:
    folder = tmp_path / "ws"
    Workspace.open(folder).close()
    handed_out: list[str] = []
    for round_, wait_for in enumerate((3, 11, 7)):  # kill after a different number of codes each round
        process = _issuer(folder, 10_000)
        assert process.stdout is not None
        for _ in range(wait_for):
            handed_out.append(process.stdout.readline().strip())
        os.kill(process.pid, signal.SIGKILL)  # most likely in the middle of the next transaction
        rest = process.stdout.read()
        process.wait()
        handed_out += [line.strip() for line in rest.splitlines() if line.strip()]
        recorded = _codes_in(folder)
        assert set(handed_out) <= set(recorded), f"round {round_}: a code handed out was not recorded"
    with Workspace.open(folder) as ws:
        after = [ws.create_dossier(issue_code=True, agency=AGENCY, received_date=date(2025, 3, 12)).code
                 for _ in range(5)]
        with ws.reading() as db:
            assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    recorded = _codes_in(folder)
    assert len(recorded) == len(set(recorded))
    assert not set(after) & set(handed_out)
    assert min(int(c[-4:]) for c in after) > max(int(c[-4:]) for c in recorded if c not in after)


def test_a_lenient_code_is_recorded_with_its_warning_in_the_audit_trail(workspace: Workspace) -> None:
    from dossier import audit

    dossier = workspace.create_dossier(code="H38.12-230512-000123")
    assert dossier.code == "H38.12-230512-000123" and dossier.received_date == "2023-05-12"
    assert "Thông tư 01/2018" in audit.events(workspace)[-1].details["code_warning"]
