# shellcheck shell=bash
# The rig's daemons, started by tools/rig/start (sourced; uses RIG, HERE,
# VPCD_DRIVER, ENCODER_READER, SAM_READER from there).

# spawn NAME COMMAND...: run COMMAND as a daemon that outlives this script (own
# session, no terminal, output to $RIG/logs/NAME.log) and record its pid.
# In a non-interactive script a background job is not a process-group leader,
# so setsid execs in place and $! (the subshell, which execs) is the daemon's pid.
# Inherited descriptors are closed first: a daemon holding e.g. the lock file of
# `flock LOCK tools/rig/start`, or a pipe of CTest's, would keep it for its lifetime.
spawn() {
  local name=$1
  shift
  (
    for fd in /proc/"$BASHPID"/fd/*; do
      fd=${fd##*/}
      if ((fd > 2)); then eval "exec $fd>&-"; fi
    done
    exec setsid "$@" </dev/null >>"$RIG/logs/$name.log" 2>&1
  ) &
  printf '%s\n' "$!" >"$RIG/pids/$name.pid"
}

# spawned_alive NAME: the recorded process is still running.
spawned_alive() {
  pid_alive "$(recorded_pid "$RIG" "$1")"
}

# fail_start NAME WHAT: the daemon did not come up; show its log's tail.
fail_start() {
  local name=$1 what=$2
  printf 'rig: %s\n' "$what" >&2
  if [[ -s "$RIG/logs/$name.log" ]]; then
    printf 'rig: last lines of %s:\n' "$RIG/logs/$name.log" >&2
    tail -n 15 -- "$RIG/logs/$name.log" | sed 's/^/  /' >&2
  fi
  exit 1
}

# The reader names pcscd lists now (one per line), or nothing.
list_readers() {
  timeout 3 pcsc_scan -r 2>/dev/null | sed -n 's/^[0-9][0-9]*: //p' || true
}

readers_present() {
  local readers
  readers=$(list_readers)
  grep -qF -- "$ENCODER_READER" <<<"$readers" && grep -qF -- "$SAM_READER" <<<"$readers"
}

# pcscd with two vpcd drivers: the encoder (ports 35963/35964) and the SAM slot
# (35965/35966). The SAM goes through a copy of the driver: loading the same .so
# twice cross-wires the readers (see docs test-rig.md).
start_pcscd() {
  cp -- "$VPCD_DRIVER" "$RIG/libifdvpcd-sam.so"
  cat >"$RIG/reader.conf.d/encoder" <<EOF
FRIENDLYNAME "EKTP Encoder"
DEVICENAME   /dev/null:0x8C7B
LIBPATH      $VPCD_DRIVER
CHANNELID    0x8C7B
EOF
  cat >"$RIG/reader.conf.d/sam" <<EOF
FRIENDLYNAME "EKTP SAM"
DEVICENAME   /dev/null:0x8C7D
LIBPATH      $RIG/libifdvpcd-sam.so
CHANNELID    0x8C7D
EOF
  # A socket left by a pcscd that died uncleanly would make the new one refuse.
  # Only a dead one goes: one that listens belongs to a running (or
  # socket-activated) pcscd, which preflight() has looked for; look again.
  if [[ -S "$PCSCD_SOCKET" ]]; then
    pcscd_socket_in_use && rig_die "$PCSCD_SERVICE_MESSAGE"
    rig_log "removing a stale $PCSCD_SOCKET (nothing listens on it)"
    rm -f -- "$PCSCD_SOCKET"
  fi
  spawn pcscd pcscd -f -i -c "$RIG/reader.conf.d"
  wait_for 10 readers_present ||
    fail_start pcscd "pcscd did not list the readers \"$ENCODER_READER\" and \"$SAM_READER\" within 10 s."
  rig_log "pcscd is up (pid $(recorded_pid "$RIG" pcscd)) with readers \"$ENCODER_READER\" and \"$SAM_READER\""
}

# The card simulator on the encoder reader, when it has been built. No card is
# inserted: tests insert cards through its control socket ($RIG/encoder.ctl).
start_cardsim() {
  local sim=${EKTP_CARDSIM:-}
  if [[ -z "$sim" && -n "${EKTP_BUILD_DIR:-}" ]]; then
    sim=$EKTP_BUILD_DIR/tools/cardsim/ektp-cardsim
  fi
  if [[ -z "$sim" || ! -x "$sim" ]]; then
    rig_log "note: no card simulator (set EKTP_CARDSIM or EKTP_BUILD_DIR, or build tools/cardsim); the encoder reader stays empty"
    printf 'no card simulator found (%s)\n' "${sim:-EKTP_CARDSIM and EKTP_BUILD_DIR unset}" >>"$RIG/logs/cardsim.log"
    return 0
  fi
  spawn cardsim "$sim" serve --vpcd-port 35963 --control "$RIG/encoder.ctl"
  wait_for 10 test -S "$RIG/encoder.ctl" ||
    fail_start cardsim "The card simulator ($sim) did not open its control socket $RIG/encoder.ctl within 10 s."
  rig_log "card simulator is up (pid $(recorded_pid "$RIG" cardsim)), control socket $RIG/encoder.ctl"
}

# A private D-Bus: ippeveprinter needs one it can reach; cupsd uses it too.
start_dbus() {
  spawn dbus dbus-daemon --session --address="unix:path=$RIG/bus" --nofork --nopidfile
  wait_for 10 test -S "$RIG/bus" || fail_start dbus "dbus-daemon did not open $RIG/bus within 10 s."
  export DBUS_SYSTEM_BUS_ADDRESS="unix:path=$RIG/bus"
}

# (ipptool's get-printer-attributes.test fails on this printer: ippeveprinter
# sends document-format-supported twice, its own and the attributes file's.)
printer_answers() {
  curl -sf -o /dev/null --max-time 2 http://localhost:8631/
}

# The printer simulator (tools/printersim), when built: the card printer's mechanics
# and the witness of every face. Sets PRINTERSIM (empty when there is none).
find_printersim() {
  PRINTERSIM=${EKTP_PRINTERSIM:-}
  if [[ -z "$PRINTERSIM" && -n "${EKTP_BUILD_DIR:-}" ]]; then
    PRINTERSIM=$EKTP_BUILD_DIR/tools/printersim/ektp-printersim
  fi
  [[ -n "$PRINTERSIM" && -x "$PRINTERSIM" ]] || PRINTERSIM=
}

# ippeveprinter as the CR80 card printer; its print command (print-card) asks the
# printer simulator to print each document. No -k: the printer must not keep
# documents (card faces carry personal data).
start_printer() {
  find_printersim
  spawn ippeveprinter env "EKTP_PRINTER_STATE=$RIG/printer" "EKTP_PRINTERSIM=$PRINTERSIM" \
    "EKTP_PRINTERSIM_CTL=$RIG/printer.ctl" \
    ippeveprinter -r off -n localhost -p 8631 -d "$RIG/ipp-spool" \
    -a "$HERE/card-printer.attrs" -c "$HERE/print-card" "EKTP Card Printer"
  wait_for 15 printer_answers ||
    fail_start ippeveprinter "ippeveprinter did not answer on ipp://localhost:8631/ipp/print within 15 s."
  rig_log "card printer is up (pid $(recorded_pid "$RIG" ippeveprinter)) at ipp://localhost:8631/ipp/print"
}

# The printer simulator: a hopper of 100 blanks (card simulator images), the encoder
# (the card simulator on "EKTP Encoder 00 00"), tray and reject bin, the witness
# counts. It mirrors its levels into ippeveprinter's /media and /supplies pages, so
# it starts after ippeveprinter. Needs the card simulator. The witness's CSCA:
# EKTP_PRINTERSIM_TRUST at start, or `ctl trust PATH` at run time.
start_printersim() {
  find_printersim
  if [[ -z "$PRINTERSIM" ]]; then
    rig_log "note: no printer simulator (set EKTP_PRINTERSIM or EKTP_BUILD_DIR, or build tools/printersim); documents sent to the printer fail"
    printf 'no printer simulator found\n' >>"$RIG/logs/printersim.log"
    return 0
  fi
  if [[ ! -S "$RIG/encoder.ctl" ]]; then
    rig_log "note: no card simulator, so no printer simulator; documents sent to the printer fail"
    return 0
  fi
  local trust=()
  [[ -z "${EKTP_PRINTERSIM_TRUST:-}" ]] || trust=(--trust "$EKTP_PRINTERSIM_TRUST")
  spawn printersim "$PRINTERSIM" serve --control "$RIG/printer.ctl" --cardsim "$RIG/encoder.ctl" \
    --blanks "$RIG/printer/blanks" --state-dir "$RIG/printer" --printer-web localhost:8631 \
    --hopper 100 --print-seconds 0.2 "${trust[@]}"
  wait_for 20 test -S "$RIG/printer.ctl" ||
    fail_start printersim "The printer simulator ($PRINTERSIM) did not open its control socket $RIG/printer.ctl within 20 s."
  rig_log "printer simulator is up (pid $(recorded_pid "$RIG" printersim)), control socket $RIG/printer.ctl"
}
