"""`sohoa dossier` and `sohoa pages`: the workspace and its page operations headless."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from dossier.cli import main
from dossier.workspace import Workspace


def test_dossier_new_list_show(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                               monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOHOA_AGENCY_CODE", "000.00.00.H38")
    ws = ["--workspace", str(tmp_path / "ws")]
    assert main([*ws, "dossier", "new", "--issue", "--received", "2025-03-12", "--applicant", "Trần Thị Bình",
                 "--personal-id", "079185001234", "--json"]) == 0
    created = json.loads(capsys.readouterr().out)
    assert created["code"] == "000.00.00.H38-250312-0001"
    assert created["personal_id"] == "079*****1234" and created["applicant_name"] == "T*** T*** B***"
    assert main([*ws, "dossier", "new", "--code", "000.00.00.H38-250312-0009"]) == 0
    assert main([*ws, "dossier", "list", "--day", "2025-03-12"]) == 0
    listed = capsys.readouterr().out
    assert "250312-0001" in listed and "250312-0009" in listed and "079185001234" not in listed
    assert main([*ws, "dossier", "new", "--code", "000.00.00.H38-250312-0009"]) == 1
    assert "đã có" in capsys.readouterr().err
    assert main([*ws, "dossier", "show", "000.00.00.H38-250312-0404"]) == 1
    capsys.readouterr()
    with Workspace.open(tmp_path / "ws") as workspace:
        assert workspace.find_dossier("000.00.00.H38-250312-0001").applicant_personal_id == "079185001234"


def test_pages_commands_with_undo(tmp_path: Path, page_images: list[Path], capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "ws"
    with Workspace.open(folder) as workspace:
        dossier = workspace.create_dossier(code="000.00.00.H38-250312-0001")
        document = workspace.add_document(dossier.id, component="Tờ khai")
        a, b, c = (p.id for p in workspace.add_pages(document.id, page_images[:3]))
    ws = ["--workspace", str(folder)]
    assert main([*ws, "pages", "reorder", str(document.id), f"{c},{a},{b}"]) == 0
    assert main([*ws, "pages", "rotate", str(a), "--degrees", "180"]) == 0
    assert main([*ws, "pages", "mark", str(b), "--blank"]) == 0
    capsys.readouterr()
    assert main([*ws, "pages", "list", str(document.id)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert [int(line.split("trang")[1].split()[0]) for line in lines] == [c, a, b]
    assert "xoay 180°" in lines[1] and "trắng" in lines[2]
    assert main([*ws, "pages", "undo"]) == 0 and main([*ws, "pages", "undo"]) == 0
    assert main([*ws, "dossier", "show", "000.00.00.H38-250312-0001", "--json"]) == 0
    capsys.readouterr()
    with Workspace.open(folder) as workspace:
        assert workspace.get_page(a).rotation == 0 and not workspace.get_page(b).blank
        assert [p.id for p in workspace.pages_of(document.id)] == [c, a, b]
    assert main([*ws, "pages", "split", str(document.id)]) == 2
    assert main([*ws, "pages", "reorder", str(document.id), f"{a},{a},{b}"]) == 1
    assert "mỗi trang một lần" in capsys.readouterr().err
