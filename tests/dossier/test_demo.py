"""``sohoa demo`` end to end on the three sample pages: nothing configured, a DEMO key that no
verifier trusts, the embedded store on 127.0.0.1, and a listing of what it stored."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from dossier.demo_identity import DEMO_COMMON_NAME, DEMO_P12_PASSWORD
from tests.dossier.pipeline_fixtures import sohoa, sohoa_env


@pytest.mark.slow
def test_demo_runs_the_chain_and_verifies_what_it_stored(tmp_path: Path) -> None:
    folder = tmp_path / "demo"
    result = sohoa("demo", "--workspace", str(folder), "--no-scanner", env=sohoa_env(), timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    out = result.stdout
    assert re.search(r"Kho dữ liệu tham chiếu: http://127\.0\.0\.1:\d+", out)
    assert "3 đã ký, 3 đã tải lên, 0 lỗi" in out
    assert "Kho dữ liệu có 3 tài liệu:" in out
    listed = re.findall(r"- id ([0-9a-f]{32})  sha256 ([0-9a-f]{16})… .* loại: (\w+)", out)
    assert sorted(kind for _, _, kind in listed) == ["application_form", "decision", "official_letter"]
    assert "Số, ký hiệu: 97/QĐ-UBND" in out  # the sample decision's fields, as stored
    assert out.count("NGUYÊN VẸN, không tin cậy (khóa DEMO); tệp tải về khớp sha256") == 3
    assert "Kiểm tra: 3/3 tài liệu nguyên vẹn" in out
    assert re.search(r"\b\d{12}\b", out) is None  # the form's personal ID is shown masked

    from cryptography.hazmat.primitives.serialization import pkcs12

    _, cert, _ = pkcs12.load_key_and_certificates((folder / "demo-identity.p12").read_bytes(), DEMO_P12_PASSWORD)
    assert cert is not None and DEMO_COMMON_NAME in cert.subject.rfc4514_string()
    assert cert.issuer == cert.subject  # self-signed: no CA vouches for it


def test_demo_refuses_a_folder_that_is_not_its_own(tmp_path: Path) -> None:
    folder = tmp_path / "work"
    folder.mkdir()
    (folder / "hồ sơ.pdf").write_bytes(b"%PDF-1.7\n")
    result = sohoa("demo", "--workspace", str(folder), "--no-scanner", env=sohoa_env(), timeout=60)
    assert result.returncode != 0 and "không phải thư mục của bản demo" in result.stderr
    assert (folder / "hồ sơ.pdf").exists()
