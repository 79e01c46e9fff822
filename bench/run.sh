#!/usr/bin/env bash
# Throughput of the traveller-facing pages against a baseline measured in the same run (/healthz: the pipeline with
# no MVC, no database). Starts a Release build of the store on its embedded default (SQLite, simulators), loads each
# page with wrk, and appends the results to bench/results.md. Targets: see bench/README.md.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v wrk >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; }
DURATION=${DURATION:-10s}
PORT=$(( 20000 + RANDOM % 40000 ))
WORK=$(mktemp -d)
trap 'kill $APP 2>/dev/null; rm -rf "$WORK"' EXIT

dotnet publish src/Storefront.Web -c Release -o "$WORK/app" --nologo -v q >/dev/null
(cd "$WORK/app" && ASPNETCORE_ENVIRONMENT=Development ConnectionStrings__Storefront="Data Source=$WORK/store.db" \
  Smtp__PickupDirectory="$WORK/mail" Serilog__MinimumLevel=Warning \
  ./Storefront.Web --urls "http://127.0.0.1:$PORT" >"$WORK/app.log" 2>&1) &
APP=$!
for _ in $(seq 1 100); do curl -fs "http://127.0.0.1:$PORT/destinations/jp" >/dev/null 2>&1 && break; sleep 0.3; done
PID=$(pgrep -f "Storefront.Web --urls http://127.0.0.1:$PORT" | head -1)

# A returning browser: it already holds the anti-forgery cookie, so a form page mints one token, not two.
curl -fs -c "$WORK/cookies" -o /dev/null "http://127.0.0.1:$PORT/checkout?plan=citrus:JP:5GB"
COOKIE=$(awk '/Antiforgery/ {print $6"="$7}' "$WORK/cookies")

measure() { # name path
  curl -fs "http://127.0.0.1:$PORT$2" >/dev/null
  wrk -t2 -c32 -d2s -H "Cookie: $COOKIE" "http://127.0.0.1:$PORT$2" >/dev/null  # warm-up
  wrk -t2 -c32 -d"$DURATION" --latency -H "Cookie: $COOKIE" "http://127.0.0.1:$PORT$2" | awk -v n="$1" -v p="$2" '
    /Requests\/sec/ {rps=$2} /^ +99%/ {p99=$2} /Non-2xx/ {bad=$NF}
    END {printf "%s %s %s %s %s\n", n, p, rps, p99, (bad==""?0:bad)}'
}

results=$(
  measure baseline /healthz
  measure home /
  measure country /destinations/jp
  measure search "/destinations?q=an"
  measure checkout-form "/checkout?plan=citrus:JP:5GB"
)
rss_kb=$(awk '/VmRSS/ {print $2}' /proc/$PID/status)
base=$(echo "$results" | awk '$1=="baseline" {print $3}')

{
  echo
  echo "## $(date -u +%Y-%m-%dT%H:%MZ) · $(nproc) cores · wrk -t2 -c32 -d$DURATION · Release, SQLite sandbox"
  echo
  echo "| page | path | req/s | share of baseline | p99 latency | non-2xx |"
  echo "|---|---|---|---|---|---|"
  echo "$results" | awk -v b="$base" '{printf "| %s | `%s` | %.0f | %.0f%% | %s | %s |\n", $1, $2, $3, 100*$3/b, $4, $5}'
  echo
  echo "Resident memory after the run: $((rss_kb / 1024)) MiB."
} | tee -a bench/results.md

# Targets (bench/README.md): catalogue pages at least 25% of the baseline, the checkout form 5%, no errors.
echo "$results" | awk -v b="$base" '$1!="baseline" {t = ($1=="checkout-form") ? 0.05 : 0.25}
  $1!="baseline" && ($3 < t*b || $5 != 0) {print "below target: " $1; bad=1} END {exit bad}'
