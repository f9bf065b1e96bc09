# shellcheck shell=bash
# Shared helpers for ./marketplace: messages, privileges, secrets, ports, HTTP waits.
# Sourced by ./marketplace; expects REPO_ROOT to be set.

# --- messages ---------------------------------------------------------------

info() { printf '==> %s\n' "$*"; }
warn() { printf 'warning: %s\n' "$*" >&2; }
die()  { printf 'error: %s\n' "$*" >&2; exit 1; }

# --- privileges -------------------------------------------------------------

is_root() { [[ ${EUID:-$(id -u)} -eq 0 ]]; }

# as_root CMD...: run a command as root (directly, or through sudo).
as_root() {
  if is_root; then
    "$@"
  elif command -v sudo >/dev/null 2>&1; then
    sudo "$@"
  else
    die "need root for: $* (run as root, or install sudo)"
  fi
}

# run_as USER [VAR=value...] CMD...: run a command as USER with exactly the
# given extra environment variables (runuser as root, sudo otherwise).
run_as() {
  local user=$1; shift
  if [[ $user == "$(id -un)" ]]; then
    env "$@"
  elif is_root; then
    runuser -u "$user" -- env "$@"
  elif command -v sudo >/dev/null 2>&1; then
    sudo -u "$user" -- env "$@"
  else
    die "need root or sudo to run as $user"
  fi
}

# --- secrets ----------------------------------------------------------------

# random_hex N: N random hexadecimal characters (safe in URLs and connection strings).
random_hex() {
  od -An -N "$(( ($1 + 1) / 2 ))" -tx1 /dev/urandom | tr -d ' \n' | cut -c "1-$1"
}

# secret FILE NAME GENERATOR...: print the value stored for NAME in FILE; the
# first time, generate it with GENERATOR and store it (file mode 600).
secret() {
  local file=$1 name=$2; shift 2
  local value=""
  if [[ -f $file ]]; then
    value=$(sed -n "s/^${name}=//p" "$file")
    value=${value%%$'\n'*}
  fi
  if [[ -z $value ]]; then
    value=$("$@")
    ( umask 077; printf '%s=%s\n' "$name" "$value" >>"$file" )
  fi
  chmod 600 "$file"
  printf '%s' "$value"
}

# A demo password that satisfies ASP.NET Core Identity's default rules
# (upper case, lower case, digit, non-alphanumeric, length).
demo_password_generator() { printf 'Demo-%s-Pass7' "$(random_hex 10)"; }
hex24() { random_hex 24; }

# --- ports and processes ----------------------------------------------------

# port_open PORT: true when something accepts TCP connections on 127.0.0.1:PORT.
port_open() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# listener_pid PORT: pid of the process listening on TCP PORT (empty if unknown).
listener_pid() {
  local line
  line=$(ss -ltnpH "sport = :$1" 2>/dev/null || true)
  [[ $line =~ pid=([0-9]+) ]] && echo "${BASH_REMATCH[1]}"
  return 0
}

# pid_alive PID: true when PID is a live process (not a zombie).
pid_alive() {
  [[ -n ${1:-} && -d /proc/$1 ]] || return 1
  local state
  state=$(awk '/^State:/ {print $2}' "/proc/$1/status" 2>/dev/null || true)
  [[ -n $state && $state != Z ]]
}

# pid_cmdline_has PID TEXT: true when PID's command line contains TEXT.
pid_cmdline_has() {
  pid_alive "$1" || return 1
  local cmdline
  cmdline=$(tr '\0' ' ' <"/proc/$1/cmdline" 2>/dev/null) || return 1
  [[ $cmdline == *"$2"* ]]
}

# pid_env_has PID VAR=VALUE: true when PID's environment has exactly that
# variable (for processes, like Erlang's, whose command line says little).
pid_env_has() {
  pid_alive "$1" || return 1
  local envs
  envs=$(as_root cat "/proc/$1/environ" 2>/dev/null | tr '\0' '\n') || return 1
  [[ $'\n'$envs$'\n' == *$'\n'"$2"$'\n'* ]]
}

# stop_pid PID [SECONDS] [SIGNAL]: signal PID (default TERM), wait, then KILL.
stop_pid() {
  local pid=$1 wait=${2:-15} sig=${3:-TERM} i
  pid_alive "$pid" || return 0
  as_root kill "-$sig" "$pid" 2>/dev/null || true
  for (( i = 0; i < wait * 5; i++ )); do
    pid_alive "$pid" || return 0
    sleep 0.2
  done
  warn "pid $pid did not stop after ${wait}s; killing it"
  as_root kill -KILL "$pid" 2>/dev/null || true
}

# --- HTTP -------------------------------------------------------------------

# http_status URL: the HTTP status code of a GET (000 when nothing answers).
http_status() {
  curl -s -o /dev/null -m 5 -w '%{http_code}' "$1" 2>/dev/null || true
}
