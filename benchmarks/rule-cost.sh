#!/usr/bin/env bash
# What the SLO rules cost a real Prometheus to evaluate, side by side: our rules for Sloth's golden input, with every
# window from the 5m recordings (recorded, the default) and from the raw series (raw), and Sloth's own golden output
# for the same two SLOs, all three in one Prometheus 2.x on 127.0.0.1 over the same backfilled raw counters.
# Needs the .NET SDK, prometheus and promtool (Debian: apt-get install prometheus). Run by hand, from anywhere:
#
#   benchmarks/rule-cost.sh [series ...] [--seconds N] [--also label=rules.yml]
#
# Default: 1000 and 10000 raw series, each rule file measured alone for 120 s. --also adds a rule file of your own
# (say, an older build's rules for the same spec, under another service name so that their series do not collide).
#
# For each count it writes 3 days of counters (one sample a minute, plus an hour ahead so the newest 5m always has
# data while it measures), backfills them with promtool, backfills the 5m recordings the longer windows and the
# period read (promtool tsdb create-blocks-from rules, at the 30 s evaluation interval), starts Prometheus and loads
# the rule files one at a time (so no file waits for the CPU another takes), reading its rule groups for N seconds
# each. Absolute times depend on the machine; compare the rows.
set -euo pipefail

repo="$(cd "$(dirname "$0")/.." && pwd)"
seconds=120
counts=()
also=()
while [ $# -gt 0 ]; do
  case "$1" in
    --seconds) seconds="$2"; shift 2 ;;
    --also) also+=("$2"); shift 2 ;;
    *) counts+=("$1"); shift ;;
  esac
done
[ ${#counts[@]} -gt 0 ] || counts=(1000 10000)
command -v prometheus >/dev/null && command -v promtool >/dev/null || { echo "prometheus and promtool are missing (Debian: apt-get install prometheus)"; exit 1; }

work="$(mktemp -d "${TMPDIR:-/tmp}/monitoringsre-rulecost.XXXXXX")"
prom=""
stop() { [ -n "$prom" ] && kill "$prom" 2>/dev/null && wait "$prom" 2>/dev/null; prom=""; }
trap 'stop; rm -rf "$work"' EXIT
port=$((20000 + RANDOM % 20000))
url="http://127.0.0.1:$port"

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet build "$repo/benchmarks/MonitoringSre.RuleCost" -c Release -nologo -v q -o "$work/tool" >/dev/null
tool() { dotnet "$work/tool/MonitoringSre.RuleCost.dll" "$@"; }

sloth="$repo/tests/TestData/sloth"
tool rules "$sloth/in-base.yaml" "$work/ours-recorded.yml" recorded
tool rules "$sloth/in-base.yaml" "$work/ours-raw.yml" raw svc01-raw
cp "$sloth/out-base.yaml" "$work/sloth.yml"
extra=(); labelled=()
for a in ${also[@]+"${also[@]}"}; do
  name="also-${#extra[@]}"; cp "${a#*=}" "$work/$name.yml"; extra+=("$name"); labelled+=("${a%%=*}=$work/$name.yml")
done
for f in ours-recorded ours-raw sloth ${extra[@]+"${extra[@]}"}; do
  promtool check rules "$work/$f.yml" >/dev/null
  tool backfill-rules "$work/$f.yml" "$work/$f.backfill.yml"
done

start_prometheus() { # <data>: no rules yet; measure loads them one file at a time
  echo "global: { scrape_interval: 30s, evaluation_interval: 30s }" > "$work/prometheus.yml"
  prometheus --config.file="$work/prometheus.yml" --storage.tsdb.path="$1" --storage.tsdb.retention.time=60d \
    --web.listen-address="127.0.0.1:$port" --web.enable-lifecycle --log.level=warn > "$work/prometheus.log" 2>&1 &
  prom=$!
  for _ in $(seq 1 240); do curl -sf "$url/-/ready" >/dev/null && return 0; sleep 0.5; done
  echo "Prometheus did not start:"; tail -n 20 "$work/prometheus.log"; exit 1
}

for n in "${counts[@]}"; do
  echo "== $n raw series"
  now=$(date +%s)
  rm -rf "$work/data" "$work/history" "$work/recordings"
  mkdir -p "$work/data"
  tool history "$work/history" "$n" $((now - 3 * 86400)) $((now + 3600))
  t0=$(date +%s)
  # Two promtool processes at a time: one per core.
  ls "$work/history"/*.om | xargs -P 2 -I{} promtool tsdb create-blocks-from openmetrics -q {} "$work/data" >/dev/null
  rm -rf "$work/history"
  echo "backfilled the counters in $(( $(date +%s) - t0 )) s"

  start_prometheus "$work/data"
  t0=$(date +%s)
  promtool tsdb create-blocks-from rules -q --url="$url" --start=$((now - 3 * 86400 + 300)) --end="$now" \
    --eval-interval=30s --output-dir="$work/recordings" "$work"/*.backfill.yml > "$work/backfill.log" 2>&1 \
    || { tail -n 20 "$work/backfill.log"; exit 1; }
  stop
  cp -r "$work/recordings"/* "$work/data/"
  echo "backfilled the 5m recordings in $(( $(date +%s) - t0 )) s"

  start_prometheus "$work/data"
  echo "measuring each rule file alone for $seconds s"
  tool measure "$url" "$work/prometheus.yml" "$seconds" "ours, windows recorded=$work/ours-recorded.yml" "ours, windows raw=$work/ours-raw.yml" \
    "Sloth=$work/sloth.yml" ${labelled[@]+"${labelled[@]}"}
  stop
done
