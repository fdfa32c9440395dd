# shellcheck shell=bash
# The rig's private cupsd and the station's `card` queue (sourced by
# tools/rig/start; uses RIG and the helpers of lib.sh and services.sh).

CARD_QUEUE=card
PRINTER_URI=ipp://localhost:8631/ipp/print

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
# The station's backend (ektp-gate, a later issue) finds ektpd here.
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
  [[ -f "$RIG/cups/ppd/$CARD_QUEUE.ppd" ]] || return 0
  sed -n 's/^\*PageSize \(53\.98x85\.6mm\.Borderless\)[/:].*/\1/p' "$RIG/cups/ppd/$CARD_QUEUE.ppd" | head -n 1
}

ppd_failed() {
  grep -q 'PPD creation failed' "$RIG/logs/cups-error_log" 2>/dev/null
}

# cupsd builds the IPP Everywhere PPD after lpadmin has returned.
ppd_settled() {
  ppd_failed || [[ -n "$(card_page_size)" ]]
}

queue_saved() {
  grep -q "^<\(Default\)\?Printer $CARD_QUEUE>" "$RIG/cups/printers.conf" 2>/dev/null
}

# Create the `card` queue on the printer (IPP Everywhere PPD from its attributes).
create_queue() {
  export CUPS_SERVER=$RIG/cups.sock
  lpadmin -p "$CARD_QUEUE" -E -v "$PRINTER_URI" -m everywhere -o printer-error-policy=abort-job
  # lpadmin exits 0 even when cupsd could not build the PPD; it builds it later.
  wait_for 20 ppd_settled || true
  if ppd_failed; then
    fail_start cups-error_log "cupsd could not build a PPD for the card printer (see $RIG/logs/cups-error_log): check tools/rig/card-printer.attrs."
  fi
  local size
  size=$(card_page_size)
  [[ -n "$size" ]] || fail_start cups-error_log "The PPD made for the card printer offers no CR80 page size (see $RIG/cups/ppd/$CARD_QUEUE.ppd)."
  # Without this CUPS picks Letter.
  lpadmin -p "$CARD_QUEUE" -o "PageSize=$size"
  wait_for 10 queue_saved || fail_start cups-error_log "cupsd did not save the queue '$CARD_QUEUE' to $RIG/cups/printers.conf."
  local problems
  problems=$(queue_problems)
  [[ -z "$problems" ]] || fail_start cups-error_log "The queue '$CARD_QUEUE' is not ready: $problems"
  rig_log "queue '$CARD_QUEUE' is ready (PageSize=$size) on $PRINTER_URI"
}

# Empty when the `card` queue exists, is enabled and accepts jobs.
queue_problems() {
  local status
  if ! cupsd_answers; then
    printf 'cupsd does not answer on %s\n' "$RIG/cups.sock"
    return 0
  fi
  if ! status=$(CUPS_SERVER=$RIG/cups.sock lpstat -p "$CARD_QUEUE" -a "$CARD_QUEUE" 2>&1); then
    printf "cupsd does not know the queue '%s' (%s)\n" "$CARD_QUEUE" "$status"
    return 0
  fi
  grep -q "^printer $CARD_QUEUE disabled" <<<"$status" && printf "the queue '%s' is paused (cupsenable %s)\n" "$CARD_QUEUE" "$CARD_QUEUE"
  grep -q "^$CARD_QUEUE accepting requests" <<<"$status" || printf "the queue '%s' does not accept jobs (cupsaccept %s)\n" "$CARD_QUEUE" "$CARD_QUEUE"
  return 0
}
