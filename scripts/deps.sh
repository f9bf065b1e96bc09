# shellcheck shell=bash
# Installs the Debian packages ./marketplace needs, only when they are missing.

PG_BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}
RABBITMQ_LIB_BIN=/usr/lib/rabbitmq/bin

# missing_packages [test]: print the Debian packages that are not installed yet.
missing_packages() {
  local want_test=${1:-}
  [[ -x $PG_BIN/pg_ctl && -x $PG_BIN/initdb ]] || echo postgresql
  command -v psql >/dev/null 2>&1 || echo postgresql-client
  [[ -x $RABBITMQ_LIB_BIN/rabbitmq-server ]] || echo rabbitmq-server
  command -v node >/dev/null 2>&1 || echo nodejs
  command -v npm >/dev/null 2>&1 || echo npm
  command -v curl >/dev/null 2>&1 || echo curl
  command -v ss >/dev/null 2>&1 || echo iproute2
  if [[ $want_test == test ]]; then
    [[ -x /usr/bin/chromium ]] || echo chromium
  fi
  return 0
}

# ensure_packages [test]: apt-get install whatever is missing. Service
# auto-start is blocked during the install (policy-rc.d exit 101), so the
# system-wide rabbitmq-server / postgresql services are never started.
ensure_packages() {
  local -a missing
  mapfile -t missing < <(missing_packages "${1:-}")
  (( ${#missing[@]} == 0 )) && return 0

  command -v apt-get >/dev/null 2>&1 || die "missing: ${missing[*]} (and no apt-get to install them)"
  info "installing ${missing[*]}"

  local policy=/usr/sbin/policy-rc.d added_policy=""
  if [[ ! -e $policy ]]; then
    printf '#!/bin/sh\n# added by ./marketplace during apt-get install\nexit 101\n' | as_root tee "$policy" >/dev/null
    as_root chmod 755 "$policy"
    added_policy=1
  fi

  local -a apt=(env DEBIAN_FRONTEND=noninteractive apt-get -q -y -o DPkg::Lock::Timeout=300)
  local rc=0
  as_root "${apt[@]}" update >/dev/null || rc=$?
  (( rc == 0 )) && { as_root "${apt[@]}" install "${missing[@]}" >/dev/null || rc=$?; }

  [[ -n $added_policy ]] && as_root rm -f "$policy"
  (( rc == 0 )) || die "apt-get failed to install: ${missing[*]}"

  mapfile -t missing < <(missing_packages "${1:-}")
  (( ${#missing[@]} == 0 )) || die "still missing after apt-get install: ${missing[*]}"
}

# ensure_node_modules: npm ci (or npm install) for the gateway's front-end
# assets when its package.json exists and node_modules is missing or stale.
ensure_node_modules() {
  local dir=$REPO_ROOT/gateway/Marketplace.Gateway
  [[ -f $dir/package.json ]] || return 0
  if [[ -d $dir/node_modules ]]; then
    # Up to date unless the lock file changed after the last install.
    [[ -f $dir/package-lock.json && $dir/package-lock.json -nt $dir/node_modules/.package-lock.json ]] || return 0
  fi
  info "installing front-end packages (npm) in gateway/Marketplace.Gateway"
  local cmd=install
  [[ -f $dir/package-lock.json ]] && cmd=ci
  (cd "$dir" && npm "$cmd" --no-audit --no-fund --loglevel=error </dev/null) || die "npm $cmd failed in $dir"
}

# build_solution LOG: one Release build of the whole solution. Output goes to
# LOG (build servers that outlive the build then hold the file, not our
# stdout) and is shown afterwards; a failed build ends the script.
build_solution() {
  local log=$1
  info "building Marketplace.sln (Release)"
  local rc=0
  (cd "$REPO_ROOT" && dotnet build Marketplace.sln -c Release -nologo -v q </dev/null) >"$log" 2>&1 || rc=$?
  if (( rc != 0 )); then
    cat "$log" >&2
    return "$rc"
  fi
  # Quiet builds print little; show warnings, if any.
  grep -E 'warning|error' "$log" | sort -u | head -n 50 || true
  return 0
}
