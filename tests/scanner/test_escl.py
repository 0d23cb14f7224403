"""The eSCL (AirScan) driver against the eSCL test double (escl_server.py) on 127.0.0.1.

No network scanner can run here; the test double follows the Mopria eSCL protocol as
devices implement it. Faults go through the WorkerBridge, as in production. Discovery
runs the real zeroconf browse and announcements inside a private network namespace,
so no multicast ever leaves this machine's loopback.
"""
from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import numpy as np
import pytest
from PIL import Image
from zeroconf import ServiceInfo

from scanner import (
    ColorMode,
    CoverOpen,
    DeviceBusy,
    DeviceGone,
    DriverHung,
    FeederEmpty,
    NeverCancel,
    PageSize,
    PaperJam,
    ScanError,
    ScanSettings,
    Side,
    Source,
    UnsupportedSetting,
    WorkerBridge,
)
from scanner.escl import EsclClient, UnreadableReply
from scanner.escl_backend import EsclBackend
from scanner.escl_discovery import USCAN, USCANS, Announced, Collector, announced_scanner, merge
from scanner.messages import vietnamese_message
from scanner.operation import ScannerQueue, ScanOperation

from .escl_server import EsclTestServer, Faults, make_certificate, read_label, render_page

ROOT = Path(__file__).resolve().parents[2]
SMALL = PageSize(60, 40)  # 177×118 px at 75 dpi: fast, and the label cells stay 22 px wide
ADF = ScanSettings(Source.ADF, 75, ColorMode.COLOR, SMALL)
DUPLEX = ScanSettings(Source.DUPLEX, 75, ColorMode.COLOR, SMALL)


def client_for(server: EsclTestServer, **kw) -> EsclBackend:
    options = dict(discover=False, retry_pause=0.05, busy_retries=2, page_timeout=5.0)
    options.update(kw)
    return EsclBackend(manual=(server.url,), **options)


@pytest.fixture
def scanner():
    with EsclTestServer(sheets=3) as server:
        yield server


def scan_until_error(backend, device_id: str, settings: ScanSettings, cancel=None):
    pages, error = [], None
    try:
        for page in backend.scan(device_id, settings, cancel or NeverCancel()):
            pages.append(page)
    except ScanError as exc:
        error = exc
    return pages, error


def labels(pages) -> list[tuple[int, str]]:
    return [(read_label(p.image)[0], "back" if read_label(p.image)[1] else "front") for p in pages]


# -- capabilities and scanning ------------------------------------------------------------


def test_capabilities_come_from_scanner_capabilities():
    with EsclTestServer(resolutions=(100, 200, 300), adf_modes=("RGB24", "Grayscale8")) as server:
        caps = WorkerBridge(client_for(server)).capabilities(server.device_id)
    assert caps.sources == (Source.FLATBED, Source.ADF, Source.DUPLEX)
    assert caps.modes == (ColorMode.COLOR, ColorMode.GRAY, ColorMode.LINEART)
    assert caps.resolutions == (100, 200, 300)
    # 2550 × 4200 in 1/300 inch: Letter width, the feeder's legal-length maximum.
    assert caps.max_page_size == PageSize(215.9, 355.6)


def test_a_platen_only_scanner_has_no_feeder():
    with EsclTestServer(adf=False) as server:
        caps = client_for(server).capabilities(server.device_id)
    assert caps.sources == (Source.FLATBED,) and caps.max_page_size == PageSize(215.9, 297.0)


@pytest.mark.parametrize(
    ("mode", "formats", "expected_format", "channels"),
    [
        (ColorMode.COLOR, ("image/jpeg", "application/pdf"), "image/jpeg", 3),
        (ColorMode.GRAY, ("image/jpeg",), "image/jpeg", 1),
        (ColorMode.LINEART, ("image/jpeg", "application/pdf"), "application/pdf", 1),  # JPEG cannot hold 1-bit
        (ColorMode.COLOR, ("image/jpeg", "image/png"), "image/png", 3),  # lossless preferred
    ],
)
def test_flatbed_page_in_each_mode(mode, formats, expected_format, channels):
    with EsclTestServer(formats=formats) as server:
        settings = ScanSettings(Source.FLATBED, 150, mode, PageSize(100, 50))
        (page,) = client_for(server).scan(server.device_id, settings, NeverCancel())
        job = server.record.jobs[-1]
    assert job.fmt == expected_format and job.dpi == 150 and not job.feeder
    assert page.dpi == 150 and page.index == 0 and page.side is Side.FRONT and page.source is Source.FLATBED
    # The region travels in 1/300 inch, so a pixel may be lost or gained in the rounding.
    assert abs(page.width - 100 / 25.4 * 150) <= 1 and abs(page.height - 50 / 25.4 * 150) <= 1
    assert page.image.dtype == np.uint8 and (page.image.ndim == 3) == (channels == 3)
    assert read_label(page.image) == (1, False)
    if mode is ColorMode.LINEART:
        assert set(np.unique(page.image)) <= {0, 255}
    if mode is ColorMode.COLOR:
        red = page.image[page.height * 3 // 4, page.width // 2]
        assert red[0] > 150 and red[1] < 90  # the seal stays red
    if expected_format == "image/png":  # lossless all the way: the device's pixels exactly
        sent = np.asarray(render_page(1, False, page.width, page.height, "RGB24"))
        assert np.array_equal(page.image, sent)


def test_full_scan_area_when_no_page_size(scanner):
    (page,) = client_for(scanner).scan(scanner.device_id, ScanSettings(Source.FLATBED, 75, ColorMode.GRAY),
                                       NeverCancel())
    assert (page.width, page.height) == (638, 877)  # 2550×3508 units at 75 dpi


def test_adf_pages_stream_until_the_feeder_is_empty():
    with EsclTestServer(sheets=4) as server:
        backend = client_for(server)
        stream = backend.scan(server.device_id, ADF, NeverCancel())
        first = next(stream)
        assert server.sheets == 3  # the first page came while three sheets still waited
        pages = [first, *stream]
    assert [p.index for p in pages] == [0, 1, 2, 3]
    assert labels(pages) == [(1, "front"), (2, "front"), (3, "front"), (4, "front")]
    assert all(p.source is Source.ADF and p.side is Side.FRONT for p in pages)


def test_duplex_gives_front_then_back_of_each_sheet():
    with EsclTestServer(sheets=3) as server:
        pages = list(client_for(server).scan(server.device_id, DUPLEX, NeverCancel()))
        assert server.record.jobs[-1].duplex
    assert labels(pages) == [(1, "front"), (1, "back"), (2, "front"), (2, "back"), (3, "front"), (3, "back")]
    assert [p.side for p in pages] == [Side.FRONT, Side.BACK] * 3
    assert [p.index for p in pages] == list(range(6))


def test_a_device_that_is_not_ready_yet_is_waited_for():
    """Devices answer 503 to ScanJobs while finishing another job, and to NextDocument
    while the sheet is still being read: both are retried, nothing is lost."""
    with EsclTestServer(sheets=2, faults=Faults(busy_posts=2, not_ready=2)) as server:
        pages = list(client_for(server).scan(server.device_id, ADF, NeverCancel()))
    assert labels(pages) == [(1, "front"), (2, "front")]


@pytest.mark.parametrize("faults", [Faults(slow_page=1.5), Faults(trickle=1.5)], ids=["slow-scan", "slow-link"])
def test_a_slow_page_is_not_taken_for_a_hang(faults):
    """Pages that take 1.5 s, behind a watchdog of 1 s: a device that still answers
    ScannerStatus while it reads the sheet, or whose page arrives piece by piece, is
    alive; the worker is not killed and nothing is lost."""
    noise = Image.fromarray(np.random.default_rng(7).integers(0, 256, (300, 400, 3), dtype=np.uint8))
    with EsclTestServer(sheets=2, formats=("image/png",), fixed_page=noise, faults=faults) as server:
        backend = client_for(server, silence_timeout=0.8, status_every=0.2)
        bridge = WorkerBridge(backend, timeout=1.0)
        pages = list(bridge.scan(server.device_id, ScanSettings(Source.ADF, 75, ColorMode.COLOR, PageSize(130, 100))))
    assert len(pages) == 2
    assert np.array_equal(pages[1].image[:290, :380], np.asarray(noise)[:290, :380])  # lossless, in place


# -- faults, through the worker process as in production ------------------------------------


@pytest.mark.parametrize(
    ("faults", "sheets", "error", "kept"),
    [
        (Faults(jam_after=2), 5, PaperJam, 2),
        (Faults(cover_open_after=1), 5, CoverOpen, 1),
        (Faults(drop_after=2), 5, DeviceGone, 2),  # unplugged between pages
        (Faults(cut_after=1), 5, DeviceGone, 1),  # unplugged halfway through a page
        (Faults(hang_after=1), 5, DriverHung, 1),
        (Faults(busy_posts=100), 5, DeviceBusy, 0),
        (Faults(), 0, FeederEmpty, 0),
        (Faults(damaged_after=2), 5, UnreadableReply, 2),
    ],
    ids=["jam", "cover-open", "unplugged", "cut-off-mid-page", "hang", "busy", "feeder-empty", "damaged-page"],
)
def test_device_faults_reach_the_clerk_and_keep_the_pages(faults, sheets, error, kept):
    with EsclTestServer(sheets=sheets, faults=faults) as server:
        bridge = WorkerBridge(client_for(server, silence_timeout=1.0, status_every=0.2))
        started = time.monotonic()
        pages, raised = scan_until_error(bridge, server.device_id, ADF)
        elapsed = time.monotonic() - started
    assert type(raised) is error, raised
    assert raised.device_id == server.device_id and raised.page_index == kept
    assert labels(pages) == [(i + 1, "front") for i in range(kept)]
    assert elapsed < 10


@pytest.mark.parametrize(
    ("faults", "error"),
    [(Faults(jam_after=0), PaperJam), (Faults(cover_open_after=0), CoverOpen),
     (Faults(empty_feeder_404=True), FeederEmpty)],
    ids=["jammed-before", "cover-open-before", "empty-feeder-ends-job-at-once"],
)
def test_faults_before_the_first_sheet(faults, error):
    with EsclTestServer(sheets=0 if faults.empty_feeder_404 else 3, faults=faults) as server:
        pages, raised = scan_until_error(client_for(server), server.device_id, ADF)
    assert pages == [] and type(raised) is error and raised.page_index == 0


def test_an_empty_feeder_after_pages_is_the_end_of_the_batch():
    """Some devices answer 409 with ScannerAdfEmpty, not 404, after the last sheet."""
    with EsclTestServer(sheets=2) as server:
        backend = client_for(server)
        pages = []
        for page in backend.scan(server.device_id, ADF, NeverCancel()):
            pages.append(page)
            if len(pages) == 2:
                with server.lock:
                    server.adf_state = "ScannerAdfEmpty"
                    server.record.jobs[-1].state = "Aborted"  # → 409 Conflict
    assert len(pages) == 2


def test_cancel_mid_batch_deletes_the_job():
    cancel = threading.Event()
    with EsclTestServer(sheets=10) as server:
        pages = []
        for page in WorkerBridge(client_for(server)).scan(server.device_id, ADF, cancel):
            pages.append(page)
            if len(pages) == 2:
                cancel.set()
        job = server.record.jobs[-1]
        assert server.record.deleted == [job.id] and job.state == "Canceled"
        assert server.sheets >= 7  # the feeder stopped; at most one sheet was read ahead
    assert 2 <= len(pages) <= 3 and labels(pages)[:2] == [(1, "front"), (2, "front")]


def test_stopping_early_in_process_deletes_the_job(scanner):
    stream = client_for(scanner).scan(scanner.device_id, ADF, NeverCancel())
    next(stream)
    stream.close()
    assert scanner.record.deleted == [scanner.record.jobs[-1].id]


# -- settings the device cannot honour --------------------------------------------------------


@pytest.mark.parametrize(
    ("server_options", "settings", "message"),
    [
        ({}, ScanSettings(Source.FLATBED, 1200, ColorMode.COLOR, SMALL), "cannot scan at 1200 dpi"),
        ({"duplex": False}, DUPLEX, "no duplex source"),
        ({"adf_modes": ("RGB24",)}, ScanSettings(Source.ADF, 75, ColorMode.GRAY, SMALL), "feeder cannot scan in gray"),
        ({}, ScanSettings(Source.FLATBED, 75, ColorMode.COLOR, PageSize(210, 320)), "larger than the glass"),
    ],
    ids=["dpi", "duplex", "mode-on-feeder", "page-larger-than-glass"],
)
def test_unsupported_settings_are_refused_before_any_paper_moves(server_options, settings, message):
    with EsclTestServer(**server_options) as server:
        with pytest.raises(UnsupportedSetting, match=message) as refused:
            list(client_for(server).scan(server.device_id, settings, NeverCancel()))
        assert ("POST", "/eSCL/ScanJobs") not in server.record.requests
    assert "không hỗ trợ thiết lập này" not in vietnamese_message(refused.value)  # the clerk is told which one


def test_a_damaged_page_and_an_unusable_device_have_their_own_message(tmp_path: Path):
    with EsclTestServer(sheets=5, faults=Faults(damaged_after=2)) as server:
        queue = ScannerQueue(lambda _id: client_for(server))
        op = queue.submit(ScanOperation(server.device_id, ADF, tmp_path / "batch"))
        assert op.wait(30)
        queue.close()
    assert isinstance(op.error, UnreadableReply) and op.error.page_index == 2
    text = vietnamese_message(op.error, saved_pages=op.saved_in_batch())
    assert text == (f"Máy quét {server.device_id} gửi về trang 3 ở dạng không đọc được (dữ liệu bị hỏng). "
                    "Hãy tắt máy quét, bật lại, đặt tờ đó lên đầu xấp giấy (hoặc lên mặt kính) rồi bấm Tiếp tục; "
                    "2 trang đã quét vẫn được giữ nguyên.")
    with EsclTestServer(platen=False, adf=False) as server:  # states no source SoHoa can use
        with pytest.raises(UnreadableReply) as unusable:
            client_for(server).capabilities(server.device_id)
    text = vietnamese_message(unusable.value)
    assert "trả lời theo cách phần mềm không đọc được" in text and "báo quản trị viên" in text
    assert "chi tiết kỹ thuật" not in text  # not the generic message


def test_settings_the_device_refuses_at_scan_time(scanner):
    scanner.faults.refuse_dpi = (600,)
    with pytest.raises(UnsupportedSetting, match="refused these settings"):
        list(client_for(scanner).scan(scanner.device_id, ScanSettings(Source.FLATBED, 600), NeverCancel()))


def test_an_address_that_answers_nothing_is_a_device_gone():
    with socket.socket() as probe:  # a free port on loopback, with nobody listening
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    backend = EsclBackend(manual=(f"http://127.0.0.1:{port}/eSCL",), discover=False)
    with pytest.raises(DeviceGone, match="connection to the scanner was lost"):
        backend.capabilities(f"escl:http://127.0.0.1:{port}/eSCL")


# -- TLS -------------------------------------------------------------------------------------


def test_tls_refuses_an_unknown_certificate_and_accepts_the_configured_ca(tmp_path: Path):
    cert, key = make_certificate(tmp_path)
    with EsclTestServer(tls=(cert, key)) as server:
        assert server.url.startswith("https://")
        with pytest.raises(DeviceGone, match="certificate is not trusted") as refused:
            client_for(server).capabilities(server.device_id)
        # The clerk is told it is a matter for the administrator, not a cable to check.
        assert "Chứng chỉ bảo mật" in vietnamese_message(refused.value) and "quản trị viên" in vietnamese_message(
            refused.value)
        assert server.record.requests == []  # nothing was sent to the unverified device
        trusted = client_for(server, ca_bundle=str(cert))
        assert Source.ADF in trusted.capabilities(server.device_id).sources
        pages = list(WorkerBridge(trusted).scan(server.device_id, DUPLEX))
    assert labels(pages)[:2] == [(1, "front"), (1, "back")] and len(pages) == 6


def test_verification_cannot_be_switched_off():
    with pytest.raises(ValueError, match="cannot be turned off"):
        EsclClient("https://127.0.0.1/eSCL", verify=False)


# -- settings from the environment ---------------------------------------------------------------


def test_settings_from_the_environment(tmp_path: Path):
    backend = EsclBackend.from_environment({
        "SOHOA_ESCL_SCANNERS": "192.168.1.20, https://scan.local:8443/eSCL/;http://10.0.0.5/ipp/escl",
        "SOHOA_ESCL_CA": str(tmp_path / "ca.pem"),
        "SOHOA_ESCL_DISCOVERY": "off",
    })
    assert backend.manual == ("http://192.168.1.20/eSCL", "https://scan.local:8443/eSCL", "http://10.0.0.5/ipp/escl")
    assert backend.ca_bundle == str(tmp_path / "ca.pem") and backend.discover is False
    assert [d.id for d in backend.list_devices()][0] == "escl:http://192.168.1.20/eSCL"
    assert EsclBackend.from_environment({}).discover is True


def test_a_missing_ca_file_is_named(tmp_path: Path):
    backend = EsclBackend(manual=("https://127.0.0.1:9/eSCL",), ca_bundle=str(tmp_path / "nope.pem"), discover=False)
    with pytest.raises(DeviceGone, match="does not exist"):
        backend.capabilities("escl:https://127.0.0.1:9/eSCL")


# -- discovery ------------------------------------------------------------------------------------


def _info(kind: str, instance: str, port: int, **txt: str) -> ServiceInfo:
    return ServiceInfo(kind, f"{instance}.{kind}", addresses=[socket.inet_aton("127.0.0.1")], port=port,
                       properties=txt, server="scanner.local.")


def test_announcements_become_scanners():
    """The listener and the TXT reading, fed real zeroconf ServiceInfo objects (no network)."""
    collector = Collector()
    infos = [
        _info(USCAN, "HP OfficeJet", 80, rs="eSCL", ty="HP OfficeJet Pro", UUID="AB-1"),
        _info(USCANS, "HP OfficeJet", 443, rs="/eSCL", ty="HP OfficeJet Pro", UUID="ab-1"),
        _info(USCAN, "Canon", 8080, rs="", ty="Canon MF", UUID="c-2"),
        _info(USCAN, "Broken", 0, rs="eSCL"),
    ]
    for info in infos:
        collector.add_service(None, info.type, info.name)
    collector.remove_service(None, USCAN, "Broken." + USCAN)
    assert len(collector.names()) == 3
    found = merge([a for a in map(announced_scanner, infos) if a])
    assert found == [
        Announced("http://127.0.0.1:8080", "Canon MF", "c-2", False),
        Announced("https://127.0.0.1:443/eSCL", "HP OfficeJet Pro", "ab-1", True),  # https kept
    ]


def _in_network_namespace(*probe_args: str, multicast: bool = True) -> dict:
    """Run escl_mdns_probe in a new network namespace that has only a loopback interface."""
    if not shutil.which("unshare") or not shutil.which("ip"):
        pytest.skip("needs unshare (util-linux) and ip (iproute2): ./setup.sh installs them")
    unshare = ["unshare", "--net"] if os.geteuid() == 0 else ["unshare", "--user", "--map-root-user", "--net"]
    setup = "ip link set lo up && " + (
        "ip link set lo multicast on && ip route add 224.0.0.0/4 dev lo" if multicast else "ip link set lo multicast off")
    command = f"{setup} && exec {sys.executable} -m tests.scanner.escl_mdns_probe {' '.join(probe_args)}"
    done = subprocess.run([*unshare, "sh", "-c", command], cwd=ROOT, capture_output=True, text=True, timeout=60)
    if done.returncode != 0 and "Operation not permitted" in done.stderr:
        pytest.skip(f"this machine does not allow network namespaces: {done.stderr.strip()}")
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_discovery_finds_announced_scanners_over_real_mdns():
    result = _in_network_namespace()
    devices = {d["name"]: d["id"] for d in result["devices"]}
    # The typed-in address is also announced: listed once, under the device's own name.
    assert devices["Máy quét Một cửa"] == "escl:" + result["manual_url"]
    assert devices["Office MFP"] == "escl:https://127.0.0.1:8443/eSCL"  # http + https announced: https kept
    assert len(devices) == 2
    assert result["capabilities_sources"] == ["flatbed", "adf", "duplex"]  # the discovered URL works
    assert result["seconds"] <= 2.5


def test_without_multicast_discovery_fails_quietly_and_typed_scanners_stay():
    result = _in_network_namespace("--no-multicast", multicast=False)
    assert [d["id"] for d in result["devices"]] == ["escl:" + result["manual_url"]]
    assert result["seconds"] <= 2.5


# -- the command line -----------------------------------------------------------------------------


def test_sohoa_devices_lists_a_typed_in_escl_scanner(sane_test_device: str, scanner: EsclTestServer):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        dead = f"http://127.0.0.1:{probe.getsockname()[1]}/eSCL"
    env = dict(os.environ, SOHOA_ESCL_SCANNERS=f"{scanner.url},{dead}", SOHOA_ESCL_DISCOVERY="0")
    listed = subprocess.run([sys.executable, "-m", "desktop.launcher", "devices", "--json"],
                            capture_output=True, text=True, timeout=120, env=env, cwd=ROOT)
    assert listed.returncode == 0, listed.stderr
    devices = {d["id"]: d for d in json.loads(listed.stdout)}
    escl = devices[scanner.device_id]
    assert escl["backend"] == "escl"
    assert escl["capabilities"]["sources"] == ["flatbed", "adf", "duplex"]
    assert escl["capabilities"]["max_page_size"] == {"width_mm": 215.9, "height_mm": 355.6}
    assert "escl:" + dead in devices and devices["escl:" + dead]["capabilities"] is None  # reported, not fatal
    assert sane_test_device in devices  # the other drivers' scanners are still there
