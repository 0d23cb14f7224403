"""Exporting a workspace dossier for the archive, and ``sohoa export`` end to end."""
from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from dossier.archive import ArchiveError, check_schema, export_dossier, read_xml
from dossier.workspace import Workspace, file_sha256
from tests.dossier.outputs_fixtures import add_component

SOHOA = [sys.executable, "-m", "desktop.launcher"]
CODE = "000.13.27.H38-250312-0007"


@pytest.fixture
def dossier(workspace: Workspace, tmp_path: Path) -> Workspace:
    """A building-permit dossier: the application and a drawing received on 12/03/2025, an old land
    certificate from 2019, and the permit issued on 20/03/2025 (signed), added out of order."""
    folder = tmp_path / "papers"
    folder.mkdir()
    record = workspace.create_dossier(code=CODE, procedure_code="1.009994", applicant_name="Phạm Thị Ngọc Bích",
                                      applicant_personal_id="087184000999", received_date="2025-03-12")
    add_component(workspace, record.id, folder, "Giấy phép xây dựng", 2, kind="result", signed=True,
                  document_type="license",
                  fields={"number": "125/GPXD-UBND", "issue_date": "2025-03-20", "type_name": "GIẤY PHÉP XÂY DỰNG",
                          "issuer": "ỦY BAN NHÂN DÂN THỊ XÃ THUẬN AN", "subject": "Cấp cho bà Phạm Thị Ngọc Bích",
                          "signer": "Nguyễn Văn Ba", "signer_title": "PHÓ CHỦ TỊCH"})
    add_component(workspace, record.id, folder, "Đơn đề nghị cấp giấy phép xây dựng", 1)
    add_component(workspace, record.id, folder, "Giấy chứng nhận quyền sử dụng đất", 3, document_type="certificate",
                  fields={"number": "CS 04512", "issue_date": "2019-06-01", "issuer": "SỞ TÀI NGUYÊN VÀ MÔI TRƯỜNG"})
    add_component(workspace, record.id, folder, "Bản vẽ thiết kế", 4)
    return workspace


def test_export_folder_in_chronological_order_with_annex_vi_metadata(dossier: Workspace, tmp_path: Path) -> None:
    out = tmp_path / "luu-tru"
    report = export_dossier(dossier, CODE, out, maintenance="20 năm")
    names = sorted(p.name for p in out.iterdir())
    assert names == sorted(report.files)
    pdfs = [n for n in report.files if n.endswith(".pdf")]
    assert [n[:3] for n in pdfs] == ["001", "002", "003", "004"]
    assert pdfs[0].startswith("001-giay-chung-nhan-quyen-su-dung-dat") and pdfs[3].startswith("004-giay-phep")
    xml = (out / "metadata.xml").read_bytes()
    check_schema(xml)
    values = read_xml(xml)
    docs = values["Documents"]
    assert [d["PageAmount"] for d in docs] == ["3", "1", "4", "2"]  # 2019 certificate, the two papers, the permit
    permit = docs[3]
    assert permit["CodeNumber"] == "125" and permit["CodeNotation"] == "GPXD-UBND"
    assert permit["IssuedDate"] == "20/03/2025" and permit["SignerInfo.FullName"] == "Nguyễn Văn Ba"
    assert permit["OrganName"] == "ỦY BAN NHÂN DÂN THỊ XÃ THUẬN AN" and permit["TypeName"] == "GIẤY PHÉP XÂY DỰNG"
    # The signed PDF is the one exported, and the metadata names it with its hash.
    signed = dossier.path(dossier.documents_of(dossier.find_dossier(CODE).id)[0].signed_pdf_path)
    assert file_sha256(out / pdfs[3]) == file_sha256(signed) == permit["Attachment.sha256"]
    assert docs[1]["TypeName"] == "Đơn đề nghị cấp giấy phép xây dựng" and docs[1]["IssuedDate"] == ""
    record = values["File"]
    assert record["FileCode"] == "000.13.27.H38.2025.250312-0007" and record["DocTotal"] == "4"
    assert record["PageTotal"] == "10" and record["StartDate"] == "01/06/2019" and record["EndDate"] == "20/03/2025"
    assert record["Maintenance"] == "20 năm" and record["Rights"] == "Hạn chế"
    assert "087184000999" not in xml.decode("utf-8")


def test_export_zip_holds_the_same_files(dossier: Workspace, tmp_path: Path) -> None:
    report = export_dossier(dossier, CODE, tmp_path / "ho-so.zip")
    with zipfile.ZipFile(tmp_path / "ho-so.zip") as bundle:
        assert bundle.namelist() == list(report.files)
        check_schema(bundle.read("metadata.xml"))


def test_an_unreviewed_paper_stops_the_export_and_nothing_is_written(dossier: Workspace, tmp_path: Path) -> None:
    add_component(dossier, dossier.find_dossier(CODE).id, tmp_path / "papers", "Ảnh hiện trạng", 1, review=False)
    with pytest.raises(ArchiveError, match="Ảnh hiện trạng.*chưa được kiểm tra"):
        export_dossier(dossier, CODE, tmp_path / "out")
    assert not (tmp_path / "out").exists()
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".out")] == []


def test_an_identifier_too_long_for_the_decree_is_refused(dossier: Workspace, tmp_path: Path) -> None:
    document = dossier.documents_of(dossier.find_dossier(CODE).id)[0]
    dossier.record_correction(document.id, "number", "125/" + "GPXD-UBND-" * 4, who="Trần Văn Đức")
    with pytest.raises(ArchiveError, match="CodeNotation"):
        export_dossier(dossier, CODE, tmp_path / "out")
    assert not (tmp_path / "out").exists()


def test_an_existing_folder_is_never_overwritten(dossier: Workspace, tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "cua-ai-do.txt").write_text("giữ nguyên")
    with pytest.raises(ArchiveError, match="đã có"):
        export_dossier(dossier, CODE, out)
    assert [p.name for p in out.iterdir()] == ["cua-ai-do.txt"]


def run(*args: str, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run([*SOHOA, *args], capture_output=True, text=True, timeout=120,
                          env={**os.environ, **env}, stdin=subprocess.DEVNULL)


def test_cli_export(dossier: Workspace, tmp_path: Path) -> None:
    env = {"SOHOA_WORKSPACE": str(dossier.root)}
    done = run("export", "--dossier", CODE, "-o", str(tmp_path / "x.zip"), "--json", "--maintenance", "20 năm", **env)
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert report["pages"] == 10 and report["files"][-1] == "metadata.xml" and len(report["files"]) == 5
    values = read_xml(zipfile.ZipFile(tmp_path / "x.zip").read("metadata.xml"))
    assert values["File"]["Maintenance"] == "20 năm"
    missing = run("export", "--dossier", "000.13.27.H38-250101-0001", "-o", str(tmp_path / "y"), **env)
    assert missing.returncode == 1 and "không có hồ sơ mã 000.13.27.H38-250101-0001" in missing.stderr
    assert not (tmp_path / "y").exists()
