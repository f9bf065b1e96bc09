# shellcheck shell=bash
# ./marketplace test: fresh private servers on test ports, one build, every
# test project, and a closing line "N passed, N failed".

# MARKETPLACE_TEST_SLOT (0-9, default 0) moves the servers to other ports and
# names, so several checkouts on one machine can test at the same time.
TEST_SLOT=${MARKETPLACE_TEST_SLOT:-0}
[[ $TEST_SLOT =~ ^[0-9]$ ]] || die "MARKETPLACE_TEST_SLOT must be one digit, not '$TEST_SLOT'"
TEST_PG_PORT=$((54339 + TEST_SLOT * 100))
TEST_RMQ_NODE=marketplace-test$TEST_SLOT@localhost
TEST_RMQ_AMQP=$((56739 + TEST_SLOT * 100))
TEST_RMQ_MGMT=$((15689 + TEST_SLOT * 100))
TEST_RMQ_DIST=$((25689 + TEST_SLOT * 100))
TEST_TMP_PREFIX=/tmp/marketplace-test$TEST_SLOT.
# One test run at a time per slot (fixed ports and node name). A folder as
# the lock, holding the owner's pid: no file descriptor to leak into servers.
TEST_LOCK=/tmp/marketplace-test$TEST_SLOT-lock

TEST_TMP=""

# test_lock: wait (up to 30 min) until no other ./marketplace test runs here.
test_lock() {
  local start=$SECONDS owner said=""
  until mkdir "$TEST_LOCK" 2>/dev/null; do
    owner=$(cat "$TEST_LOCK/pid" 2>/dev/null || true)
    if [[ -n $owner ]] && pid_cmdline_has "$owner" marketplace; then
      [[ -n $said ]] || info "waiting for another ./marketplace test (pid $owner) to finish"
      said=1
      (( SECONDS - start < 1800 )) || die "another ./marketplace test (pid $owner) is still running"
      sleep 2
    elif [[ -z $owner ]] && (( SECONDS - start < 5 )); then
      sleep 1   # its owner may be about to write its pid
    else
      rm -rf "$TEST_LOCK"   # left by a run that died
    fi
  done
  echo $$ >"$TEST_LOCK/pid"
}

test_unlock() {
  [[ $(cat "$TEST_LOCK/pid" 2>/dev/null || true) == "$$" ]] && rm -rf "$TEST_LOCK"
  return 0
}

# test_cleanup_stale: stop servers a crashed earlier run left behind on the
# test ports, and remove that run's temp dirs. Only processes whose command
# line points into one of our temp dirs are signalled.
test_cleanup_stale() {
  local dir pid port
  if rmq_registered "$TEST_RMQ_NODE"; then
    warn "a RabbitMQ node $TEST_RMQ_NODE from an earlier run is still running; stopping it"
    rmq_ctl "$TEST_RMQ_NODE" stop >/dev/null 2>&1 || true
  fi
  for dir in "$TEST_TMP_PREFIX"*; do
    [[ -d $dir ]] || continue
    if pg_running "$dir/postgres"; then
      warn "stopping PostgreSQL left by an earlier run in $dir"
      pg_as "$dir/postgres" "$PG_BIN/pg_ctl" -D "$dir/postgres/data" -m immediate -w -t 30 stop >/dev/null 2>&1 || true
    fi
    rmq_stop "$dir/rabbitmq" "$TEST_RMQ_NODE" >/dev/null 2>&1 || true
    as_root rm -rf "$dir"
  done
  # Listeners whose temp dir is gone already.
  for port in "$TEST_PG_PORT" "$TEST_RMQ_AMQP" "$TEST_RMQ_MGMT" "$TEST_RMQ_DIST"; do
    pid=$(listener_pid "$port")
    if [[ -n $pid ]] && { pid_cmdline_has "$pid" "$TEST_TMP_PREFIX" \
                          || pid_env_has "$pid" "RABBITMQ_NODENAME=$TEST_RMQ_NODE"; }; then
      warn "stopping pid $pid left on port $port by an earlier run"
      stop_pid "$pid" 20 INT
    fi
  done
}

# test_stop_servers: the EXIT trap of ./marketplace test.
test_stop_servers() {
  [[ -n $TEST_TMP && -d $TEST_TMP ]] || return 0
  test_stop_marketplaces
  rmq_stop "$TEST_TMP/rabbitmq" "$TEST_RMQ_NODE" >/dev/null || true
  pg_stop "$TEST_TMP/postgres" >/dev/null || true
  as_root rm -rf "$TEST_TMP"
  TEST_TMP=""
}

# test_stop_marketplaces: stop the marketplace processes a test host or a
# benchmark started against this run's servers and left behind (a crashed or
# killed host cannot stop its children). Only processes whose environment
# points at this run's PostgreSQL port are signalled.
test_stop_marketplaces() {
  local pid
  for pid in $(pgrep -f 'artifacts/bin/Marketplace\.' 2>/dev/null); do
    if pid_env_has "$pid" "ConnectionStrings__Postgres=Host=127.0.0.1;Port=$TEST_PG_PORT;Username=postgres"; then
      stop_pid "$pid" 10
    fi
  done
}

# trx_counts DIR: print "passed failed files" summed over the TRX files in DIR.
trx_counts() {
  local f passed=0 failed=0 files=0 counters n attr
  while IFS= read -r -d '' f; do
    counters=$(grep -o '<Counters [^>]*>' "$f" | head -n 1) || continue
    files=$((files + 1))
    n=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters"); passed=$((passed + ${n:-0}))
    for attr in failed error timeout aborted; do
      n=$(sed -n "s/.* $attr=\"\\([0-9]*\\)\".*/\\1/p" <<<"$counters"); failed=$((failed + ${n:-0}))
    done
  done < <(find "$1" -name '*.trx' -print0 2>/dev/null)
  echo "$passed $failed $files"
}

# console_counts LOG: print "passed failed projects" from dotnet test's
# per-project summary lines ("Passed!  - Failed: 0, Passed: 12, ...").
console_counts() {
  awk '
    /(Passed|Failed)! +- +Failed: +[0-9]+, +Passed: +[0-9]+/ {
      line = $0
      sub(/.*Failed: */, "", line); f = line + 0
      line = $0
      sub(/.*Passed: */, "", line); p = line + 0
      passed += p; failed += f; projects++
    }
    END { printf "%d %d %d\n", passed, failed, projects }
  ' "$1"
}

# test_servers_up PURPOSE: lock the slot, start fresh PostgreSQL and RabbitMQ
# on the slot's ports in a temp dir and build the solution once. Sets TEST_ENV
# (what the test and bench processes read) and TEST_RESULTS; the EXIT trap
# stops the servers again.
test_servers_up() {
  ensure_packages test
  command -v dotnet >/dev/null 2>&1 || die "dotnet is not on PATH"
  export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
  export MSBUILDDISABLENODEREUSE=1   # no MSBuild nodes outlive the run

  trap 'test_stop_servers; test_unlock' EXIT
  trap 'exit 130' INT
  trap 'exit 143' TERM
  test_lock
  test_cleanup_stale

  TEST_TMP=$(mktemp -d "${TEST_TMP_PREFIX}XXXXXX")
  chmod 755 "$TEST_TMP"   # the postgres and rabbitmq users must reach their folders

  # RabbitMQ boots slowly: let it boot while PostgreSQL starts and the build runs.
  rmq_start "$TEST_TMP/rabbitmq" "$TEST_RMQ_NODE" "$TEST_RMQ_AMQP" "$TEST_RMQ_MGMT" "$TEST_RMQ_DIST"
  [[ -n $RMQ_STARTED ]] || die "a RabbitMQ node $TEST_RMQ_NODE is already running"
  pg_init "$TEST_TMP/postgres" trust
  pg_start "$TEST_TMP/postgres" "$TEST_PG_PORT"

  ensure_node_modules

  TEST_RESULTS=$REPO_ROOT/TestResults
  rm -rf "$TEST_RESULTS"
  mkdir -p "$TEST_RESULTS"
  if ! build_solution "$TEST_RESULTS/build.log"; then
    echo "BUILD FAILED"
    return 1
  fi

  rmq_await "$TEST_TMP/rabbitmq" "$TEST_RMQ_NODE" 120
  TEST_ENV=(
    "MARKETPLACE_TEST_PG=Host=127.0.0.1;Port=$TEST_PG_PORT;Username=postgres"
    "MARKETPLACE_TEST_AMQP=amqp://guest:guest@127.0.0.1:$TEST_RMQ_AMQP/"
    "MARKETPLACE_TEST_RABBIT_MGMT=http://127.0.0.1:$TEST_RMQ_MGMT"
    "MARKETPLACE_TEST_RABBIT_NODE=$TEST_RMQ_NODE"
    "MARKETPLACE_TEST_CHROMIUM=/usr/bin/chromium"
  )
}

# cmd_test [PROJECT [DOTNET-TEST-ARGS...]]: every test project, or one test
# project (a path) with extra `dotnet test` arguments such as --filter.
cmd_test() {
  local target=Marketplace.sln
  if [[ $# -gt 0 ]]; then
    target=$1
    shift
    [[ -e $REPO_ROOT/$target ]] || die "no test project at $target"
  fi
  if ! test_servers_up; then
    echo "0 passed, 0 failed"
    return 1
  fi
  local results=$TEST_RESULTS

  info "running tests"
  local rc=0
  (
    cd "$REPO_ROOT"
    env "${TEST_ENV[@]}" dotnet test "$target" -c Release --no-build -nologo -m:1 \
        --logger trx --results-directory "$results" \
        --blame-hang-timeout 10m --blame-hang-dump-type none "$@" </dev/null
  ) 2>&1 | tee "$results/test.log" || rc=$?   # pipefail: dotnet test's exit code

  # Totals: from the TRX files; from the console summaries if some project
  # wrote no TRX file (e.g. its test host crashed).
  local passed failed files c_passed c_failed c_projects
  read -r passed failed files < <(trx_counts "$results")
  read -r c_passed c_failed c_projects < <(console_counts "$results/test.log")
  if (( c_projects > files )); then
    passed=$c_passed failed=$c_failed
  fi

  local status=0
  if (( rc != 0 )); then
    echo "dotnet test exited with code $rc"
    status=1
  fi
  if (( passed + failed == 0 )); then
    echo "no tests ran"
    status=1
  fi
  (( failed == 0 )) || status=1
  echo "$passed passed, $failed failed"
  return "$status"
}

# cmd_bench NAME [ARGS...]: the benchmark NAME (tests/Marketplace.Bench) against
# fresh private servers, like the tests; prints Markdown for docs/performance.md.
cmd_bench() {
  test_servers_up || return 1
  info "running benchmark ${1:-(none named)}"
  (cd "$REPO_ROOT" && env "${TEST_ENV[@]}" DOTNET_gcServer=1 \
    dotnet artifacts/bin/Marketplace.Bench/release/Marketplace.Bench.dll "$@")
}
