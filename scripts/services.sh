# shellcheck shell=bash
# The .NET processes of ./marketplace up: where they live, how they start,
# how we wait for them and how we stop them. See /tmp/contract.md.

# Start order: the five services, then the gateway.
# Consumers before publishers. Not required: a publisher declares its consumers' queues before its first
# publish (docs/adr/0018), so events published before a consumer first starts wait in its queue.
SERVICE_NAMES=(identity commissioning catalogue purchasing onboarding gateway)

# svc_info NAME: sets SVC_DIR (project dir, relative to the repo), SVC_PROJ, SVC_PORT.
svc_info() {
  case $1 in
    identity)      SVC_DIR=services/Identity/Marketplace.Identity;           SVC_PORT=5101 ;;
    onboarding)    SVC_DIR=services/Onboarding/Marketplace.Onboarding;       SVC_PORT=5102 ;;
    catalogue)     SVC_DIR=services/Catalogue/Marketplace.Catalogue;         SVC_PORT=5103 ;;
    purchasing)    SVC_DIR=services/Purchasing/Marketplace.Purchasing;       SVC_PORT=5104 ;;
    commissioning) SVC_DIR=services/Commissioning/Marketplace.Commissioning; SVC_PORT=5105 ;;
    gateway)       SVC_DIR=gateway/Marketplace.Gateway;                      SVC_PORT=$GATEWAY_PORT ;;
    *) die "unknown service: $1" ;;
  esac
  SVC_PROJ=${SVC_DIR##*/}
}

# svc_dll: the built entry assembly of the service last named to svc_info.
svc_dll() { echo "$REPO_ROOT/artifacts/bin/$SVC_PROJ/release/$SVC_PROJ.dll"; }

svc_pidfile() { echo "$PIDS_DIR/$1.pid"; }

# svc_pid NAME: the pid of the running process of NAME (empty if none).
svc_pid() {
  local pidfile pid
  pidfile=$(svc_pidfile "$1")
  [[ -f $pidfile ]] || return 0
  pid=$(cat "$pidfile")
  svc_info "$1"
  if pid_cmdline_has "$pid" "$(svc_dll)"; then echo "$pid"; fi
}

# svc_start NAME ENV...: start NAME in the background with the given
# environment (VAR=value words), logging to $LOGS_DIR/NAME.log.
svc_start() {
  local name=$1; shift
  svc_info "$name"
  local dll; dll=$(svc_dll)
  [[ -f $dll ]] || die "$dll not found (did the build succeed?)"
  port_open "$SVC_PORT" && die "port $SVC_PORT is already in use; cannot start $name"
  local log=$LOGS_DIR/$name.log
  info "starting $name on http://127.0.0.1:$SVC_PORT (log: ${log#"$REPO_ROOT"/})"
  printf '\n===== %s: starting %s =====\n' "$(date -Is)" "$name" >>"$log"
  # setsid: its own session, so a Ctrl-C in the terminal reaches only this
  # script, which then stops everything in order.
  (
    cd "$REPO_ROOT/$SVC_DIR" || exit 1
    exec setsid env "$@" dotnet "$dll" --urls "http://127.0.0.1:$SVC_PORT"
  ) >>"$log" 2>&1 </dev/null &
  echo $! >"$(svc_pidfile "$name")"
}

# svc_wait_ready NAME [SECONDS]: wait for GET /health/ready to answer 200.
svc_wait_ready() {
  local name=$1 timeout=${2:-120} start=$SECONDS pid code
  svc_info "$name"
  pid=$(cat "$(svc_pidfile "$name")")
  while (( SECONDS - start < timeout )); do
    code=$(http_status "http://127.0.0.1:$SVC_PORT/health/ready")
    [[ $code == 200 ]] && return 0
    if ! pid_alive "$pid"; then
      tail -n 40 "$LOGS_DIR/$name.log" >&2 || true
      die "$name exited during start-up (log: $LOGS_DIR/$name.log)"
    fi
    sleep 1
  done
  tail -n 40 "$LOGS_DIR/$name.log" >&2 || true
  die "$name was not ready within ${timeout}s (last status: $code; log: $LOGS_DIR/$name.log)"
}

# svc_stop NAME: stop NAME if its pid file names a live process of it.
svc_stop() {
  local pid
  pid=$(svc_pid "$1")
  if [[ -n $pid ]]; then
    info "stopping $1 (pid $pid)"
    stop_pid "$pid" 20
  fi
  rm -f "$(svc_pidfile "$1")"
}

# svc_stop_all: stop every service, the gateway first.
svc_stop_all() {
  local i
  for (( i = ${#SERVICE_NAMES[@]} - 1; i >= 0; i-- )); do
    svc_stop "${SERVICE_NAMES[i]}"
  done
}
