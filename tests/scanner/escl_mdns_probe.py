"""Real mDNS discovery of eSCL scanners, run ONLY inside a private network namespace.

test_escl.py starts this module under ``unshare --net`` where the only interface is a
loopback with multicast routed to it, so the zeroconf announcements and queries never
leave the namespace. It announces test-double scanners (escl_server.py) the way
devices do, runs the product's discovery, and prints what was found as JSON.

    --no-multicast   announce nothing; the namespace has no multicast route, as on a
                     network where mDNS cannot work: discovery must fail quietly, in time
"""
from __future__ import annotations

import json
import socket
import sys
import time

from zeroconf import IPVersion, ServiceInfo, Zeroconf

from scanner.escl_backend import EsclBackend
from tests.scanner.escl_server import EsclTestServer

NAME = "Máy quét Một cửa"  # devices send UTF-8 names in TXT 'ty'


def announce(zc: Zeroconf, kind: str, instance: str, port: int, uuid: str, rs: str = "eSCL") -> None:
    """Register one scanner service with the TXT keys devices send."""
    info = ServiceInfo(
        f"{kind}._tcp.local.", f"{instance}.{kind}._tcp.local.",
        addresses=[socket.inet_aton("127.0.0.1")], port=port, server=f"{instance.replace(' ', '-')}.local.",
        properties={"txtvers": "1", "rs": rs, "ty": NAME if instance == "scanner-a" else instance,
                    "UUID": uuid, "pdl": "image/jpeg,application/pdf", "cs": "color,grayscale,binary",
                    "is": "platen,adf", "duplex": "T"},
    )
    zc.register_service(info, cooperating_responders=True)  # names are unique here: skip probing


def main(argv: list[str]) -> int:
    with EsclTestServer() as scanner_a:
        backend = EsclBackend(manual=(scanner_a.url,), discover=True)
        announcer = None
        if "--no-multicast" not in argv:
            announcer = Zeroconf(interfaces=["127.0.0.1"], ip_version=IPVersion.V4Only)
            announce(announcer, "_uscan", "scanner-a", scanner_a.port, scanner_a.uuid)
            # One device on http and https with the same UUID; the https one must be kept.
            announce(announcer, "_uscan", "Office MFP", 8080, "4509a320-00a0-008f-00b6-002507510eca", "/eSCL/")
            announce(announcer, "_uscans", "Office MFP", 8443, "4509a320-00a0-008f-00b6-002507510eca", "/eSCL/")
            # Devices announce at power-on, not as a client looks; and a responder does not
            # repeat a record within a second (RFC 6762 §6), so let the announcements age.
            time.sleep(1.1)
        try:
            started = time.monotonic()
            devices = backend.list_devices()
            seconds = time.monotonic() - started
            by_name = {d.name: d for d in devices}
            caps = backend.capabilities(by_name[NAME].id) if NAME in by_name else None
        finally:
            if announcer is not None:
                announcer.close()
    json.dump({
        "devices": [{"id": d.id, "name": d.name} for d in devices],
        "seconds": round(seconds, 2),
        "capabilities_sources": [s.value for s in caps.sources] if caps else None,
        "manual_url": scanner_a.url,
    }, sys.stdout, ensure_ascii=False)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
