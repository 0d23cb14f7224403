"""Shared fixtures: generated Vietnamese pages with their ground truth, written once per session."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

# Tesseract's OpenMP build is 2-3x slower when several threads fight over 2 cores.
os.environ.setdefault("OMP_THREAD_LIMIT", "1")
# Tests send nothing beyond loopback: no mDNS multicast on real interfaces when a test
# lists scanners (eSCL discovery is tested inside a private network namespace), and none
# to scanner addresses configured on the developer's machine.
os.environ["SOHOA_ESCL_DISCOVERY"] = "0"
os.environ.pop("SOHOA_ESCL_SCANNERS", None)


@pytest.fixture(autouse=True)
def _own_config(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """No test reads or writes the developer's workstation configuration (dossier.config)."""
    if "SOHOA_CONFIG" not in os.environ:
        monkeypatch.setenv("SOHOA_CONFIG", str(tmp_path_factory.mktemp("config") / "settings.json"))


@pytest.fixture(scope="session")
def pages_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("pages")


@pytest.fixture(scope="session")
def decision(pages_dir: Path):
    """A clean one-page decision at 300 dpi (the most common result an archivist scans)."""
    from tests.docgen import generate_document

    doc = generate_document(seed=11, document_type="decision", dpi=300, font="liberation_serif", pages=1)
    return doc.pages[0]


def save_png(page, path: Path) -> Path:
    """Write a generated page as a PNG that states its dpi, as a scanner would."""
    page.image.save(path, dpi=(page.dpi, page.dpi))
    return path


@pytest.fixture(scope="session")
def decision_png(decision, pages_dir: Path) -> Path:
    return save_png(decision, pages_dir / "decision.png")
