# shellcheck shell=bash
# The rig's private cupsd, the station's backend ektp-gate and the queues (sourced by
# tools/rig/start; uses RIG and the helpers of lib.sh and services.sh):
#   card         ektp-gate:ipp://localhost:8631/ipp/print: the station's queue; every
#                job is a print permit placeholder, the gate asks the station (the
#                permit service on $RIG/gate.sock) for the face (docs/print-permit.md)
#   card-direct  ipp://localhost:8631/ipp/print: documents go straight to the printer
#                (the printer simulator's own tests, test pages, the foundation demo)

CARD_QUEUE=card
DIRECT_QUEUE=card-direct
PRINTER_URI=ipp://localhost:8631/ipp/print
GATE_URI=ektp-gate:$PRINTER_URI

# ServerBin: a private directory whose entries link to /usr/lib/cups/*, with a
# backend/ of links to the stock backends, so that the station's own backend
# (ektp-gate) can be installed by copying it into $RIG/serverbin/backend/.
make_serverbin() {
  local entry
  mkdir -p -- "$RIG/serverbin/backend"
  for entry in /usr/lib/cups/*; do
    [[ "$(basename -- "$entry")" == backend ]] && continue
    ln -s -- "$entry" "$RIG/serverbin/"
  done
  for entry in /usr/lib/cups/backend/*; do
    ln -s -- "$entry" "$RIG/serverbin/backend/"
  done
  # cupsd refuses backends in directories others can write to.
  chmod 0755 "$RIG/serverbin" "$RIG/serverbin/backend"
  install_gate
}

# The station's backend, when built (EKTP_GATE, or EKTP_BUILD_DIR/tools/gate/ektp-gate):
# a copy, root-owned, 0700 (cupsd runs it as root; 0755 would run it as lp). Sets GATE
# to the installed path (empty when there is none: no `card` queue then; start writes
# it to rig.env).
# shellcheck disable=SC2034
install_gate() {
  local built=${EKTP_GATE:-}
  if [[ -z "$built" && -n "${EKTP_BUILD_DIR:-}" ]]; then
    built=$EKTP_BUILD_DIR/tools/gate/ektp-gate
  fi
  GATE=
  if [[ -z "$built" || ! -x "$built" ]]; then
    rig_log "note: no ektp-gate (set EKTP_GATE or EKTP_BUILD_DIR, or build tools/gate); only the queue '$DIRECT_QUEUE' is made"
    return 0
  fi
  install -m 0700 -o root -g root -- "$built" "$RIG/serverbin/backend/ektp-gate"
  GATE=$RIG/serverbin/backend/ektp-gate
}

gate_installed() { [[ -x "$RIG/serverbin/backend/ektp-gate" ]]; }

# The queues the rig makes: card-direct always, card when the gate is installed.
rig_queues() {
  printf '%s\n' "$DIRECT_QUEUE"
  if gate_installed; then printf '%s\n' "$CARD_QUEUE"; fi
}

write_cups_config() {
  mkdir -p -- "$RIG/cups"/{spool,cache,state,tmp}
  cat >"$RIG/cupsd.conf" <<EOF
# The rig's private cupsd (tools/rig/start).
LogLevel info
MaxLogSize 0
Listen 127.0.0.1:8632
Listen $RIG/cups.sock
Browsing Off
BrowseLocalProtocols none
DefaultAuthType None
WebInterface Yes
# Nothing of a job stays once it is done: no document (d files; card faces carry
# personal data), no job record (c files: job name, user), no page log lines.
PreserveJobFiles No
PreserveJobHistory No
PageLogFormat
# Write job and queue state at once, so that a killed cupsd loses nothing.
DirtyCleanInterval 0
<Location />
  Order allow,deny
  Allow all
</Location>
EOF
  cat >"$RIG/cups-files.conf" <<EOF
# The rig's private cupsd (tools/rig/start): every path under the run directory.
ServerRoot $RIG/cups
RequestRoot $RIG/cups/spool
CacheDir $RIG/cups/cache
StateDir $RIG/cups/state
TempDir $RIG/cups/tmp
DataDir /usr/share/cups
DocumentRoot /usr/share/cups/doc-root
ServerBin $RIG/serverbin
AccessLog $RIG/logs/cups-access_log
ErrorLog $RIG/logs/cups-error_log
PageLog $RIG/logs/cups-page_log
Printcap $RIG/cups/printcap
# The station's backend (ektp-gate) finds the permit service (ektpd) here.
SetEnv EKTP_GATE_SOCKET $RIG/gate.sock
EOF
}

cupsd_answers() {
  CUPS_SERVER=$RIG/cups.sock lpstat -r 2>/dev/null | grep -q 'scheduler is running'
}

start_cupsd() {
  make_serverbin
  write_cups_config
  spawn cupsd cupsd -f -c "$RIG/cupsd.conf" -s "$RIG/cups-files.conf"
  wait_for 15 cupsd_answers || fail_start cupsd "cupsd did not answer on $RIG/cups.sock within 15 s."
  rig_log "cupsd is up (pid $(recorded_pid "$RIG" cupsd)) on $RIG/cups.sock and 127.0.0.1:8632"
}

# The CR80 borderless page size the generated PPD offers (nothing if none).
card_page_size() {
  [[ -f "$RIG/cups/ppd/$DIRECT_QUEUE.ppd" ]] || return 0
  sed -n 's/^\*PageSize \(53\.98x85\.6mm\.Borderless\)[/:].*/\1/p' "$RIG/cups/ppd/$DIRECT_QUEUE.ppd" | head -n 1
}

ppd_failed() {
  grep -q 'PPD creation failed' "$RIG/logs/cups-error_log" 2>/dev/null
}

# cupsd builds the IPP Everywhere PPD after lpadmin has returned.
ppd_settled() {
  ppd_failed || [[ -n "$(card_page_size)" ]]
}

queue_saved() {
  grep -q "^<\(Default\)\?Printer $1>" "$RIG/cups/printers.conf" 2>/dev/null
}

# Create the queues: card-direct on the printer (IPP Everywhere PPD from its
# attributes), then card with the same PPD through the gate (`-m everywhere` refuses a
# URI that is not IPP; a PPD file does not).
create_queue() {
  export CUPS_SERVER=$RIG/cups.sock
  lpadmin -p "$DIRECT_QUEUE" -E -v "$PRINTER_URI" -m everywhere -o printer-error-policy=abort-job
  # lpadmin exits 0 even when cupsd could not build the PPD; it builds it later.
  wait_for 20 ppd_settled || true
  if ppd_failed; then
    fail_start cups-error_log "cupsd could not build a PPD for the card printer (see $RIG/logs/cups-error_log): check tools/rig/card-printer.attrs."
  fi
  local size queue
  size=$(card_page_size)
  [[ -n "$size" ]] || fail_start cups-error_log "The PPD made for the card printer offers no CR80 page size (see $RIG/cups/ppd/$DIRECT_QUEUE.ppd)."
  # Without this CUPS picks Letter.
  lpadmin -p "$DIRECT_QUEUE" -o "PageSize=$size"
  if gate_installed; then
    lpadmin -p "$CARD_QUEUE" -E -v "$GATE_URI" -P "$RIG/cups/ppd/$DIRECT_QUEUE.ppd" \
      -o printer-error-policy=abort-job -o "PageSize=$size"
  fi
  for queue in $(rig_queues); do
    wait_for 10 queue_saved "$queue" || fail_start cups-error_log "cupsd did not save the queue '$queue' to $RIG/cups/printers.conf."
  done
  local problems
  problems=$(queue_problems)
  [[ -z "$problems" ]] || fail_start cups-error_log "The queues are not ready: $problems"
  rig_log "queue '$DIRECT_QUEUE' is ready (PageSize=$size) on $PRINTER_URI"
  if gate_installed; then rig_log "queue '$CARD_QUEUE' is ready on $GATE_URI (permit service: $RIG/gate.sock)"; fi
}

# Empty when every queue of the rig exists, is enabled and accepts jobs.
queue_problems() {
  local status queue
  if ! cupsd_answers; then
    printf 'cupsd does not answer on %s\n' "$RIG/cups.sock"
    return 0
  fi
  for queue in $(rig_queues); do
    if ! status=$(CUPS_SERVER=$RIG/cups.sock lpstat -p "$queue" -a "$queue" 2>&1); then
      printf "cupsd does not know the queue '%s' (%s)\n" "$queue" "$status"
      continue
    fi
    grep -q "^printer $queue disabled" <<<"$status" && printf "the queue '%s' is paused (cupsenable %s)\n" "$queue" "$queue"
    grep -q "^$queue accepting requests" <<<"$status" || printf "the queue '%s' does not accept jobs (cupsaccept %s)\n" "$queue" "$queue"
  done
  return 0
}
