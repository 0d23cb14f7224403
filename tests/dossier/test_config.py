"""The workstation configuration file: defaults, round trip, checks, export/import for many desks."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from dossier.config import Config, ConfigError, export_config, import_config, load_config, save_config


def test_nothing_saved_means_the_built_in_defaults(tmp_path: Path) -> None:
    config = load_config(tmp_path / "none.json")
    assert config == Config()
    assert config.uses_embedded_store and config.uses_demo_identity


def test_a_saved_config_reads_back_and_holds_no_secret(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    config = Config(operator_name="Nguyễn Thị Lan", agency_code="000.00.00.H38", store_url="https://kho.example.vn",
                    store_client_id="mc-01", pkcs11_module="/usr/lib/softhsm/libsofthsm2.so", key_id="0a1b",
                    signature_level="B-LTA", qc_sample_percent=5)
    save_config(config, path)
    assert load_config(path) == config
    text = path.read_text(encoding="utf-8")
    assert "Nguyễn Thị Lan" in text  # readable by the person deploying it
    assert "secret" not in text and "pin" not in text.lower()


@pytest.mark.parametrize("change, word", [
    ({"operator_role": "boss"}, "Vai trò"), ({"signature_level": "B-X"}, "Mức chữ ký"),
    ({"agency_code": "H38"}, "Mã cơ quan"), ({"store_url": "kho.example.vn"}, "https://"),
    ({"key_id": "xyz"}, "hex"), ({"qc_sample_percent": 150}, "0 đến 100"),
])
def test_a_wrong_value_is_refused_with_a_vietnamese_reason(tmp_path: Path, change: dict, word: str) -> None:
    with pytest.raises(ConfigError, match=word):
        save_config(Config(**change), tmp_path / "settings.json")
    assert not (tmp_path / "settings.json").exists()


def test_a_broken_or_foreign_file_says_so(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    path.write_text("{not json", encoding="utf-8")
    with pytest.raises(ConfigError, match="bị hỏng"):
        load_config(path)
    path.write_text(json.dumps({"store_url": "https://kho.example.vn", "password": "x"}), encoding="utf-8")
    with pytest.raises(ConfigError, match="password"):
        load_config(path)


def test_export_leaves_this_desk_out_and_import_keeps_it(tmp_path: Path) -> None:
    desk = Config(operator_name="Trần Văn Minh", agency_name="UBND xã Tân Định", agency_code="000.00.00.H38",
                  store_url="https://kho.example.vn", store_client_id="mc-01", token_serial="A1B2", key_id="01")
    exported = export_config(desk, tmp_path / "deploy.json")
    shipped = load_config(exported)
    assert shipped.store_url == desk.store_url and shipped.agency_code == desk.agency_code
    assert shipped.operator_name == "" and shipped.token_serial == ""
    other_desk = Config(operator_name="Lê Thị Hoa", token_serial="C3D4", key_id="02")
    merged = import_config(exported, other_desk)
    assert merged.operator_name == "Lê Thị Hoa" and merged.token_serial == "C3D4"
    assert merged.agency_name == "UBND xã Tân Định" and merged.store_url == "https://kho.example.vn"
    with pytest.raises(ConfigError, match="Không tìm thấy"):
        import_config(tmp_path / "missing.json")


def test_the_configured_workspace_and_agency_are_used(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from dossier.config import config_path
    from dossier.settings import agency_code, workspace_dir

    monkeypatch.delenv("SOHOA_WORKSPACE", raising=False)
    monkeypatch.delenv("SOHOA_AGENCY_CODE", raising=False)
    save_config(Config(workspace=str(tmp_path / "ws"), agency_code="000.00.00.H38"), config_path())
    assert workspace_dir() == tmp_path / "ws"
    assert agency_code() == "000.00.00.H38"
    monkeypatch.setenv("SOHOA_AGENCY_CODE", "000.00.12.H38")  # the environment wins, for headless runs
    assert agency_code() == "000.00.12.H38"
