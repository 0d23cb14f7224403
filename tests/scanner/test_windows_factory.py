"""TWAIN and WIA are offered only on Windows, where their libraries are installed."""
from __future__ import annotations

import subprocess
import sys

import pytest

from scanner import DeviceGone, WorkerBridge
from scanner import service
from scanner.twain_backend import TwainBackend
from scanner.wia_backend import WiaBackend


@pytest.mark.skipif(sys.platform == "win32", reason="checks the behaviour off Windows")
def test_off_windows_they_are_neither_listed_nor_made():
    assert not {"twain", "wia"} & set(service.BACKEND_NAMES)
    for name in ("twain", "wia"):
        with pytest.raises(DeviceGone):
            service.make_backend(name)


def test_where_available_the_factory_makes_them_behind_the_bridge(monkeypatch):
    monkeypatch.setattr(service, "BACKEND_NAMES", (*service.BACKEND_NAMES, "wia", "twain"))
    assert isinstance(service.make_backend("twain", isolated=False), TwainBackend)
    bridge = service.make_backend("wia")
    assert isinstance(bridge, WorkerBridge) and isinstance(bridge.backend, WiaBackend)


def test_importing_them_loads_no_windows_library():
    code = "import sys, scanner.twain_backend, scanner.wia_backend; print(sorted({'twain', 'comtypes', 'win32com'} & set(sys.modules)))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
