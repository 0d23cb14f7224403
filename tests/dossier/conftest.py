"""Fixtures of the workflow-core tests: a fresh workspace, and page images to put in it."""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PIL import Image

from dossier.workspace import Workspace


@pytest.fixture
def workspace(tmp_path: Path) -> Iterator[Workspace]:
    with Workspace.open(tmp_path / "ws", user="cán bộ một cửa") as ws:
        yield ws


@pytest.fixture
def page_images(tmp_path: Path) -> list[Path]:
    """Five small distinct PNGs standing in for scanned pages (page operations never read them)."""
    folder = tmp_path / "scans"
    folder.mkdir()
    paths = []
    for number in range(1, 6):
        path = folder / f"page-{number}.png"
        Image.new("L", (40, 56), color=40 * number).save(path)
        paths.append(path)
    return paths
