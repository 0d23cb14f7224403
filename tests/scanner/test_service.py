"""The functions `sohoa devices` and `sohoa scan` call, against the SANE test device."""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from scanner import (
    ColorMode,
    DeviceInfo,
    NeverCancel,
    OperationState,
    PageFormat,
    PageSize,
    ScannerQueue,
    ScanOperation,
    ScanSettings,
    Source,
    list_devices,
    write_page,
)
from scanner import pagefile
from scanner.service import make_backend


def test_devices_as_json_and_lines(sane_test_device):
    infos = list_devices()
    info = next(i for i in infos if i.device.id == sane_test_device)
    assert isinstance(info, DeviceInfo)
    data = json.loads(json.dumps(info.to_dict()))
    assert data["capabilities"]["sources"] == ["flatbed", "adf"]
    assert data["capabilities"]["max_page_size"] == {"width_mm": 200.0, "height_mm": 200.0}
    assert info.summary().startswith("sane:test:0\t")


def _operation(device_id: str, settings: ScanSettings, folder: Path, **kw) -> ScanOperation:
    """A batch run in this process on the SANE test device, as `sohoa scan` runs one in a worker."""
    queue = ScannerQueue(lambda _id: make_backend("sane", isolated=False))
    try:
        op = queue.submit(ScanOperation(device_id, settings, folder, **kw))
        assert op.wait(60), op.state
    finally:
        queue.close()
    return op


def test_a_batch_writes_each_page_losslessly_as_it_arrives(sane_test_device, tmp_path: Path):
    lines = []
    settings = ScanSettings(Source.ADF, 150, ColorMode.COLOR, PageSize(40, 30))
    op = _operation(sane_test_device, settings, tmp_path / "out",
                    on_page=lambda o, path, page: lines.append(f"{path.name} {page.width}x{page.height}"))
    assert op.state is OperationState.DONE, op.error
    assert [p.name for p in op.pages] == [f"page-{i:04d}.tif" for i in range(1, 11)]
    assert len(lines) == 10 and lines[0].startswith("page-0001.tif ")
    with Image.open(op.pages[0]) as img:
        assert img.info["dpi"][0] == 150 and img.mode == "RGB"
    assert not list((tmp_path / "out").glob(".*.part"))


def test_png_pages_match_the_driver_pixels(sane_test_device, tmp_path: Path):
    settings = ScanSettings(Source.FLATBED, 150, ColorMode.GRAY, PageSize(30, 30))
    (path,) = _operation(sane_test_device, settings, tmp_path, fmt=PageFormat.PNG).pages
    (page,) = make_backend("sane", isolated=False).scan(sane_test_device, settings, NeverCancel())
    with Image.open(path) as img:
        assert np.array_equal(np.asarray(img), page.image)


def test_no_writer_can_put_a_page_over_another(sane_test_device, tmp_path: Path):
    """write_page itself refuses a taken name, so code outside the operation cannot overwrite either."""
    settings = ScanSettings(Source.FLATBED, 75, ColorMode.GRAY, PageSize(20, 20))
    (page,) = make_backend("sane", isolated=False).scan(sane_test_device, settings, NeverCancel())
    folder = tmp_path / "batch"
    folder.mkdir()
    first = write_page(page, folder)
    kept = first.read_bytes()
    with pytest.raises(FileExistsError):
        write_page(page, folder)  # the same index, so the same name
    assert first.read_bytes() == kept
    # A file that takes the name while the page is being written is not replaced either.
    partial = folder / ".page-0001.tif.part"
    partial.write_bytes(b"late page")
    with pytest.raises(FileExistsError):
        pagefile._publish(partial, first)
    assert first.read_bytes() == kept
    assert sorted(p.name for p in folder.iterdir()) == ["page-0001.tif"]  # no .part left behind
