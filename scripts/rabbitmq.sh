# shellcheck shell=bash
# shellcheck disable=SC2034  # RMQ_STARTED is read by ./marketplace
# A private RabbitMQ node in a folder of ours (Debian's rabbitmq-server package).
# Layout of DIR: rabbitmq.conf, enabled_plugins, mnesia/, log/, rabbitmq.pid,
# launcher.pid, startup.log. The node runs as the 'rabbitmq' user (Debian's
# scripts insist on it), which shares the Erlang cookie in /var/lib/rabbitmq
# with rabbitmqctl.

RABBITMQ_HOME_DIR=/var/lib/rabbitmq

# rmq_as CMD...: run a RabbitMQ tool as the rabbitmq user.
rmq_as() {
  (cd / && run_as rabbitmq HOME="$RABBITMQ_HOME_DIR" LC_ALL=C.UTF-8 "$@")
}

# rmq_ctl NODE ARGS...: rabbitmqctl against NODE.
rmq_ctl() {
  local node=$1; shift
  rmq_as "$RABBITMQ_LIB_BIN/rabbitmqctl" -q -n "$node" "$@"
}

# rmq_registered NODE: true when a node of that name is registered with epmd
# (cheap check: no Erlang VM is started).
rmq_registered() {
  local names
  names=$(epmd -names 2>/dev/null) || return 1
  [[ $'\n'$names == *$'\n'"name ${1%@*} at port "* ]]
}

# rmq_start DIR NODE AMQP_PORT MGMT_PORT DIST_PORT: start the node in the
# background (use rmq_await to wait for it). Sets RMQ_STARTED=1 when it
# started it, RMQ_STARTED="" when a node of that name already runs.
RMQ_STARTED=""
rmq_start() {
  local dir=$1 node=$2 amqp=$3 mgmt=$4 dist=$5 port
  RMQ_STARTED=""
  if rmq_registered "$node"; then
    return 0
  fi
  for port in "$amqp" "$mgmt" "$dist"; do
    port_open "$port" && die "port $port is already in use by another process; cannot start RabbitMQ node $node"
  done
  info "starting RabbitMQ node $node on 127.0.0.1:$amqp (management $mgmt) ($dir)"

  mkdir -p "$dir/mnesia" "$dir/log"
  cat >"$dir/rabbitmq.conf" <<CONF
listeners.tcp.default = 127.0.0.1:$amqp
management.tcp.ip = 127.0.0.1
management.tcp.port = $mgmt
CONF
  echo '[rabbitmq_management].' >"$dir/enabled_plugins"
  : >"$dir/rabbitmq-env.conf"   # keeps /etc/rabbitmq/rabbitmq-env.conf out of the way
  rm -f "$dir/rabbitmq.pid"
  as_root chown -R rabbitmq:rabbitmq "$dir"

  # epmd (the Erlang port mapper) is started by the first Erlang node if it is
  # not running; remember that so we can stop it again when it is unused.
  if epmd -names >/dev/null 2>&1; then rm -f "$dir/epmd-started-here"; else touch "$dir/epmd-started-here"; fi

  local -a as_cmd
  if [[ $(id -un) == rabbitmq ]]; then as_cmd=(env)
  elif is_root; then as_cmd=(runuser -u rabbitmq -- env)
  else as_cmd=(sudo -u rabbitmq -- env)
  fi
  (
    cd /
    exec setsid "${as_cmd[@]}" \
      HOME="$RABBITMQ_HOME_DIR" LC_ALL=C.UTF-8 \
      ERL_EPMD_ADDRESS=127.0.0.1 \
      RABBITMQ_NODENAME="$node" \
      RABBITMQ_NODE_IP_ADDRESS=127.0.0.1 \
      RABBITMQ_NODE_PORT="$amqp" \
      RABBITMQ_DIST_PORT="$dist" \
      RABBITMQ_MNESIA_BASE="$dir/mnesia" \
      RABBITMQ_LOG_BASE="$dir/log" \
      RABBITMQ_CONFIG_FILE="$dir/rabbitmq" \
      RABBITMQ_CONF_ENV_FILE="$dir/rabbitmq-env.conf" \
      RABBITMQ_ENABLED_PLUGINS_FILE="$dir/enabled_plugins" \
      RABBITMQ_PID_FILE="$dir/rabbitmq.pid" \
      RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS="-kernel inet_dist_use_interface {127,0,0,1}" \
      "$RABBITMQ_LIB_BIN/rabbitmq-server"
  ) >"$dir/startup.log" 2>&1 </dev/null &
  echo $! >"$dir/launcher.pid"
  RMQ_STARTED=1
}

# rmq_await DIR NODE [SECONDS]: wait until the node has fully booted.
rmq_await() {
  local dir=$1 node=$2 timeout=${3:-120} start=$SECONDS launcher
  launcher=$(cat "$dir/launcher.pid" 2>/dev/null || true)
  while (( SECONDS - start < timeout )); do
    if rmq_registered "$node" && rmq_ctl "$node" await_startup --timeout 60 >/dev/null 2>&1; then
      return 0
    fi
    if [[ -n $launcher ]] && ! pid_alive "$launcher"; then
      tail -n 40 "$dir/startup.log" >&2 || true
      die "RabbitMQ node $node exited during start-up (logs: $dir/startup.log, $dir/log)"
    fi
    sleep 1
  done
  tail -n 40 "$dir/startup.log" >&2 || true
  die "RabbitMQ node $node did not start within ${timeout}s (logs: $dir/startup.log, $dir/log)"
}

# rmq_stop DIR NODE: stop the node (by name, then by pid as a fallback), and
# epmd too when we started it and no other node uses it.
rmq_stop() {
  local dir=$1 node=$2 pid="" launcher=""
  pid=$(cat "$dir/rabbitmq.pid" 2>/dev/null || true)
  launcher=$(cat "$dir/launcher.pid" 2>/dev/null || true)
  if rmq_registered "$node"; then
    info "stopping RabbitMQ node $node"
    rmq_ctl "$node" stop >/dev/null 2>&1 || warn "rabbitmqctl stop failed for $node"
  fi
  # Only signal pids that are really this node's processes.
  if [[ -n $pid ]] && pid_env_has "$pid" "RABBITMQ_PID_FILE=$dir/rabbitmq.pid"; then stop_pid "$pid" 30; fi
  if [[ -n $launcher ]] && pid_cmdline_has "$launcher" rabbitmq-server; then stop_pid "$launcher" 10; fi
  rm -f "$dir/launcher.pid"
  if [[ -f $dir/epmd-started-here ]]; then
    # epmd refuses -kill while any node is still registered with it.
    local names
    names=$(epmd -names 2>/dev/null || true)
    [[ $names == *$'\n'"name "* ]] || epmd -kill >/dev/null 2>&1 || true
    rm -f "$dir/epmd-started-here"
  fi
}

# rmq_ensure_user NODE USER PASSWORD: an administrator with full rights on /.
rmq_ensure_user() {
  local node=$1 user=$2 password=$3
  local users
  users=$(rmq_ctl "$node" list_users 2>/dev/null | awk '{print $1}' || true)
  if [[ $'\n'$users$'\n' == *$'\n'"$user"$'\n'* ]]; then
    rmq_ctl "$node" change_password "$user" "$password" >/dev/null
  else
    rmq_ctl "$node" add_user "$user" "$password" >/dev/null
  fi
  rmq_ctl "$node" set_user_tags "$user" administrator >/dev/null
  rmq_ctl "$node" set_permissions -p / "$user" '.*' '.*' '.*' >/dev/null
}
