# shellcheck shell=bash disable=SC2034
# Helpers shared by tools/rig/start and tools/rig/stop (sourced, not run).
#
# Every daemon the rig starts leads a session of its own (setsid), is recorded
# in $RIG/pids/<name>.pid and carries the run directory on its command line;
# what it starts inherits the session and the run directory in its environment.
# That is how stop (from any shell) tells the rig's processes from anyone
# else's, even after a pid was reused.

RIG_PORTS=(35963 35964 35965 35966 8631 8632)
RIG_PROCESS_NAMES=(pcscd cupsd ippeveprinter dbus-daemon ektp-cardsim ektp-printersim)
# Stop order: the queue first (it stops its backends), the printer and its
# mechanics (the printer simulator drives the card simulator), the card stack last.
RIG_SERVICES=(cupsd ippeveprinter printersim dbus cardsim pcscd)
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
  tr '\0' ' ' 2>/dev/null <"/proc/$pid/cmdline" | grep -qF -- "$rig/"
}

# The recorded pid of a rig service, or nothing.
recorded_pid() {
  local rig=$1 name=$2
  [[ -f "$rig/pids/$name.pid" ]] && cat -- "$rig/pids/$name.pid"
  return 0
}

# rig_marked PID RIG: the process's command line or environment names a file in
# the run directory (the daemons by their arguments; their children, e.g.
# print-card and its sleep, by what they inherit: EKTP_PRINTER_STATE, CUPS_*).
rig_marked() {
  local pid=$1 rig=$2
  tr '\0' '\n' 2>/dev/null <"/proc/$pid/cmdline" | grep -qF -- "$rig/" && return 0
  tr '\0' '\n' 2>/dev/null <"/proc/$pid/environ" | grep -qF -- "$rig/"
}

# The rig's sessions: each daemon was started by setsid, so its pid is also its
# session and process group id, shared by everything it starts (cupsd moves
# its jobs to groups of their own, but not out of its session).
recorded_sessions() {
  local rig=$1 file
  for file in "$rig"/pids/*.pid; do
    [[ -f "$file" ]] && cat -- "$file"
  done
  return 0
}

# Live (not zombie) processes of session SID that carry the rig's mark, one pid a
# line. The mark matters: once a session is empty its number can be reused.
session_members() {
  local sid=$1 rig=$2 pid psid stat
  while read -r pid psid stat; do
    [[ "$psid" == "$sid" && "$stat" != Z* && "$pid" != "$$" && "$pid" != "$BASHPID" ]] || continue
    rig_marked "$pid" "$rig" && printf '%s\n' "$pid"
  done < <(ps -e -o pid=,sid=,stat=)
}

# What is left of the rig in $rig, as "name (pid N)" lines: every member of a
# recorded session (a daemon and anything it started, e.g. an in-flight
# print-card), and any process named like a rig daemon whose command line names
# the run directory (e.g. one a test restarted by hand). A process that merely
# mentions the directory (an editor, `tail -f $RIG/logs/...`) is not the rig's.
rig_leftovers() {
  local rig=$1 name pid sid
  {
    for sid in $(recorded_sessions "$rig"); do
      session_members "$sid" "$rig"
    done
    for name in "${RIG_PROCESS_NAMES[@]}"; do
      for pid in $(pgrep -x -- "$name" || true); do
        if pid_is_ours "$pid" "$rig"; then printf '%s\n' "$pid"; fi
      done
    done
  } | sort -un | while read -r pid; do
    pid_alive "$pid" || continue
    printf '%s (pid %s)\n' "$(cat "/proc/$pid/comm" 2>/dev/null || echo '?')" "$pid"
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

# stop_session SID WHAT RIG: stop a daemon and everything it started. SIGTERM
# goes to its process group (the daemon and e.g. ippeveprinter's print-card with
# its sleep and curl), then to whatever of its session outlives the daemon
# (cupsd's jobs run in groups of their own); after 5 s, SIGKILL. Returns once
# they are gone (1 if something survived SIGKILL).
stop_session() {
  local sid=$1 what=$2 rig=$3 i pid members termed_rest=0
  # The group only while its leader is the rig's daemon: a group whose leader
  # is gone may be empty, and its number someone else's by now.
  if pid_is_ours "$sid" "$rig"; then kill -TERM -- "-$sid" 2>/dev/null || true; fi
  for ((i = 0; i < 100; i++)); do # 5 s
    members=$(session_members "$sid" "$rig")
    [[ -n "$members" ]] || return 0
    if ((!termed_rest)) && ! pid_is_ours "$sid" "$rig"; then
      for pid in $members; do kill -TERM "$pid" 2>/dev/null || true; done
      termed_rest=1
    fi
    sleep 0.05
  done
  rig_log "$what (session $sid: pids $(xargs <<<"$members")) did not stop within 5 s; killing it"
  if pid_is_ours "$sid" "$rig"; then kill -KILL -- "-$sid" 2>/dev/null || true; fi
  for pid in $members; do kill -KILL "$pid" 2>/dev/null || true; done
  for ((i = 0; i < 100; i++)); do
    [[ -n "$(session_members "$sid" "$rig")" ]] || return 0
    sleep 0.05
  done
  return 1
}

# Ask a single process to stop, then force it after a bound; returns when it is gone.
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

# True when something listens on pcscd's socket: a pcscd, or systemd holding
# it for a socket-activated pcscd that is not running yet (pcscd.socket).
pcscd_socket_in_use() {
  [[ -n "$(ss -xlH src "$PCSCD_SOCKET" 2>/dev/null)" ]]
}

PCSCD_SERVICE_MESSAGE="A system pcscd service holds $PCSCD_SOCKET. Stop it (systemctl stop pcscd.socket pcscd) and run tools/rig/start again."

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
