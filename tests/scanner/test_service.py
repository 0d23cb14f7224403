"""The functions `sohoa devices` and `sohoa scan` call, against the SANE test device."""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np
from PIL import Image

from scanner import ColorMode, DeviceInfo, PageFormat, PageSize, ScanSettings, Source, list_devices, scan_to_folder
from scanner.service import make_backend


def test_devices_as_json_and_lines(sane_test_device):
    infos = list_devices()
    info = next(i for i in infos if i.device.id == sane_test_device)
    assert isinstance(info, DeviceInfo)
    data = json.loads(json.dumps(info.to_dict()))
    assert data["capabilities"]["sources"] == ["flatbed", "adf"]
    assert data["capabilities"]["max_page_size"] == {"width_mm": 200.0, "height_mm": 200.0}
    assert info.summary().startswith("sane:test:0\t")


def test_scan_to_folder_writes_each_page_losslessly_as_it_arrives(sane_test_device, tmp_path: Path):
    lines = []
    settings = ScanSettings(Source.ADF, 150, ColorMode.COLOR, PageSize(40, 30))
    written = scan_to_folder(
        sane_test_device, settings, tmp_path / "out",
        on_page=lambda path, page: lines.append(f"{path.name} {page.width}x{page.height}"),
    )
    assert [p.name for p in written] == [f"page-{i:04d}.tif" for i in range(1, 11)]
    assert len(lines) == 10 and lines[0].startswith("page-0001.tif ")
    with Image.open(written[0]) as img:
        assert img.info["dpi"][0] == 150 and img.mode == "RGB"
    assert not list((tmp_path / "out").glob(".*.part"))


def test_png_pages_match_the_driver_pixels(sane_test_device, tmp_path: Path):
    settings = ScanSettings(Source.FLATBED, 150, ColorMode.GRAY, PageSize(30, 30))
    (path,) = scan_to_folder(sane_test_device, settings, tmp_path, fmt=PageFormat.PNG, isolated=False)
    backend = make_backend("sane", isolated=False)
    from scanner import NeverCancel

    (page,) = backend.scan(sane_test_device, settings, NeverCancel())
    with Image.open(path) as img:
        assert np.array_equal(np.asarray(img), page.image)
