#!/usr/bin/env bash
# What the Docker image does, on a bare Python: a fresh virtual environment, install from this
# checkout, build the index, `govqa check`, then `govqa serve` against a fake Bot API on 127.0.0.1
# that asks one question; SIGTERM must stop it with exit 0.
#   deploy/smoke.sh [WORKDIR]       PYTHON=… picks the interpreter that runs the fake (needs aiohttp)
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
work=${1:-$(mktemp -d)}
fake_python=${PYTHON:-python3}
case $fake_python in */*) fake_python="$(cd "$(dirname "$fake_python")" && pwd)/$(basename "$fake_python")" ;; esac
token="123456789:$(printf 'S%.0s' $(seq 35))"   # a made-up token, built here so none is committed

echo "== fresh virtual environment in $work/venv"
python3 -m venv "$work/venv"
"$work/venv/bin/pip" install -q --disable-pip-version-check "$here"

echo "== the image's layout: reports and state beside the working directory"
mkdir -p "$work/srv"
cp -r "$here/corpus" "$work/srv/corpus"
cd "$work/srv"
"$work/venv/bin/govqa" index

echo "== fake Bot API"
rm -f "$work/fake.url" "$work/fake.done"
"$fake_python" "$here/tests/fake_telegram.py" --token "$token" --url-file "$work/fake.url" \
    --done-file "$work/fake.done" --question "消防演练开展了几次？" --expect "5次" &
fake=$!
for _ in $(seq 100); do [ -s "$work/fake.url" ] && break; sleep 0.1; done
[ -s "$work/fake.url" ] || { echo "FAILED: the fake Bot API did not start"; exit 1; }
url=$(cat "$work/fake.url")

export TELEGRAM_BOT_TOKEN=$token TELEGRAM_API_BASE_URL="$url/bot" TELEGRAM_API_FILE_URL="$url/file/bot"
export GOVQA_ADMIN_IDS=1 GOVQA_HEALTH_PORT=0 NO_PROXY=127.0.0.1
echo "== govqa check"
"$work/venv/bin/govqa" check

echo "== govqa serve"
"$work/venv/bin/govqa" serve &
serve=$!
for _ in $(seq 900); do [ -s "$work/fake.done" ] && break; sleep 0.1; done
kill -TERM "$serve"
serve_status=0
wait "$serve" || serve_status=$?
kill -TERM "$fake"
wait "$fake" || true
if [ "$(cat "$work/fake.done" 2>/dev/null)" != ok ]; then echo "FAILED: the bot did not answer the question"; exit 1; fi
if [ "$serve_status" -ne 0 ]; then echo "FAILED: govqa serve exited $serve_status on SIGTERM"; exit 1; fi
echo "OK: installed, indexed, checked, answered, stopped cleanly"
