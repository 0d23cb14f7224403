"""The configuration in the core the command line uses: ``sohoa config``, the store taken from
the configuration when neither --store nor SOHOA_STORE_* names one (a real upload to the
reference store on 127.0.0.1), and the configured operator in the audit trail."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from datastore.client import StoreClient
from dossier import cli
from dossier.config import Config, load_config, save_config
from dossier.embedded_store import EmbeddedStore
from dossier.workspace import Workspace
from tests.datastore.conftest import make_pdf, metadata_for


@pytest.fixture(autouse=True)
def _no_env_store(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    for name in ("SOHOA_STORE_URL", "SOHOA_STORE_CLIENT_ID", "SOHOA_STORE_CLIENT_SECRET"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("SOHOA_WORKSPACE", str(tmp_path / "ws"))
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyring.backends.fail.Keyring")


def test_show_export_import(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    assert cli.main(["config", "show"]) == 0
    out = capsys.readouterr().out
    assert "(chưa có: giá trị mặc định)" in out and "store_url: (trống: kho dữ liệu tích hợp trên máy này)" in out
    save_config(Config(operator_name="Lê Thị Mai", agency_code="000.00.00.H38", store_client_id="ban-1",
                       qc_sample_percent=20))
    assert cli.main(["config", "show", "--json"]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert (shown["operator_name"], shown["qc_sample_percent"]) == ("Lê Thị Mai", 20)

    deployment = tmp_path / "deploy.json"
    assert cli.main(["config", "export", str(deployment)]) == 0
    data = json.loads(deployment.read_text(encoding="utf-8"))
    assert data["agency_code"] == "000.00.00.H38" and data["operator_name"] == ""
    data["agency_name"] = "UBND xã Tân Phú"
    deployment.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    assert cli.main(["config", "import", str(deployment)]) == 0
    assert (load_config().agency_name, load_config().operator_name) == ("UBND xã Tân Phú", "Lê Thị Mai")

    deployment.write_text('{"qc_sample_percent": 400}', encoding="utf-8")
    assert cli.main(["config", "import", str(deployment)]) == 1
    assert "0 đến 100" in capsys.readouterr().err
    assert load_config().qc_sample_percent == 20  # nothing lost


def test_upload_goes_to_the_configured_store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    pdf = make_pdf(tmp_path / "hs.pdf", seed=5)
    meta = tmp_path / "meta.json"
    meta.write_text(json.dumps(metadata_for(pdf)), encoding="utf-8")
    with EmbeddedStore(tmp_path / "store") as store:
        account = store.register_client("bàn 2")
        assert cli.main(["upload", str(pdf), "--meta", str(meta)]) == 1  # nothing configured yet
        assert "queued" in capsys.readouterr().err
        save_config(Config(store_url=store.url, store_client_id=account.client_id))
        monkeypatch.setenv("SOHOA_STORE_CLIENT_SECRET", account.client_secret)  # the secret: never in the file
        assert cli.main(["outbox", "send"]) == 0
        assert "done" in capsys.readouterr().out
        [stored] = StoreClient(account).find_documents()
        assert stored["sha256"] == metadata_for(pdf)["sha256"]
        assert cli.main(["config", "check"]) == 0 and "cấu hình dùng được" in capsys.readouterr().out
    assert cli.main(["config", "check"]) == 0  # the store stopped: a warning, not an error
    assert "không trả lời" in capsys.readouterr().out


def test_the_configured_operator_is_the_workspaces_default(tmp_path: Path) -> None:
    save_config(Config(operator_name="Phạm Quốc Huy"))
    with Workspace.open(tmp_path / "a") as ws:
        assert ws.user == "Phạm Quốc Huy"
        batch = ws.create_batch(device="import")
        assert batch.operator == "Phạm Quốc Huy"
    with Workspace.open(tmp_path / "b", user="người khác") as ws:
        assert ws.user == "người khác"
