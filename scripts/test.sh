#!/usr/bin/env bash
# Runs every test on a fresh machine: installs what is missing (PostgreSQL, Chromium, zbar and wrk from apt; maildev,
# the Stripe Node library and axe-core from npm), starts a throwaway PostgreSQL and maildev on 127.0.0.1, runs `dotnet test`, stops them,
# and prints "N passed, N failed, N skipped". Safe to run again: installs are skipped when present. Tests that need a
# live SQL Server run when STOREFRONT_TEST_SQLSERVER holds a connection string (or a Docker engine answers) and are
# reported as skipped otherwise.
set -uo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)

log() { printf '\n==> %s\n' "$*"; }
SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"

need_apt=()
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need_apt+=(postgresql)
command -v chromium >/dev/null 2>&1 || need_apt+=(chromium)
command -v zbarimg >/dev/null 2>&1 || need_apt+=(zbar-tools)
command -v wrk >/dev/null 2>&1 || need_apt+=(wrk)
if [ ${#need_apt[@]} -gt 0 ]; then
  log "Installing ${need_apt[*]}"
  $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need_apt[@]}" >/dev/null || { echo "apt-get install failed"; echo "0 passed, 1 failed, 0 skipped"; exit 1; }
fi

log "Installing npm test tools (maildev, stripe, axe-core)"
(cd tests/node && { [ -d node_modules ] && npm ls --silent >/dev/null 2>&1 || npm ci --no-audit --no-fund --loglevel=error; }) \
  || { echo "npm ci failed"; echo "0 passed, 1 failed, 0 skipped"; exit 1; }

log "Restoring .NET tools (dotnet-ef, for scripts/add-migration.sh)"
dotnet tool restore >/dev/null || { echo "dotnet tool restore failed"; echo "0 passed, 1 failed, 0 skipped"; exit 1; }

# A port nobody listens on (bash's /dev/tcp, so no extra tool is needed).
free_port() {
  local port
  while :; do
    port=$(( 20000 + RANDOM % 40000 ))
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null || { echo "$port"; return; }
  done
}

WORK=$(mktemp -d /tmp/storefront-test.XXXXXX); chmod 755 "$WORK"
PGBIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
PG_PORT=$(free_port); SMTP_PORT=$(free_port); MAIL_WEB_PORT=$(free_port)
MAILDEV_PID=""

cleanup() {
  [ -n "$MAILDEV_PID" ] && kill "$MAILDEV_PID" 2>/dev/null
  [ -f "$WORK/pg/data/postmaster.pid" ] && runuser -u postgres -- "$PGBIN/pg_ctl" -D "$WORK/pg/data" -m immediate stop >/dev/null 2>&1
  rm -rf "$WORK"
}
trap cleanup EXIT

log "Starting PostgreSQL on 127.0.0.1:$PG_PORT"
mkdir -p "$WORK/pg" && chown postgres "$WORK/pg"
runuser -u postgres -- "$PGBIN/initdb" -D "$WORK/pg/data" -U postgres --auth-local=trust --auth-host=scram-sha-256 --no-sync >/dev/null \
  && runuser -u postgres -- "$PGBIN/pg_ctl" -D "$WORK/pg/data" -l "$WORK/pg/log" -w \
       -o "-c listen_addresses=127.0.0.1 -p $PG_PORT -k $WORK/pg -c fsync=off -c max_connections=300" start >/dev/null \
  && runuser -u postgres -- "$PGBIN/psql" -q -h "$WORK/pg" -p "$PG_PORT" -U postgres -c "CREATE ROLE app LOGIN PASSWORD 'app' CREATEDB" \
  || { echo "PostgreSQL did not start"; cat "$WORK/pg/log" 2>/dev/null; echo "0 passed, 1 failed, 0 skipped"; exit 1; }

log "Starting maildev (SMTP $SMTP_PORT, API $MAIL_WEB_PORT)"
node tests/node/node_modules/maildev/bin/maildev --ip 127.0.0.1 --web-ip 127.0.0.1 -s "$SMTP_PORT" -w "$MAIL_WEB_PORT" --silent >"$WORK/maildev.log" 2>&1 &
MAILDEV_PID=$!
for _ in $(seq 1 50); do (exec 3<>"/dev/tcp/127.0.0.1/$MAIL_WEB_PORT") 2>/dev/null && break; sleep 0.2; done

export STOREFRONT_TEST_POSTGRES="Host=127.0.0.1;Port=$PG_PORT;Username=app;Password=app"
export STOREFRONT_TEST_MAILDEV_SMTP=$SMTP_PORT
export STOREFRONT_TEST_MAILDEV_WEB=$MAIL_WEB_PORT
export STOREFRONT_TEST_CHROMIUM=$(command -v chromium)
export STOREFRONT_TEST_SCREENSHOTS="$ROOT/artifacts/screenshots"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
# Hundreds of test hosts each watch appsettings.json for changes; inotify allows 128 watchers per user, so poll instead.
export DOTNET_USE_POLLING_FILE_WATCHER=true

log "Running dotnet test"
dotnet test Storefront.sln --logger "console;verbosity=normal" "$@" 2>&1 | tee "$WORK/test.log"
status=${PIPESTATUS[0]}

# Sum every test run's totals: the detailed ("Passed: N" / "Failed: N" / "Skipped: N") and the minimal
# ("Passed!  - Failed: N, Passed: N, Skipped: N") forms.
summary=$(awk '
  /^[[:space:]]+Passed: +[0-9]+[[:space:]]*$/ {p+=$2; seen=1}
  /^[[:space:]]+Failed: +[0-9]+[[:space:]]*$/ {f+=$2; seen=1}
  /^[[:space:]]+Skipped: +[0-9]+[[:space:]]*$/ {s+=$2}
  /(Passed|Failed)! +- Failed: +[0-9]+, Passed: +[0-9]+, Skipped: +[0-9]+/ {gsub(",",""); f+=$4; p+=$6; s+=$8; seen=1}
  END {if (seen) printf "%d %d %d", p, f, s}' "$WORK/test.log")
read -r passed failed skipped <<<"$summary"
if [ -z "$summary" ]; then passed=0; failed=1; skipped=0; echo "dotnet test produced no results (build error?)"; fi
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; fi

# The whole suite (no arguments) also runs the short page benchmark: it fails only when a page falls far below its
# target (bench/README.md), and counts as one test.
if [ $# -eq 0 ]; then
  log "Page performance guard (bench/run.sh --guard)"
  if ./bench/run.sh --guard; then passed=$((passed + 1)); else failed=$((failed + 1)); status=1; fi
fi
echo
echo "$passed passed, $failed failed, $skipped skipped"
exit "$status"
