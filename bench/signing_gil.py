"""Which calls of a signing run keep other threads of the process waiting for the GIL?

    .venv/bin/python bench/signing_gil.py [--documents 10] [--demo] [--top 25]

The desktop signs on a worker thread; a C call that does not release the GIL freezes the
UI thread for as long as it runs. This signs and verifies N documents (as the signing screen
does: ``dossier.signing_batch.sign_documents`` with the SoftHSM2 token or the demo identity)
on a thread whose profile hook times every C call, while the main thread sleeps 2 ms at a
time and notes each wake-up that came late. A C call is charged with the lateness that fell
inside it: the list shows the calls that held the main thread up, longest first, with the
Python line that made them.
"""
from __future__ import annotations

import argparse
import os
import sys
import tempfile
import threading
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.gui_latency import _thread_times  # noqa: E402 - after sys.path; each thread's (ns on a core, ns waiting)


class CallTimer:
    """A profile hook (one per process, every thread): each innermost C call (one that ran no
    Python code inside) over ``floor`` seconds, with its caller's line. Calls that wait with
    the GIL released (locks, polls, sleeps) are left out: they make no one wait."""

    WAITS = ("acquire", "poll", "select", "sleep", "wait", "get", "recv", "recv_into", "join")

    def __init__(self, floor: float = 0.003) -> None:
        self.floor = floor
        self.calls: list[tuple[float, float, str, str]] = []  # start, end, function, caller
        self._local = threading.local()

    def __call__(self, frame, event, arg) -> None:  # type: ignore[no-untyped-def]
        stack = getattr(self._local, "stack", None)
        if stack is None:
            stack = self._local.stack = []
        if event == "c_call":
            stack.append([time.perf_counter(), arg, True])
        elif event == "call":
            for entry in stack:
                entry[2] = False  # Python ran inside: not an innermost call
        elif event in ("c_return", "c_exception") and stack:
            start, function, leaf = stack.pop()
            end = time.perf_counter()
            name = getattr(function, "__name__", "")
            if leaf and end - start >= self.floor and name not in self.WAITS:
                module = getattr(function, "__module__", None) or type(getattr(function, "__self__", None)).__name__
                qualified = f"{module}.{getattr(function, '__qualname__', function)}"
                where = f"{_short(frame.f_code.co_filename)}:{frame.f_lineno} {frame.f_code.co_name}"
                self.calls.append((start, end, qualified, where))


def _short(path: str) -> str:
    for marker in ("site-packages/", "/main/", "lib/python3"):
        if marker in path:
            return path.split(marker, 1)[1]
    return path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=10)
    parser.add_argument("--demo", action="store_true")
    parser.add_argument("--top", type=int, default=25)
    parser.add_argument("--in-worker", action="store_true", help="sign and verify in the child process, as the desktop does")
    args = parser.parse_args(argv)
    folder = Path(tempfile.mkdtemp(prefix="sohoa-gil-"))

    from dossier.model import today_vn
    from dossier.signing_batch import sign_documents
    from dossier.signing_lane import Signer
    from dossier.signing_worker import SigningWorker
    from dossier.workspace import Workspace
    from signing.sign import SignOptions
    from tests.docgen import generate_document
    from tests.dossier.signing_fixtures import PAPER_DPI, add_reviewed

    services = None
    if args.demo:
        from dossier.demo_identity import DEMO_P12_PASSWORD, demo_identity

        signer = Signer(p12=demo_identity(folder), secret=DEMO_P12_PASSWORD.decode(),
                        options=SignOptions(stamp="digitizer"))
        roots: list = []
    else:
        from tests.signing.pki_setup import SOFTHSM_LIB, TOKEN_PIN

        from bench.ca_process import CaProcess

        services = CaProcess(folder)  # the CA's responders in their own process, as a real CA is elsewhere
        pki = services.pki
        os.environ["SOFTHSM2_CONF"] = str(pki.softhsm_conf)
        roots = [pki.root]
        signer = Signer(pkcs11=SOFTHSM_LIB, token_serial=pki.token_serial, key_id=pki.key_id, secret=TOKEN_PIN,
                        options=SignOptions(stamp="digitizer", trust_roots=(pki.root,)))
    page = generate_document(seed=31, document_type="decision", dpi=PAPER_DPI, pages=1).pages[0]
    pdf = folder / "decision.pdf"
    page.image.convert("RGB").save(pdf, resolution=PAPER_DPI)
    ws = Workspace.open(folder / "ws")
    dossier = ws.create_dossier(code="000.13.27.H38-" + today_vn().strftime("%y%m%d") + "-0001")
    ids = [add_reviewed(ws, dossier.id, pdf) for _ in range(args.documents)]
    # What the signing screen imports while the PIN dialog is open (desktop/screens/signing.py prepare).
    import signing.sign  # noqa: F401
    import signing.verify  # noqa: F401
    from pyhanko.sign.validation import ades  # noqa: F401

    timer = CallTimer()
    finished = threading.Event()

    def work() -> None:
        threading.setprofile(timer)
        sys.setprofile(timer)
        try:
            outcome = sign_documents(ws, signer, ids, verify_roots=roots, worker=SigningWorker() if args.in_worker else None)
            if len(outcome.signed) != len(ids):
                print(f"not all signed: {outcome}", file=sys.stderr)
        finally:
            sys.setprofile(None)
            finished.set()

    late: list[tuple[float, float]] = []  # main thread: (asked to wake, woke)
    queued = 0.0  # of the lateness: ready to run, waiting for a core (the machine's load, not the GIL)
    others = 0.0  # of the lateness: this process's other threads on a core
    worker = threading.Thread(target=work, name="signing")
    started = time.perf_counter()
    worker.start()
    main_tid = threading.get_native_id()
    while not finished.is_set():
        before_sched = _thread_times()
        before = time.perf_counter()
        time.sleep(0.002)
        after = time.perf_counter()
        if after - before > 0.012:
            late.append((before + 0.002, after))
            now_sched = _thread_times()
            queued += (now_sched[main_tid][1] - before_sched.get(main_tid, (0, 0))[1]) / 1e9
            others += sum(t[0] - before_sched.get(tid, (0, 0))[0] for tid, t in now_sched.items() if tid != main_tid) / 1e9
    took = time.perf_counter() - started
    worker.join()
    ws.close()
    if services is not None:
        services.close()

    charged: dict[tuple[str, str], list[float]] = defaultdict(lambda: [0.0, 0.0, 0])  # held, longest, count
    for start, end, name, where in timer.calls:
        held = sum(max(0.0, min(end, b) - max(start, a)) for a, b in late)
        if held <= 0:
            continue
        entry = charged[(name, where)]
        entry[0] += held
        entry[1] = max(entry[1], end - start)
        entry[2] += 1
    gaps = sorted((b - a for a, b in late), reverse=True)
    print(f"{args.documents} documents signed and verified in {took:.1f} s; load average {os.getloadavg()[0]:.1f}")
    print(f"main thread woke late {len(late)} times; longest {1000 * (gaps[0] if gaps else 0):.0f} ms, "
          f"total {1000 * sum(gaps):.0f} ms, of which {1000 * queued:.0f} ms waiting for a core "
          f"(other processes); this process's other threads ran {1000 * others:.0f} ms meanwhile")
    print("held the main thread up (ms, total / longest call / calls)  C call  <- Python line")
    for (name, where), (held, longest, count) in sorted(charged.items(), key=lambda kv: -kv[1][0])[:args.top]:
        print(f"{1000 * held:8.0f} {1000 * longest:6.0f} {count:4d}  {name}  <- {where}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
