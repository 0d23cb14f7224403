#!/usr/bin/env bash
# Sets SoHoa up on a Debian/Ubuntu machine (idempotent), then runs one of:
#   ./setup.sh            the main job on its built-in defaults: the desktop app on sample dossiers
#                         (no display: sohoa demo, the whole chain, and the app opened once under Xvfb)
#   ./setup.sh --test     the whole test suite (extra arguments go to pytest)
#   ./setup.sh --bench    also prepares the benchmark environment (OCRmyPDF), runs nothing
#   ./setup.sh --only     sets up and runs nothing
# Run as root or with sudo rights: it installs Debian packages.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
ROOT=$(pwd)

mode=run
if [ $# -gt 0 ]; then
  case "$1" in
    --test) mode=test; shift ;;
    --bench) mode=bench; shift ;;
    --only) mode=only; shift ;;
    -h|--help) sed -n '2,8p' "$0"; exit 0 ;;
    *) echo "setup.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi

# Debian packages. A C compiler and Python headers (python-sane builds from source
# against libsane-dev); Tesseract with the Vietnamese model ("vie"), the Vietnamese script
# model and orientation detection ("osd"); fonts with every Vietnamese glyph
# (fonts-liberation version 1 lacks them: use liberation2); SANE with its test
# scanner; SoftHSM2 and OpenSC for PKCS#11 tokens; PostgreSQL for the data store's
# scale-out tests (the tests start their own throw-away cluster); Xvfb and the X/GL libraries Qt needs
# (even its offscreen platform links libEGL and libGL); poppler for pdftotext checks;
# iproute2 to give the eSCL discovery test a private loopback-only network namespace;
# GNOME Keyring and a D-Bus daemon: the Secret Service that keeps the store's client secret
# (the tests start their own on a private session bus, tests/secret_service.py).
APT_PACKAGES=(
  python3 python3-venv python3-dev build-essential
  tesseract-ocr tesseract-ocr-vie tesseract-ocr-osd tesseract-ocr-script-viet
  fonts-liberation2 fonts-dejavu-core fonts-dejavu-extra fonts-freefont-ttf
  poppler-utils ghostscript qpdf
  sane-utils libsane-dev softhsm2 opensc iproute2
  postgresql
  xvfb xauth libegl1 libgl1 libxkbcommon-x11-0 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1
  libfontconfig1 libdbus-1-3
  dbus-daemon gnome-keyring
)

missing=()
for pkg in "${APT_PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$pkg")
  fi
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing Debian packages: ${missing[*]}"
  $SUDO apt-get update -qq
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# Python >= 3.11: the newest one on PATH.
PYTHON=""
for candidate in python3.13 python3.12 python3.11 python3; do
  if command -v "$candidate" >/dev/null 2>&1 &&
     "$candidate" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else 1)' 2>/dev/null; then
    PYTHON=$(command -v "$candidate"); break
  fi
done
if [ -z "$PYTHON" ]; then
  echo "setup: SoHoa needs Python 3.11 or newer; none was found on PATH" >&2
  exit 1
fi

stamp_of() { cat pyproject.toml "$@" 2>/dev/null | sha256sum | cut -d' ' -f1; }
if [ ! -x .venv/bin/python ]; then
  echo "setup: creating .venv with $PYTHON"
  "$PYTHON" -m venv .venv
fi
want=$(stamp_of)
if [ "$(cat .venv/.sohoa-installed 2>/dev/null)" != "$want" ] || [ ! -x .venv/bin/sohoa ]; then
  echo "setup: installing SoHoa and its dependencies into .venv"
  .venv/bin/python -m pip install -q --disable-pip-version-check -U pip wheel setuptools
  .venv/bin/python -m pip install -q --disable-pip-version-check -e ".[test]"
  echo "$want" > .venv/.sohoa-installed
fi
.venv/bin/sohoa --help >/dev/null
# The project's bytecode (compileall skips what is up to date): where PYTHONDONTWRITEBYTECODE is set, Python would
# compile every module from source at each start (py_compile writes the .pyc regardless of it);
# 0.14 s less CPU from launch to the window shown (0.89 s instead of 1.03 s, load 7).
.venv/bin/python -m compileall -q desktop dossier ocr signing scanner datastore
# The desktop app's translations (.ts, in git) compiled to the .qm files Qt loads (not in git).
for ts in resources/translations/*.ts; do
  .venv/bin/pyside6-lrelease -silent "$ts" -qm "${ts%.ts}.qm"
done

case "$mode" in
  only) echo "setup: done; run .venv/bin/sohoa" ;;
  bench)
    # OCRmyPDF is the peer the OCR benchmark compares against; it lives in its own
    # environment so its pins never move SoHoa's.
    if [ ! -x .venv-bench/bin/ocrmypdf ]; then
      "$PYTHON" -m venv .venv-bench
      .venv-bench/bin/python -m pip install -q --disable-pip-version-check ocrmypdf
    fi
    echo "setup: benchmark environment ready; run .venv/bin/python bench/ocr_bench.py"
    ;;
  test)
    set +e
    .venv/bin/python -m pytest "$@"
    rc=$?
    set -e
    if [ $rc -eq 5 ]; then
      echo "setup: pytest collected no tests; that is a failure of the suite" >&2
      exit 1
    fi
    exit $rc
    ;;
  run)
    # A display: the app opens on a workspace of sample dossiers (read, waiting for review) on its
    # built-in defaults: the DEMO signing key, the embedded store, SANE's test scanner on F5.
    # No display (a server, CI): the whole chain unattended, then the app opened once under Xvfb
    # to show that it starts (a screenshot in the demo folder). Either way this returns.
    if .venv/bin/python -c 'import sys; from desktop.launcher import has_display; sys.exit(0 if has_display() else 1)'; then
      echo "setup: sohoa demo --app, the sample pages of resources/samples/ in the desktop app"
      .venv/bin/sohoa demo --app
    else
      echo "setup: sohoa demo, the whole chain on the sample pages in resources/samples/"
      .venv/bin/sohoa demo
      echo "setup: no display here; on a desktop, ./setup.sh or .venv/bin/sohoa demo --app opens the app on the sample dossiers"
      echo "setup: checking that the app opens (under Xvfb): sohoa demo --app --smoke-test"
      .venv/bin/sohoa demo --app --smoke-test
    fi
    ;;
esac
