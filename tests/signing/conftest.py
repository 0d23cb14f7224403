"""Session fixtures: a per-worker test PKI, SoftHSM2 token and loopback CA services."""
from __future__ import annotations

import os
from pathlib import Path

import pikepdf
import pytest

from tests.signing.pki_setup import TestPki, build_pki


@pytest.fixture(scope="session")
def pki_and_services(tmp_path_factory: pytest.TempPathFactory):
    pki, services = build_pki(tmp_path_factory.mktemp("pki"))
    # SoftHSM2 reads its config when the module is first initialised in this process.
    os.environ["SOFTHSM2_CONF"] = str(pki.softhsm_conf)
    yield pki, services
    services.close()


@pytest.fixture(scope="session")
def pki(pki_and_services) -> TestPki:
    return pki_and_services[0]


@pytest.fixture(scope="session")
def services(pki_and_services):
    return pki_and_services[1]


@pytest.fixture(scope="session")
def blank_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("pdf") / "in.pdf"
    pdf = pikepdf.new()
    pdf.add_blank_page(page_size=(595, 842))
    pdf.save(path)
    return path
