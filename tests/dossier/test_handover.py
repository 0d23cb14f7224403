"""Handing dossiers over: recorded once in the workspace, refused twice, signed by the employee;
and ``sohoa handover`` end to end."""
from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from dossier.handover import render_pdf
from dossier.handover_store import HandoverRefused, HandoverRequest, hand_over, list_numbers, load_list
from dossier.workspace import Workspace, file_sha256
from signing.verify import verify_pdf
from tests.dossier.outputs_fixtures import PERSONAL_IDS, make_dossier
from tests.signing.conftest import pki, pki_and_services  # noqa: F401  (the test PKI, shared fixtures)
from tests.signing.pki_setup import P12_PASSWORD

SOHOA = [sys.executable, "-m", "desktop.launcher"]
CODES = tuple(PERSONAL_IDS)


def request(*codes: str, **items: str) -> HandoverRequest:
    return HandoverRequest(codes=codes, employee="Nguyễn Thị Hường", receiver="Trần Văn Đức",
                           post_office="Bưu điện thị xã Thuận An", desk="Bộ phận Một cửa UBND thị xã Thuận An",
                           postal_items=items)


@pytest.fixture
def dossiers(workspace: Workspace, tmp_path: Path) -> Workspace:
    folder = tmp_path / "papers"
    folder.mkdir()
    for code in CODES:
        make_dossier(workspace, folder, code)
    return workspace


def test_handover_is_recorded_with_number_time_and_employee(dossiers: Workspace) -> None:
    handover, pdf = hand_over(dossiers, request(CODES[0], CODES[1], **{CODES[0]: "EA123456789VN"}), render_pdf)
    assert handover.number.startswith("BG-") and handover.number.endswith("-0001")
    for code in CODES[:2]:
        dossier = dossiers.find_dossier(code)
        assert dossier.handover == handover.number and dossier.handed_over_at
    assert dossiers.find_dossier(CODES[2]).handover is None
    # Pages as a person counts them: 2 + 3, the blank back of the drawing left out.
    assert [e.pages for e in handover.entries] == [5, 5]
    assert [c.name for c in handover.entries[0].components] == ["Đơn đề nghị cấp giấy phép xây dựng",
                                                                "Bản vẽ thiết kế"]
    assert handover.entries[0].masked_id == "079*****1234" and handover.entries[0].postal_item == "EA123456789VN"
    assert file_sha256(dossiers.path(f"handovers/{handover.number}.pdf")) == __import__("hashlib").sha256(pdf).hexdigest()
    again = load_list(dossiers, handover.number)
    assert again.employee == "Nguyễn Thị Hường" and again.entries == handover.entries
    from dossier import audit

    event = [e for e in audit.events(dossiers) if e.action == "dossier.handed_over"][-1]
    assert event.who == "Nguyễn Thị Hường" and event.details["handover"] == handover.number


def test_a_dossier_is_on_one_list_only(dossiers: Workspace) -> None:
    first, pdf = hand_over(dossiers, request(CODES[0]), render_pdf)
    stored = dossiers.path(f"handovers/{first.number}.pdf").read_bytes()
    with pytest.raises(HandoverRefused, match=f"{CODES[0]} đã được bàn giao trong danh sách {first.number}"):
        hand_over(dossiers, request(CODES[2], CODES[0]), render_pdf)
    # Nothing of the refused list was recorded: the other dossier is free, the number unused.
    assert dossiers.find_dossier(CODES[2]).handover is None
    assert list_numbers(dossiers) == [first.number]
    assert dossiers.find_dossier(CODES[0]).handover == first.number
    assert dossiers.path(f"handovers/{first.number}.pdf").read_bytes() == stored == pdf
    second, _ = hand_over(dossiers, request(CODES[2]), render_pdf)
    assert second.number.endswith("-0002")


def test_a_failed_render_records_nothing(dossiers: Workspace) -> None:
    def broken(handover: object) -> bytes:
        raise OSError("đĩa đầy")

    with pytest.raises(OSError):
        hand_over(dossiers, request(CODES[0]), broken)
    assert dossiers.find_dossier(CODES[0]).handover is None and list_numbers(dossiers) == []
    assert hand_over(dossiers, request(CODES[0]), render_pdf)[0].number.endswith("-0001")


@pytest.mark.parametrize(("codes", "message"), [
    (("000.13.27.H38-250101-0001",), "không có hồ sơ mã"),
    ((CODES[0], CODES[0]), "hai lần"),
    ((), "chưa chọn hồ sơ"),
])
def test_bad_requests_are_refused(dossiers: Workspace, codes: tuple[str, ...], message: str) -> None:
    with pytest.raises(HandoverRefused, match=message):
        hand_over(dossiers, request(*codes), render_pdf)


def run(*args: str, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run([*SOHOA, *args], capture_output=True, text=True, timeout=120,
                          env={**os.environ, **env}, stdin=subprocess.DEVNULL)


def test_cli_writes_pdf_csv_json_and_refuses_a_second_list(dossiers: Workspace, tmp_path: Path) -> None:
    out, table = tmp_path / "ban-giao.pdf", tmp_path / "ban-giao.csv"
    common = ["--employee", "Nguyễn Thị Hường", "--receiver", "Trần Văn Đức", "--post-office",
              "Bưu điện thị xã Thuận An"]
    env = {"SOHOA_WORKSPACE": str(dossiers.root)}
    done = run("handover", "--dossiers", f"{CODES[0]},{CODES[1]}", "-o", str(out), "--csv", str(table), "--json",
               "--postal-item", f"{CODES[1]}=EA987654321VN", *common, **env)
    assert done.returncode == 0, done.stderr
    listed = json.loads(done.stdout)
    assert [d["dossier_code"] for d in listed["dossiers"]] == list(CODES[:2])
    assert listed["dossiers"][1]["postal_item"] == "EA987654321VN" and listed["totals"]["pages"] == 10
    text = subprocess.run(["pdftotext", "-layout", str(out), "-"], capture_output=True, text=True).stdout
    assert CODES[0] in text and "087*****0999" in text and "EA987654321VN" in text
    assert not any(full in text + done.stdout for full in PERSONAL_IDS.values())
    rows = list(csv.DictReader(io.StringIO(table.read_bytes().decode("utf-8-sig"))))
    assert [r["Mã hồ sơ"] for r in rows] == list(CODES[:2]) and rows[0]["Số trang"] == "5"

    first_pdf = out.read_bytes()
    again = run("handover", "--dossiers", CODES[1], "-o", str(tmp_path / "lai.pdf"), *common, **env)
    assert again.returncode == 1 and listed["number"] in again.stderr and CODES[1] in again.stderr
    assert not (tmp_path / "lai.pdf").exists() and out.read_bytes() == first_pdf


def test_cli_signs_the_list_as_the_employee(pki, dossiers: Workspace, tmp_path: Path) -> None:  # noqa: F811
    out = tmp_path / "ban-giao-ky.pdf"
    root = tmp_path / "root.der"
    root.write_bytes(pki.root.dump())
    # No --employee: the signer is the employee named; no --receiver: a line for a handwritten name.
    done = run("handover", "--dossiers", CODES[2], "-o", str(out), "--p12", str(pki.p12["signer"]),
               "--trust", str(root), SOHOA_WORKSPACE=str(dossiers.root), SOHOA_P12_PASSWORD=P12_PASSWORD.decode(),
               SOHOA_POST_OFFICE="Bưu điện thị xã Thuận An")
    assert done.returncode == 0, done.stderr
    assert "signed" in done.stdout
    report = verify_pdf(out, [pki.root], fetch=True)
    assert report.valid and "Nguyễn Văn An" in report.signatures[0].signer_subject
    text = subprocess.run(["pdftotext", "-layout", str(out), "-"], capture_output=True, text=True).stdout
    assert "nhân viên bưu chính: Nguyễn Văn An" in text and "cán bộ tiếp nhận: ......" in text
    assert "Bên giao: Bưu điện thị xã Thuận An" in text
    stored = dossiers.path(f"handovers/{dossiers.find_dossier(CODES[2]).handover}.pdf")
    assert stored.read_bytes() == out.read_bytes()


def test_cli_never_takes_the_password_from_an_argument(pki, dossiers: Workspace, tmp_path: Path) -> None:  # noqa: F811
    env = {k: v for k, v in os.environ.items() if k != "SOHOA_P12_PASSWORD"}
    env["SOHOA_WORKSPACE"] = str(dossiers.root)
    done = subprocess.run([*SOHOA, "handover", "--dossiers", CODES[0], "-o", str(tmp_path / "x.pdf"),
                           "--employee", "A", "--receiver", "B", "--post-office", "C", "--p12",
                           str(pki.p12["signer"])], capture_output=True, text=True, env=env,
                          stdin=subprocess.DEVNULL, timeout=60)
    assert done.returncode != 0 and "SOHOA_P12_PASSWORD" in done.stderr
    assert dossiers.find_dossier(CODES[0]).handover is None and not (tmp_path / "x.pdf").exists()


def test_cli_needs_a_post_office_and_an_employee(dossiers: Workspace, tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "SOHOA_POST_OFFICE"}
    base = [*SOHOA, "handover", "--dossiers", CODES[0], "-o", str(tmp_path / "x.pdf")]
    for extra, missing in ((["--employee", "A"], "--post-office"), (["--post-office", "C"], "--employee")):
        done = subprocess.run([*base, *extra], capture_output=True, text=True, stdin=subprocess.DEVNULL,
                              env={**env, "SOHOA_WORKSPACE": str(dossiers.root)}, timeout=60)
        assert done.returncode == 2 and missing in done.stderr
    assert dossiers.find_dossier(CODES[0]).handover is None
