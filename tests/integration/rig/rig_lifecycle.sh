#!/usr/bin/env bash
# The rig's life cycle, in a run directory of its own: start, start again (no harm,
# same processes), readers and queue present, stop leaves no process behind; a busy
# port or another pcscd gives a plain message, exit 1, and starts nothing.
#
# There is one pcscd per machine, so this test needs the machine to itself: when
# another pcscd runs (e.g. the shared test rig), it is skipped (exit 77).
set -euo pipefail

SRC=${EKTP_SOURCE_DIR:-$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")/../../.." && pwd)}
START=$SRC/tools/rig/start
STOP=$SRC/tools/rig/stop
SKIP=77

gone() { # gone PID: not running, or a zombie waiting for PID 1
  local state
  kill -0 "$1" 2>/dev/null || return 0
  state=$(awk '{ sub(/.*\) /, ""); print $1 }' "/proc/$1/stat" 2>/dev/null) || return 0
  [[ "$state" == Z ]]
}

live_pcscd() {
  local pid
  for pid in $(pgrep -x pcscd || true); do
    gone "$pid" || printf '%s ' "$pid"
  done
}

if [[ -n "$(live_pcscd)" ]]; then
  echo "SKIPPED: a pcscd is already running (pid $(live_pcscd | xargs)), e.g. the shared test rig;" \
    "this test needs the machine's pcscd to itself."
  exit "$SKIP"
fi

RIG=$(mktemp -d /tmp/ektp-rig-lifecycle.XXXXXX)
EMPTY_CONF=$(mktemp -d /tmp/ektp-empty-reader-conf.XXXXXX)
export EKTP_RIG_DIR=$RIG
unset EKTP_CARDSIM # the simulator is not what this test is about
helper_pid=

failures=0
fail() {
  echo "FAIL: $*" >&2
  failures=$((failures + 1))
}
pass() { echo "ok: $*"; }
# expect WHAT COMMAND...: pass if COMMAND succeeds, else fail.
expect() {
  local what=$1
  shift
  if "$@"; then pass "$what"; else fail "$what"; fi
}

# Processes whose command line mentions the run directory (the rig marks its own so).
rig_processes() {
  local pid
  for pid in $(pgrep -f -- "$RIG/" || true); do
    [[ "$pid" == "$$" ]] && continue
    gone "$pid" || printf '%s ' "$pid"
  done
}

cleanup() {
  if [[ -n "$helper_pid" ]]; then
    kill "$helper_pid" 2>/dev/null || true
    wait "$helper_pid" 2>/dev/null || true
  fi
  "$STOP" >/dev/null 2>&1 || true
  rm -rf -- "$RIG" "$RIG.start1.log" "$EMPTY_CONF"
}
trap cleanup EXIT

pids_snapshot() { (cd "$RIG/pids" && grep -H . ./*.pid | sort); }

# --- start, and start again ---
if "$START" >"$RIG.start1.log" 2>&1; then pass "start"; else
  cat "$RIG.start1.log" >&2
  fail "start exited non-zero"
  exit 1
fi
first=$(pids_snapshot)
if out=$("$START" 2>&1); then pass "second start exits 0"; else fail "second start exited non-zero: $out"; fi
[[ "$out" == *"already running"* ]] || fail "second start did not say the rig is already running: $out"
expect "second start kept the same processes (before [$first] after [$(pids_snapshot)])" \
  test "$(pids_snapshot)" == "$first"
rm -f -- "$RIG.start1.log"

# --- what the rig offers ---
readers=$(timeout 5 pcsc_scan -r 2>/dev/null || true)
for reader in "EKTP Encoder 00 00" "EKTP Encoder 00 01" "EKTP SAM 00 00" "EKTP SAM 00 01"; do
  expect "pcscd lists the reader '$reader'" grep -qF -- "$reader" <<<"$readers"
done
cups_server=$(sed -n 's/^CUPS_SERVER=//p' "$RIG/rig.env")
[[ "$cups_server" == "$RIG/cups.sock" ]] || fail "rig.env's CUPS_SERVER is '$cups_server'"
if CUPS_SERVER=$cups_server lpstat -a card 2>&1 | grep -q '^card accepting requests'; then
  pass "queue 'card' accepts jobs"
else
  fail "queue 'card' is not accepting: $(CUPS_SERVER=$cups_server lpstat -a card 2>&1)"
fi
for key in EKTP_RIG_DIR CUPS_SERVER EKTP_CUPS_QUEUE EKTP_PRINTER_URI EKTP_ENCODER_READER \
  EKTP_ENCODER_CTL EKTP_SAM_READER EKTP_PRINTER_STATE DBUS_SYSTEM_BUS_ADDRESS; do
  grep -q "^$key=." "$RIG/rig.env" || fail "rig.env has no $key"
done

# --- stop leaves nothing behind ---
recorded=$(cat "$RIG"/pids/*.pid)
if out=$("$STOP" --check 2>&1); then pass "stop --check"; else fail "stop --check failed: $out"; fi
for pid in $recorded; do
  gone "$pid" || fail "process $pid ($(cat "/proc/$pid/comm" 2>/dev/null)) survived stop"
done
left=$(rig_processes)
expect "no rig process left after stop (left: ${left:-none})" test -z "$left"
expect "no pcscd left after stop (left: $(live_pcscd))" test -z "$(live_pcscd)"

# --- refusals: nothing started, a plain message ---
refuses() { # refuses WHAT EXPECTED-TEXT: start must exit 1 with EXPECTED-TEXT
  local what=$1 expected=$2 rc=0
  out=$("$START" 2>&1) || rc=$?
  expect "$what: start exits 1 (exit $rc)" test "$rc" -eq 1
  expect "$what: the message says '$expected'" grep -qF -- "$expected" <<<"$out"
  echo "   message: $out"
  left=$(rig_processes)
  [[ -z "$left" ]] || fail "$what: start left processes running: $left"
  [[ ! -e "$RIG/pids/pcscd.pid" ]] || fail "$what: start recorded a pcscd"
}

# A busy port (a plain HTTP server on the printer's port).
python3 -m http.server 8631 --bind 127.0.0.1 >/dev/null 2>&1 &
helper_pid=$!
for _ in $(seq 100); do
  ss -Hltn "sport = :8631" | grep -q . && break
  sleep 0.05
done
refuses "port 8631 busy" "Port 8631, which the rig needs, is in use by python3 (pid $helper_pid). Stop it (kill $helper_pid)"
kill "$helper_pid"
wait "$helper_pid" 2>/dev/null || true

# Another pcscd (e.g. the system's).
pcscd -f -c "$EMPTY_CONF" >/dev/null 2>&1 &
helper_pid=$!
for _ in $(seq 100); do
  [[ -S /run/pcscd/pcscd.comm ]] && break
  sleep 0.05
done
refuses "another pcscd" "Another pcscd (pid $helper_pid) is running and holds /run/pcscd/pcscd.comm"
kill "$helper_pid"
wait "$helper_pid" 2>/dev/null || true
helper_pid=
rm -rf -- "$EMPTY_CONF"

if ((failures)); then
  echo "$failures check(s) failed" >&2
  exit 1
fi
echo "rig life cycle: all checks passed"
