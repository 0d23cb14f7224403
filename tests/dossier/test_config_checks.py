"""Checks at save time against the real peers: the reference store on 127.0.0.1, SoftHSM2's
PKCS#11 module with the test token, certomancer's timestamp server, and ports nobody listens on."""
from __future__ import annotations

import socket
from pathlib import Path

import pytest

from dossier.config import Config
from dossier.config_checks import check_all, check_module, check_store, check_tsa, check_workspace
from dossier.embedded_store import EmbeddedStore
from tests.dossier.pipeline_fixtures import pipeline_pki  # noqa: F401 - the test PKI (and its TSA), token
from tests.signing import pki_setup
from tests.signing.pki_setup import SOFTHSM_LIB


def _finalise_softhsm() -> None:
    import pkcs11

    loaded = pkcs11._loaded.get(SOFTHSM_LIB)  # python-pkcs11 keeps one initialised module per process
    if loaded is not None and loaded.initialized:
        loaded.finalize()


@pytest.fixture
def pki(pipeline_pki: pki_setup.TestPki, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]  # noqa: F811
    """This test sees the PKI's SoftHSM2 token; the module is finalised before and after, so
    SoftHSM2 reads this PKI's SOFTHSM2_CONF and the next test module its own."""
    _finalise_softhsm()
    monkeypatch.setenv("SOFTHSM2_CONF", str(pipeline_pki.softhsm_conf))
    yield pipeline_pki
    _finalise_softhsm()


def closed_port_url() -> str:
    """http://127.0.0.1:PORT where nothing listens (bound, then released)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}"


@pytest.fixture(scope="module")
def running_store(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    with EmbeddedStore(tmp_path_factory.mktemp("store")) as store:
        yield store, store.register_client("bàn tiếp nhận 1")


def test_a_store_that_answers_and_accepts_the_desk(running_store) -> None:  # type: ignore[no-untyped-def]
    store, credentials = running_store
    assert check_store(store.url, credentials.client_id, credentials.client_secret) == []


def test_a_refused_secret_is_an_error_naming_the_client(running_store) -> None:  # type: ignore[no-untyped-def]
    store, credentials = running_store
    [problem] = check_store(store.url, credentials.client_id, "not-the-secret")
    assert problem.severity == "error" and "từ chối" in problem.message and credentials.client_id in problem.message


def test_a_store_that_does_not_answer_is_a_warning(running_store) -> None:  # type: ignore[no-untyped-def]
    url = closed_port_url()
    [problem] = check_store(url, "desk", "secret", timeout=2)
    assert problem.severity == "warning" and problem.field == "store_url"
    assert "không trả lời" in problem.message and url in problem.message
    [no_secret] = check_store(running_store[0].url, "desk", None)  # answers; nothing to send with yet
    assert no_secret.severity == "warning" and "khóa bí mật" in no_secret.message


def test_a_module_that_does_not_load_is_an_error(tmp_path: Path) -> None:
    fake = tmp_path / "libvendor-pkcs11.so"
    fake.write_bytes(b"not a shared library")
    for module in (str(fake), str(tmp_path / "missing.so")):
        [problem] = check_module(module)
        assert problem.severity == "error" and "Không nạp được mô-đun PKCS#11" in problem.message


def test_the_chosen_token_and_key_are_found_on_softhsm(pki) -> None:  # type: ignore[no-untyped-def]
    assert check_module(SOFTHSM_LIB, pki.token_serial, pki.key_id.hex()) == []
    [absent] = check_module(SOFTHSM_LIB, "0000000000000000")
    assert absent.severity == "warning" and "0000000000000000" in absent.message
    [wrong_key] = check_module(SOFTHSM_LIB, pki.token_serial, "ffee")
    assert wrong_key.severity == "error" and "ffee" in wrong_key.message


def test_tsa_reachable_or_warned(pipeline_pki) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    assert check_tsa(pipeline_pki.tsa_url) == []
    [problem] = check_tsa(closed_port_url() + "/tsa", timeout=2)
    assert problem.severity == "warning" and "dấu thời gian" in problem.message


def test_check_all_stops_at_the_values_first() -> None:
    [problem] = check_all(Config(qc_sample_percent=140, store_url=closed_port_url()))
    assert problem.severity == "error" and "0 đến 100" in problem.message
    assert check_all(Config()) == []  # the built-in defaults ask no peer


def test_a_workspace_folder_that_cannot_be_made_is_an_error(tmp_path: Path) -> None:
    assert check_workspace(str(tmp_path / "new" / "kho")) == [] and not (tmp_path / "new").exists()  # nothing made
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    [problem] = check_workspace(str(blocker / "kho"))
    assert problem.severity == "error" and problem.field == "workspace" and "không phải thư mục" in problem.message
    [relative] = check_all(Config(workspace="kho-lam-viec"))
    assert "đường dẫn đầy đủ" in relative.message
