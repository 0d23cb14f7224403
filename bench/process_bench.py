"""Workflow benchmark: the whole chain's throughput against OCR alone, and kill -9 at random moments.

    .venv/bin/python bench/process_bench.py [--pages 100] [--kills 20] [--only throughput|kill|worker] [--quick]
                                            [--worker-pages 10] [--rounds 1]

The batch: generated documents (tests/docgen, 1 or 2 pages, a third of them degraded like
real scans) at 300 dpi, one file per document (PNG, or a PDF of JPEG pages like a scanner's
scan-to-PDF), cached under bench/results/process-pages-N. The peers: the test PKI's SoftHSM2
token (key generated on the token, one PIN for the batch, PAdES B-B) and the reference store
on 127.0.0.1, each in its own process, as at a one-stop desk.

(a) Throughput, on the same files, each a `sohoa` process on 2 OCR workers:
  - ``sohoa ocr --pdfa``: OCR alone, the reference;
  - ``sohoa process``: import, clean-up, OCR, extraction; documents wait for review;
  - ``sohoa process --sign --pkcs11 … --upload --wait-for-review`` with a stand-in clerk who
    accepts each document as soon as it waits (in another process, through the workspace),
    so every document is signed and uploaded while the next ones are in OCR.
  - ``sohoa ocr --pdfa`` once more, so the two OCR runs bracket the others on a machine
    whose load drifts; the ratios are against their mean. With ``--rounds N`` the chain runs
    N times, each between two runs of OCR alone, and the ratio of the means is printed too.
  The figure of the issue is chain / OCR alone (≥ 0.9); chain / (process without signing
  and upload) shows what signing and upload cost once hidden behind OCR.

(w) ``--only worker``: where an OCR worker's time goes, on the batch's first ``--worker-pages``
  pages, in this process on one core: the page chain of ``sohoa ocr`` (``ocr.page.process_page``)
  and the same with the words kept for extraction, as ``sohoa process`` runs it, each step's CPU
  ms a page (loading, clean-up, OCR, codes, second readings and their crops at each size,
  image encoding), so the cost of the extraction work in the workers is seen apart from
  everything else the chain does.

(b) Kill -9: one batch, ``--kills`` runs of ``sohoa process --sign … --upload`` each killed
  (SIGKILL to the whole process group: the OCR workers die too, as in a power cut) after a
  random 0.5-12 s, then a last run to the end. Prints what must hold: every document on the
  store exactly once with the hash the workspace recorded, no page lost (the stored PDFs'
  pages add up to the batch), no finished OCR redone (the workspace's OCR journal: no page
  starts again after its result was saved), one outbox entry per document.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import resource
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from datastore.client import StoreClient  # noqa: E402
from datastore.credentials import StoreCredentials  # noqa: E402
from datastore.outbox import Outbox  # noqa: E402
from datastore.server import add_client  # noqa: E402
from dossier.model import DocumentState  # noqa: E402
from dossier.workspace import Workspace, WorkspaceError  # noqa: E402
from tests.datastore.store_process import StoreProcess  # noqa: E402
from tests.signing.pki_setup import SOFTHSM_LIB, TOKEN_PIN, build_pki  # noqa: E402

# ``sohoa`` (desktop.launcher, as ``python -m`` runs it), which also says on its way out how its
# CPU time splits between its own process (import, extraction, signing, upload, bookkeeping) and
# the OCR workers it waited for (``cpu_split``); a killed run says nothing.
SOHOA = [sys.executable, "-c", (
    "import atexit, resource, runpy, sys\n"
    "def said():\n"
    "    own, workers = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)\n"
    "    print(f'cpu split: {own.ru_utime + own.ru_stime:.2f} {workers.ru_utime + workers.ru_stime:.2f}',\n"
    "          file=sys.stderr)\n"
    "atexit.register(said)\n"
    "sys.argv = ['sohoa', *sys.argv[1:]]\n"
    "runpy.run_module('desktop.launcher', run_name='__main__')\n")]
TYPES = (("decision", 2), ("official_letter", 1), ("application_form", 1), ("receipt", 1), ("notice", 2),
         ("certificate", 1), ("report", 2), ("license", 1), ("submission", 1))


def make_batch(pages: int, folder: Path) -> list[Path]:
    """Documents adding up to ``pages`` pages, generated once and cached."""
    from tests.docgen import degrade, generate_document

    folder.mkdir(parents=True, exist_ok=True)
    done = folder / "files.json"
    if done.exists():
        return [folder / name for name in json.loads(done.read_text())]
    files, total, i = [], 0, 0
    while total < pages:
        kind, count = TYPES[i % len(TYPES)]
        count = min(count, pages - total)
        doc = generate_document(seed=7000 + i, document_type=kind, dpi=300, pages=count)
        images = [(degrade(p, seed=7000 + i + n) if i % 3 == 2 else p).image.convert("RGB")
                  for n, p in enumerate(doc.pages)]
        if count == 1:
            path = folder / f"{i:03d}-{kind}.png"
            images[0].save(path, dpi=(300, 300))
        else:
            path = folder / f"{i:03d}-{kind}.pdf"
            images[0].save(path, save_all=True, append_images=images[1:], resolution=300, quality=90)
        files.append(path)
        total += count
        i += 1
    done.write_text(json.dumps([p.name for p in files]))
    return files


class Clerk:
    """A person at the review screen: accepts each document waiting in ``extracted``."""

    def __init__(self, folder: Path) -> None:
        self.folder, self.stop = folder, threading.Event()
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()

    def _run(self) -> None:
        while not (self.folder / "sohoa.db").exists() and not self.stop.wait(0.05):
            pass
        try:
            ws = Workspace.open(self.folder, user="người duyệt (benchmark)")
        except Exception:  # noqa: BLE001 - the first run may be killed while creating it
            time.sleep(0.2)
            return self._run() if not self.stop.is_set() else None
        with ws:
            while not self.stop.wait(0.1):
                try:
                    for document in ws.documents_in_state(DocumentState.EXTRACTED):
                        try:
                            ws.accept_review(document.id)
                        except WorkspaceError:
                            pass
                except Exception:  # noqa: BLE001 - a busy database: look again
                    continue

    def close(self) -> None:
        self.stop.set()
        self.thread.join(10)


def timed(cmd: list[str], env: dict[str, str]) -> tuple[float, float, subprocess.CompletedProcess]:
    """Wall seconds, CPU seconds (user + system of the command and every process it waited
    for: its OCR workers) and the result. On a shared machine the CPU time is the steadier
    figure: on an otherwise idle 2-core machine the wall times follow it."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.monotonic()
    result = subprocess.run(cmd, env=env, capture_output=True, text=True, stdin=subprocess.DEVNULL)
    wall = time.monotonic() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, result


def cpu_split(result: subprocess.CompletedProcess) -> str:
    """The ", main process X CPU s, OCR workers Y" a SOHOA run says on its way out, or ""."""
    for text in reversed(result.stderr.splitlines()):
        if text.startswith("cpu split: "):
            own, workers = text.split()[2:4]
            return f", main process {float(own):.1f} CPU s, OCR workers {float(workers):.1f}"
    return ""


def states(folder: Path) -> dict[int, DocumentState]:
    with Workspace.open(folder) as ws, ws.reading() as db:
        return {i: DocumentState(s) for i, s in db.execute("SELECT id, state FROM documents WHERE removed = 0")}


def journal(folder: Path) -> list[tuple[str, int]]:
    path = folder / "ocr-journal.log"
    if not path.exists():
        return []
    return [(line.split()[0], int(line.split()[1])) for line in path.read_text().splitlines() if line.strip()]


def first_page(folder: Path) -> tuple[float, float]:
    """When the run's first page went to an OCR worker and when the first page was read (the
    journal's first ``start`` and its earliest ``done``)."""
    entries = [line.split() for line in (folder / "ocr-journal.log").read_text().splitlines() if line.strip()]
    return float(entries[0][3]), min(float(e[3]) for e in entries if e[0] == "done")


def throughput(files: list[Path], pages: int, work: Path, env: dict[str, str], token: list[str],
               rounds: int = 1) -> None:
    print(f"(a) throughput, {pages} pages in {len(files)} documents, 2 OCR workers, {rounds} round(s); load before: "
          f"{os.getloadavg()[0]:.1f}", flush=True)
    names = [str(p) for p in files]

    def line(name: str, wall: float, cpu: float, extra: str = "") -> None:
        print(f"  {name:40} {wall:7.1f} s  {60 * pages / wall:6.1f} pages/min  {cpu / pages:5.2f} CPU s/page"
              f"  (load {os.getloadavg()[0]:.1f}){extra}", flush=True)

    def ocr_alone(n: int) -> tuple[float, float]:
        wall, cpu, result = timed([*SOHOA, "ocr", *names, "-o", str(work / f"ocr-{n}.pdf"), "--pdfa",
                                   "--jobs", "2"], env)
        if result.returncode != 0:
            raise SystemExit(f"sohoa ocr failed: {result.stderr[-2000:]}")
        line("sohoa ocr --pdfa", wall, cpu, cpu_split(result))
        return wall, cpu

    def chain(n: int) -> tuple[float, float]:
        chain_ws = work / f"chain-{n}"
        clerk = Clerk(chain_ws)
        begun = time.time()
        try:
            wall, cpu, result = timed([*SOHOA, "process", *names, "--workspace", str(chain_ws), "--jobs", "2",
                                       *token, "--wait-for-review", "--json"], env)
        finally:
            clerk.close()
        if result.returncode != 0:
            raise SystemExit(f"sohoa process (chain) failed: {result.stderr[-3000:]}")
        summary = json.loads(result.stdout)
        line("sohoa process --sign --upload (clerk)", wall, cpu,
             f"  {summary['uploaded']}/{summary['documents']} uploaded, {summary['pages_ocr']} pages OCR'd"
             f"{cpu_split(result)}")
        handed, read = first_page(chain_ws)
        print(f"    first page to an OCR worker {handed - begun:.2f} s after the start (PIN, module imports and"
              f" the files' import before it); first page read {read - begun:.2f} s after the start", flush=True)
        if summary["uploaded"] != summary["documents"]:
            print(f"  NOT every document was uploaded: {summary['failed']}")
        return wall, cpu

    # OCR alone before and after each run of the chain: on a shared machine the speed drifts
    # by 5-10 % within minutes, and each chain is compared with the OCR runs bracketing it.
    ocr_runs, chain_runs = [ocr_alone(0)], []
    for n in range(rounds):
        chain_runs.append(chain(n))
        if n == 0:
            wall_read, cpu_read, result = timed([*SOHOA, "process", *names, "--workspace",
                                                 str(work / "read"), "--jobs", "2", "--json"], env)
            if result.returncode != 0:
                raise SystemExit(f"sohoa process (read) failed: {result.stderr[-2000:]}")
            line("sohoa process (OCR + extraction only)", wall_read, cpu_read, cpu_split(result))
        ocr_runs.append(ocr_alone(n + 1))
    for n, (wall, cpu) in enumerate(chain_runs):
        (wall_a, cpu_a), (wall_b, cpu_b) = ocr_runs[n], ocr_runs[n + 1]
        print(f"  round {n + 1}: chain / OCR alone (mean of the OCR runs before and after): "
              f"wall {(wall_a + wall_b) / 2 / wall:.2f}, CPU {(cpu_a + cpu_b) / 2 / cpu:.2f}")
    wall_ocr = sum(w for w, _ in ocr_runs) / len(ocr_runs)
    cpu_ocr = sum(c for _, c in ocr_runs) / len(ocr_runs)
    wall_chain = sum(w for w, _ in chain_runs) / rounds
    cpu_chain = sum(c for _, c in chain_runs) / rounds
    print(f"  chain / OCR alone (means of all runs): wall {wall_ocr / wall_chain:.2f}, CPU {cpu_ocr / cpu_chain:.2f}"
          "  (issue: >= 0.9)")
    wall_first, cpu_first = chain_runs[0]
    print(f"  chain / OCR + extraction (first round):  wall {wall_read / wall_first:.2f}, CPU {cpu_read / cpu_first:.2f}  "
          "(what signing and upload cost once hidden behind OCR)")


def worker_profile(files: list[Path], count: int) -> None:
    """CPU ms a page of each step of the OCR worker's page chain, without and with extraction's work."""
    import cv2

    import ocr.extract.reread as reread
    import ocr.page as page
    from ocr.engine import make_engine
    from ocr.report import OcrOptions
    from ocr.sources import list_pages

    os.environ["OMP_THREAD_LIMIT"] = "1"  # as in the workers (ocr.job)
    cv2.setNumThreads(1)
    refs = [ref for path in files for ref in list_pages(path, force=True)][:count]
    engine = make_engine("auto", "vie")
    spent: dict[str, float] = {}
    counts: dict[str, int] = {}

    def timed_step(module: object, name: str, label: str) -> None:
        step = getattr(module, name)

        def run(*args: object, **kwargs: object) -> object:
            started = time.process_time()
            try:
                return step(*args, **kwargs)
            finally:
                spent[label] = spent.get(label, 0.0) + time.process_time() - started
        setattr(module, name, run)

    for module, name, label in ((page, "load_page", "load"), (page.cleanup, "clean_page", "clean-up"),
                                (page, "_recognize", "OCR"), (page, "read_codes", "codes"),
                                (page, "_reread", "second readings"), (page, "_encode", "image encoding"),
                                (page.textpdf, "write_page_pdf", "PDF page")):
        timed_step(module, name, label)
    second_readings = reread.reread

    def timed_reread(image, ocr_scale, words, width, height, recognize):  # each crop timed, by its size
        def timed_read(crop, scale):
            label = "  crops at size" if scale == 1.0 else f"  crops enlarged {scale}x"
            started = time.process_time()
            try:
                return recognize(crop, scale)
            finally:
                spent[label] = spent.get(label, 0.0) + time.process_time() - started
                counts[label] = counts.get(label, 0) + 1
        return second_readings(image, ocr_scale, words, width, height, timed_read)
    reread.reread = timed_reread
    print(f"(w) one OCR worker on {len(refs)} pages, this process, CPU ms a page (load {os.getloadavg()[0]:.1f})")
    with tempfile.TemporaryDirectory(prefix="sohoa-worker-bench-") as folder:
        # Once first, as a worker's first page: the crops' Tesseract and the spelling tables load.
        page.process_page(refs[0], 0, Path(folder), OcrOptions(keep_words=True), engine)
        for kind, keep in (("sohoa ocr's page chain", False), ("with extraction's work (sohoa process)", True)):
            spent.clear()
            counts.clear()
            started = time.process_time()
            for number, ref in enumerate(refs, 1):
                page.process_page(ref, number, Path(folder), OcrOptions(keep_words=keep), engine)
            total = time.process_time() - started
            steps = ", ".join(f"{label.strip()} {1000 * value / len(refs):.0f}"
                              + (f" ({counts[label] / len(refs):.1f} a page)" if label in counts else "")
                              for label, value in spent.items())
            print(f"  {kind:40} {1000 * total / len(refs):5.0f} ms: {steps}")


def kills(files: list[Path], pages: int, work: Path, env: dict[str, str], token: list[str], runs: int,
          credentials: StoreCredentials, seed: int) -> None:
    print(f"(b) kill -9 at random moments: {runs} killed runs of one {pages}-page batch, then a run to the end")
    rng = random.Random(seed)
    folder = work / "killed"
    args = [*SOHOA, "process", *map(str, files), "--workspace", str(folder), "--jobs", "2", *token]
    before = {item["sha256"] for item in StoreClient(credentials).find_documents()}
    clerk = Clerk(folder)
    moments: list[str] = []
    try:
        for run in range(runs):
            delay = rng.uniform(0.5, 12.0)
            process = subprocess.Popen(args, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                       stdin=subprocess.DEVNULL, start_new_session=True)
            try:
                process.wait(delay)
                moments.append(f"{delay:.1f}s:ended")
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait(30)
                now = states(folder) if (folder / "sohoa.db").exists() else {}
                done = sum(1 for s in now.values() if s is DocumentState.UPLOADED)
                moments.append(f"{delay:.1f}s:{done}up")
        final_runs = 0
        while True:
            final_runs += 1
            result = subprocess.run([*args, "--wait-for-review"], env=env, capture_output=True, text=True,
                                    stdin=subprocess.DEVNULL)
            now = states(folder)
            if set(now.values()) == {DocumentState.UPLOADED} or final_runs >= 3:
                break
            print(f"  a final run left {sorted(s.value for s in now.values())}: {result.stderr[-500:]}")
    finally:
        clerk.close()
    print(f"  kills: {' '.join(moments)}")
    now = states(folder)
    with Workspace.open(folder) as ws:
        hashes = {i: ws.get_document(i).signed_sha256 for i in now}
        page_ids = [p.id for i in now for p in ws.pages_of(i)]
    items = [item for item in StoreClient(credentials).find_documents() if item["sha256"] not in before]
    stored = [item["sha256"] for item in items]
    entries = journal(folder)
    finished: set[int] = set()
    redone, starts, saved = [], 0, 0
    for what, page in entries:
        if what == "start":
            starts += 1
            if page in finished:
                redone.append(page)
        else:
            saved += 1
            finished.add(page)
    outbox = Outbox(folder / "outbox")
    outbox_entries = [e.sha256 for e in outbox.list()]
    outbox.close()
    stored_pages = sum(item["metadata"]["pages"] for item in items)
    print(f"  documents: {len(now)}, uploaded: {sum(s is DocumentState.UPLOADED for s in now.values())}, "
          f"on the store: {len(stored)} (distinct {len(set(stored))}), "
          f"hash = workspace's: {sorted(stored) == sorted(h for h in hashes.values() if h)}")
    print(f"  pages: {pages} in the batch, {len(page_ids)} in the workspace, {stored_pages} in the stored PDFs")
    print(f"  OCR: {starts} pages started, {saved} results saved ({len(set(p for w, p in entries if w == 'done'))} "
          f"distinct pages), {starts - saved} lost in flight to a kill, {len(redone)} finished pages redone")
    print(f"  outbox entries: {len(outbox_entries)} for {len(set(outbox_entries))} hashes; final runs: {final_runs}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pages", type=int, default=100)
    parser.add_argument("--kills", type=int, default=20)
    parser.add_argument("--only", choices=("throughput", "kill", "worker"))
    parser.add_argument("--worker-pages", type=int, default=10, help="pages of the worker profile (w)")
    parser.add_argument("--rounds", type=int, default=1,
                        help="runs of the chain in (a), each between two runs of OCR alone")
    parser.add_argument("--quick", action="store_true", help="12 pages and 4 kills, for development")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    if args.quick:
        args.pages, args.kills = 12, 4
    files = make_batch(args.pages, ROOT / "bench" / "results" / f"process-pages-{args.pages}")
    if args.only == "worker":
        return worker_profile(files, args.worker_pages)
    with tempfile.TemporaryDirectory(prefix="sohoa-process-bench-") as scratch:
        work = Path(scratch)
        (work / "pki").mkdir()
        pki, services = build_pki(work / "pki")
        data = work / "store"
        client_id, secret = add_client(data, "benchmark workstation")
        store = StoreProcess(data).start()
        credentials = StoreCredentials(store.url, client_id, secret)
        env = {k: v for k, v in os.environ.items() if not k.startswith("SOHOA_")}
        env.update(SOFTHSM2_CONF=str(pki.softhsm_conf), SOHOA_PIN=TOKEN_PIN, SOHOA_STORE_URL=store.url,
                   SOHOA_STORE_CLIENT_ID=client_id, SOHOA_STORE_CLIENT_SECRET=secret,
                   PYTHON_KEYRING_BACKEND="keyring.backends.null.Keyring", OMP_THREAD_LIMIT="1")
        token = ["--sign", "--pkcs11", SOFTHSM_LIB, "--token-serial", pki.token_serial, "--key-id",
                 pki.key_id.hex(), "--level", "B-B", "--upload"]
        try:
            if args.only in (None, "throughput"):
                throughput(files, args.pages, work, env, token, args.rounds)
            if args.only in (None, "kill"):
                kills(files, args.pages, work, env, token, args.kills, credentials, args.seed)
        finally:
            store.stop()
            services.close()


if __name__ == "__main__":
    main()
