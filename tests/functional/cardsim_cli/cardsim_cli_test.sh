#!/usr/bin/env bash
# The ektp-cardsim binary as the rig and an operator use it: serve, ctl, a
# refused command, an unreachable simulator, a saved image, clean SIGTERM.
# No pcscd: the link just keeps trying to reach vpcd on an unused port.
set -euo pipefail
sim=$1
tmp=$(mktemp -d)
pid=
cleanup() { [[ -n $pid ]] && kill "$pid" 2>/dev/null; rm -rf "$tmp"; }
trap cleanup EXIT
failures=0
passes=0
check() {  # check DESCRIPTION COMMAND... : the command must succeed
  local what=$1; shift
  if "$@"; then echo "ok   $what"; passes=$((passes + 1)); else echo "FAIL $what"; failures=$((failures + 1)); fi
}

ctl="$tmp/card.ctl"
"$sim" serve --vpcd-port 39999 --control "$ctl" capacity=32768 ext_max=1024 >"$tmp/out" 2>&1 &
pid=$!
for _ in $(seq 100); do [[ -S $ctl ]] && break; sleep 0.05; done

check "ready line printed" grep -q "ektp-cardsim: ready control=$ctl" "$tmp/out"
check "control socket is private (0600)" test "$(stat -c %a "$ctl")" = 600
check "new card" "$sim" ctl "$ctl" new capacity=8192
status=$("$sim" ctl "$ctl" status)
check "status shows a card in hand, not in the field" \
  grep -q "card=yes inserted=no" <<<"$status"

set +e
"$sim" ctl "$ctl" fault tear_at zero >"$tmp/bad" 2>&1; rc_bad=$?
"$sim" ctl "$tmp/nothing.ctl" status >"$tmp/none" 2>&1; rc_none=$?
set -e
check "a bad fault is refused with exit 1" test "$rc_bad" = 1
check "the refusal names the problem" grep -qi "tear_at" "$tmp/bad"
check "an unreachable simulator gives exit 2" test "$rc_none" = 2
check "and says so" grep -qi "simulator" "$tmp/none"

check "image saved" "$sim" ctl "$ctl" save "$tmp/card.img"
check "image is JSON with the card's serial" grep -q '"serial"' "$tmp/card.img"
check "image loads back" "$sim" ctl "$ctl" load "$tmp/card.img"

kill -TERM "$pid"
set +e; wait "$pid"; rc=$?; set -e
pid=
check "SIGTERM ends it cleanly (exit 0)" test "$rc" = 0
check "the control socket is removed" test ! -e "$ctl"

echo "$passes passed, $failures failed"
[[ $failures -eq 0 ]]
