# shellcheck shell=bash disable=SC2034
# Helpers shared by tools/rig/start and tools/rig/stop (sourced, not run).
#
# Every process the rig starts is recorded in $RIG/pids/<name>.pid and carries
# the run directory on its command line; that is how stop (from any shell)
# tells the rig's processes from anyone else's, even after a pid was reused.

RIG_PORTS=(35963 35964 35965 35966 8631 8632)
RIG_PROCESS_NAMES=(pcscd cupsd ippeveprinter dbus-daemon ektp-cardsim)
# Stop order: the queue first (it stops its backends), the card stack last.
RIG_SERVICES=(cupsd ippeveprinter dbus cardsim pcscd)
PCSCD_SOCKET=/run/pcscd/pcscd.comm

rig_log() { printf 'rig: %s\n' "$*"; }
rig_die() {
  printf 'rig: %s\n' "$*" >&2
  exit 1
}

# The run directory, absolute, from $EKTP_RIG_DIR (default /tmp/ektp-rig).
rig_dir() {
  local dir
  dir=$(realpath -m -- "${EKTP_RIG_DIR:-/tmp/ektp-rig}")
  # Config files (cupsd.conf Listen lines) and socket paths cannot carry spaces,
  # and Unix socket paths are limited to 108 bytes.
  [[ "$dir" != *[[:space:]]* ]] || rig_die "The run directory '$dir' contains a space. Set EKTP_RIG_DIR to a path without spaces."
  ((${#dir} <= 90)) || rig_die "The run directory '$dir' is too long for Unix sockets. Set EKTP_RIG_DIR to a shorter path."
  printf '%s\n' "$dir"
}

# Gone = kill -0 fails or the process is a zombie (PID 1 reaps orphans late).
pid_alive() {
  local pid=$1 state
  kill -0 "$pid" 2>/dev/null || return 1
  state=$(awk '{ sub(/.*\) /, ""); print $1 }' "/proc/$pid/stat" 2>/dev/null) || return 1
  [[ "$state" != Z ]]
}

# True when pid is alive and its command line names a file in the run directory
# ("$rig/": /tmp/ektp-rig must not claim the processes of /tmp/ektp-rig-2).
pid_is_ours() {
  local pid=$1 rig=$2
  pid_alive "$pid" || return 1
  tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -qF -- "$rig/"
}

# The recorded pid of a rig service, or nothing.
recorded_pid() {
  local rig=$1 name=$2
  [[ -f "$rig/pids/$name.pid" ]] && cat -- "$rig/pids/$name.pid"
  return 0
}

# Live processes named like rig processes whose command line mentions $rig.
rig_leftovers() {
  local rig=$1 name pid
  for name in "${RIG_PROCESS_NAMES[@]}"; do
    for pid in $(pgrep -x -- "$name" || true); do
      if pid_is_ours "$pid" "$rig"; then
        printf '%s (pid %s)\n' "$name" "$pid"
      fi
    done
  done
}

# wait_for SECONDS COMMAND...: poll until COMMAND succeeds; fail after SECONDS.
wait_for() {
  local deadline=$((SECONDS + $1))
  shift
  until "$@"; do
    ((SECONDS < deadline)) || return 1
    sleep 0.05
  done
}

# Ask a process to stop, then force it after a bound; returns when it is gone.
stop_pid() {
  local pid=$1 what=$2 i
  pid_alive "$pid" || return 0
  kill -TERM "$pid" 2>/dev/null || true
  for ((i = 0; i < 100; i++)); do # 5 s
    pid_alive "$pid" || return 0
    sleep 0.05
  done
  rig_log "$what (pid $pid) did not stop within 5 s; killing it"
  kill -KILL "$pid" 2>/dev/null || true
  for ((i = 0; i < 100; i++)); do
    pid_alive "$pid" || return 0
    sleep 0.05
  done
  return 1
}

# "name (pid N)" of whoever listens on a TCP port, or nothing.
port_owner() {
  local port=$1 line
  line=$(ss -Hltnp "sport = :$port" 2>/dev/null | head -n 1)
  [[ -n "$line" ]] || return 0
  if [[ "$line" =~ \(\(\"([^\"]+)\",pid=([0-9]+) ]]; then
    printf '%s (pid %s)\n' "${BASH_REMATCH[1]}" "${BASH_REMATCH[2]}"
  else
    printf 'an unknown process\n'
  fi
}

# The rig's recorded processes that are still alive (names).
running_services() {
  local name pid
  for name in "${RIG_SERVICES[@]}"; do
    pid=$(recorded_pid "$RIG" "$name")
    if [[ -n "$pid" ]] && pid_is_ours "$pid" "$RIG"; then
      printf '%s\n' "$name"
    fi
  done
}
