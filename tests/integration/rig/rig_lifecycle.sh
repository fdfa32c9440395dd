#!/usr/bin/env bash
# The rig's life cycle, in a run directory of its own: start (over a stale pcscd
# socket), start again (no harm, same processes), readers, card simulator and queue
# present, the run directory closed to others; a card being printed when stop runs
# and stop still leaves no process behind; a busy port, another pcscd or a system
# pcscd service (socket-activated: a listening socket, no process) gives a plain
# message, exit 1, starts nothing and leaves that socket alone.
#
# There is one pcscd per machine, so this test needs the machine to itself: when
# another pcscd runs (e.g. the shared test rig), it is skipped (exit 77).
set -euo pipefail

SRC=${EKTP_SOURCE_DIR:-$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")/../../.." && pwd)}
START=$SRC/tools/rig/start
STOP=$SRC/tools/rig/stop
PCSCD_SOCKET=/run/pcscd/pcscd.comm
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

socket_listened() { [[ -n "$(ss -xlH src "$PCSCD_SOCKET" 2>/dev/null)" ]]; }

# wait_until SECONDS COMMAND...: poll until COMMAND succeeds; fail after SECONDS.
wait_until() {
  local deadline=$((SECONDS + $1))
  shift
  until "$@"; do
    ((SECONDS < deadline)) || return 1
    sleep 0.05
  done
}

if [[ -n "$(live_pcscd)" ]]; then
  echo "skipped: another pcscd (pid $(live_pcscd | xargs)) is running; this test needs" \
    "the machine's one pcscd to itself (e.g. the shared test rig is up)."
  exit "$SKIP"
fi
if socket_listened; then
  echo "skipped: something (a system pcscd service?) listens on $PCSCD_SOCKET;" \
    "this test needs the machine's one pcscd to itself."
  exit "$SKIP"
fi

RIG=$(mktemp -d /tmp/ektp-rig-lifecycle.XXXXXX)
WORK=$(mktemp -d /tmp/ektp-rig-lifecycle-work.XXXXXX)
export EKTP_RIG_DIR=$RIG
# The card simulator starts when built (EKTP_CARDSIM, or EKTP_BUILD_DIR as CTest sets
# it): stop must leave no ektp-cardsim either.
SIM=${EKTP_CARDSIM:-${EKTP_BUILD_DIR:+$EKTP_BUILD_DIR/tools/cardsim/ektp-cardsim}}
helper_pid=
fake_socket=0

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

# Processes of this rig: whose command line or environment names a file in the run
# directory (the daemons by their arguments, what they start by what it inherits,
# e.g. print-card's EKTP_PRINTER_STATE). Not this script: its EKTP_RIG_DIR has no "/".
rig_processes() {
  local dir pid
  for dir in /proc/[0-9]*; do
    pid=${dir#/proc/}
    [[ "$pid" == "$$" || "$pid" == "$BASHPID" ]] && continue
    if tr '\0' '\n' 2>/dev/null <"$dir/cmdline" | grep -qF -- "$RIG/" ||
      tr '\0' '\n' 2>/dev/null <"$dir/environ" | grep -qF -- "$RIG/"; then
      gone "$pid" || printf '%s(%s) ' "$pid" "$(cat "$dir/comm" 2>/dev/null)"
    fi
  done
}

stop_helper() {
  if [[ -n "$helper_pid" ]]; then
    kill "$helper_pid" 2>/dev/null || true
    wait "$helper_pid" 2>/dev/null || true
    helper_pid=
  fi
  # The stand-in for a system pcscd's socket is ours to remove once nothing listens.
  if ((fake_socket)) && ! socket_listened; then rm -f -- "$PCSCD_SOCKET"; fi
  fake_socket=0
}

cleanup() {
  stop_helper
  "$STOP" >/dev/null 2>&1 || true
  rm -rf -- "$RIG" "$WORK"
}
trap cleanup EXIT

pids_snapshot() { (cd "$RIG/pids" && grep -H . ./*.pid | sort); }

# --- start over a stale pcscd socket (a pcscd that died uncleanly), and start again ---
mkdir -p -- "$(dirname -- "$PCSCD_SOCKET")"
made_stale=0
if [[ ! -e "$PCSCD_SOCKET" ]]; then
  # Bound, never listened on, left behind: what a killed pcscd leaves.
  python3 -c 'import socket, sys; socket.socket(socket.AF_UNIX).bind(sys.argv[1])' "$PCSCD_SOCKET"
  made_stale=1
fi
if "$START" >"$WORK/start1.log" 2>&1; then pass "start"; else
  cat "$WORK/start1.log" >&2
  fail "start exited non-zero"
  exit 1
fi
if ((made_stale)); then
  expect "start removed the stale $PCSCD_SOCKET and said so" \
    grep -qF "removing a stale $PCSCD_SOCKET" "$WORK/start1.log"
fi
first=$(pids_snapshot)
if out=$("$START" 2>&1); then pass "second start exits 0"; else fail "second start exited non-zero: $out"; fi
[[ "$out" == *"already running"* ]] || fail "second start did not say the rig is already running: $out"
expect "second start kept the same processes (before [$first] after [$(pids_snapshot)])" \
  test "$(pids_snapshot)" == "$first"

# --- what the rig offers ---
readers=$(timeout 5 pcsc_scan -r 2>/dev/null || true)
for reader in "EKTP Encoder 00 00" "EKTP Encoder 00 01" "EKTP SAM 00 00" "EKTP SAM 00 01"; do
  expect "pcscd lists the reader '$reader'" grep -qF -- "$reader" <<<"$readers"
done
if [[ -n "$SIM" && -x "$SIM" ]]; then
  expect "the card simulator runs ($SIM)" test -S "$RIG/encoder.ctl" -a -f "$RIG/pids/cardsim.pid"
else
  echo "note: no card simulator built (${SIM:-EKTP_BUILD_DIR unset}); not checked"
fi
cups_server=$(sed -n 's/^CUPS_SERVER=//p' "$RIG/rig.env")
[[ "$cups_server" == "$RIG/cups.sock" ]] || fail "rig.env's CUPS_SERVER is '$cups_server'"
# card-direct always; card (through the station's backend ektp-gate) when it is built.
GATE=${EKTP_GATE:-${EKTP_BUILD_DIR:+$EKTP_BUILD_DIR/tools/gate/ektp-gate}}
queues=(card-direct)
if [[ -n "$GATE" && -x "$GATE" ]]; then
  queues+=(card)
  expect "ektp-gate is installed root 0700 (is $(stat -c '%U %a' "$RIG/serverbin/backend/ektp-gate" 2>&1))" \
    test "$(stat -c '%U %a' "$RIG/serverbin/backend/ektp-gate" 2>&1)" == "root 700"
  uri=$(CUPS_SERVER=$cups_server lpstat -v card 2>&1)
  expect "queue 'card' prints through the gate ($uri)" grep -q 'ektp-gate:ipp://localhost:8631/ipp/print' <<<"$uri"
else
  echo "note: no ektp-gate built (${GATE:-EKTP_BUILD_DIR unset}); queue 'card' not checked"
fi
for queue in "${queues[@]}"; do
  if CUPS_SERVER=$cups_server lpstat -a "$queue" 2>&1 | grep -q "^$queue accepting requests"; then
    pass "queue '$queue' accepts jobs"
  else
    fail "queue '$queue' is not accepting: $(CUPS_SERVER=$cups_server lpstat -a "$queue" 2>&1)"
  fi
done
for key in EKTP_RIG_DIR CUPS_SERVER EKTP_CUPS_QUEUE EKTP_CUPS_DIRECT_QUEUE EKTP_GATE_SOCKET EKTP_PRINTER_URI EKTP_ENCODER_READER \
  EKTP_ENCODER_CTL EKTP_SAM_READER EKTP_PRINTER_STATE DBUS_SYSTEM_BUS_ADDRESS; do
  grep -q "^$key=." "$RIG/rig.env" || fail "rig.env has no $key"
done
# Logs and the printer's spool may hold chip content and card faces: root only; lp
# (cupsd's backends) may pass through to cups/ and serverbin/ (the print below shows
# that the backend, running as lp, still gets there).
expect "the run directory is root:lp 0750 (is $(stat -c '%U:%G %a' "$RIG"))" \
  test "$(stat -c '%U:%G %a' "$RIG")" == "root:lp 750"
for sub in logs printer ipp-spool pids; do
  expect "$sub/ is 0700 (is $(stat -c %a "$RIG/$sub"))" test "$(stat -c %a "$RIG/$sub")" == 700
done

# --- a card is being printed when stop runs ---
state=$(sed -n 's/^EKTP_PRINTER_STATE=//p' "$RIG/rig.env")
printf '600\n' >"$state/seconds_per_card"
printf '%%PDF-1.4\n%% ektp rig life cycle test\n%%%%EOF\n' >"$WORK/card.pdf"
CUPS_SERVER=$cups_server lp -d card-direct -t "rig lifecycle" "$WORK/card.pdf" >/dev/null
fed_one() { [[ "$(cat "$state/fed" 2>/dev/null)" == 1 ]]; }
if wait_until 60 fed_one; then
  pass "a slow print is in flight (the card is fed) through cupsd, its lp backend and the printer"
else
  fail "the printer never fed a card (fed: $(cat "$state/fed" 2>/dev/null))"
fi
printing=$(pgrep -f -- "print-card" || true)
in_flight=
for pid in $printing; do
  tr '\0' '\n' 2>/dev/null <"/proc/$pid/environ" | grep -qF -- "$RIG/" && in_flight+="$pid "
done
[[ -n "$in_flight" ]] || fail "no print-card of this rig is running while the card prints"

# --- stop leaves nothing behind ---
recorded=$(cat "$RIG"/pids/*.pid)
if out=$("$STOP" --check 2>&1); then pass "stop --check"; else fail "stop --check failed: $out"; fi
for pid in $recorded $in_flight; do
  gone "$pid" || fail "process $pid ($(cat "/proc/$pid/comm" 2>/dev/null)) survived stop"
done
left=$(rig_processes)
expect "no rig process left after stop, the print in flight included (left: ${left:-none})" \
  test -z "$left"
expect "no pcscd left after stop (left: $(live_pcscd))" test -z "$(live_pcscd)"
sims=$(pgrep -x ektp-cardsim || true)
for pid in $sims; do
  tr '\0' ' ' 2>/dev/null <"/proc/$pid/cmdline" | grep -qF -- "$RIG/" &&
    fail "ektp-cardsim (pid $pid) survived stop"
done

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
port_busy() { ss -Hltn "sport = :8631" | grep -q .; }
wait_until 5 port_busy || fail "the stand-in HTTP server did not listen on 8631"
refuses "port 8631 busy" "Port 8631, which the rig needs, is in use by python3 (pid $helper_pid). Stop it (kill $helper_pid)"
stop_helper

# Another pcscd (e.g. one started by hand).
mkdir -p -- "$WORK/empty-reader-conf"
pcscd -f -c "$WORK/empty-reader-conf" >/dev/null 2>&1 &
helper_pid=$!
wait_until 5 socket_listened || fail "the other pcscd did not open $PCSCD_SOCKET"
refuses "another pcscd" "Another pcscd (pid $helper_pid) is running and holds $PCSCD_SOCKET"
stop_helper

# A system pcscd service, socket-activated (Debian with systemd: pcscd.socket listens,
# no pcscd runs until a client connects): a listener on the socket, no pcscd process.
if [[ -e "$PCSCD_SOCKET" ]]; then
  fail "$PCSCD_SOCKET is still there after the other pcscd stopped; not testing a system service"
else
  python3 -c '
import socket, sys, time
s = socket.socket(socket.AF_UNIX)
s.bind(sys.argv[1])
s.listen(1)
time.sleep(600)' "$PCSCD_SOCKET" &
  helper_pid=$!
  fake_socket=1
  wait_until 5 socket_listened || fail "the stand-in system socket did not listen"
  refuses "a system pcscd service" "A system pcscd service holds $PCSCD_SOCKET. Stop it (systemctl stop pcscd.socket pcscd) and run tools/rig/start again."
  expect "a system pcscd service: its socket is left alone" socket_listened
  stop_helper
fi

if ((failures)); then
  echo "$failures check(s) failed" >&2
  exit 1
fi
echo "rig life cycle: all checks passed"
