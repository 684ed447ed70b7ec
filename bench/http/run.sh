#!/usr/bin/env bash
# Load test of the tutorial's endpoint: asyncj (web/), FastAPI on uvicorn, and the JDK's
# HttpServer on virtual threads, one after the other, on 127.0.0.1 only, each driven by wrk at 50
# and 1,000 connections. Prints requests/s, p50 and p99 side by side. See bench/http/README.md.
#
#   bash bench/http/run.sh                  # build, install what is missing, 3 rounds of 10 s runs
#   bash bench/http/run.sh --duration 5 --rounds 1 --no-build
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
build=1
args=()
while [ $# -gt 0 ]; do
  case "$1" in
    --no-build) build=0; shift ;;
    *) args+=("$1"); shift ;;
  esac
done

# Debian's packages: wrk, FastAPI and uvicorn (for /usr/bin/python3), if missing.
missing=()
command -v wrk >/dev/null || missing+=(wrk)
/usr/bin/python3 -c 'import fastapi' 2>/dev/null || missing+=(python3-fastapi)
/usr/bin/python3 -c 'import uvicorn' 2>/dev/null || missing+=(python3-uvicorn)
# Optional: uvloop and httptools, for FastAPI on uvicorn as uvicorn[standard] runs it.
optional=()
/usr/bin/python3 -c 'import uvloop' 2>/dev/null || optional+=(python3-uvloop)
/usr/bin/python3 -c 'import httptools' 2>/dev/null || optional+=(python3-httptools)
if [ ${#missing[@]} -gt 0 ] || [ ${#optional[@]} -gt 0 ]; then
  echo "installing ${missing[*]} ${optional[*]}" >&2
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq || true
  if [ ${#missing[@]} -gt 0 ]; then
    $SUDO apt-get install -y -qq "${missing[@]}" >&2
  fi
  if [ ${#optional[@]} -gt 0 ]; then
    $SUDO apt-get install -y -qq "${optional[@]}" >&2 || echo "without ${optional[*]}" >&2
  fi
fi

if [ "$build" = 1 ]; then
  (cd "$root" && mvn -B -q -DskipTests -pl web -am package)
fi
exec /usr/bin/python3 "$here/loadtest.py" "${args[@]}"
