#!/usr/bin/env bash
# What MonitoringSre costs a build, side by side: the same web project built with and without the package,
# alternating (one run of each per round, so drift on the machine hits both alike), and the median of the per-round
# ratios. Needs the .NET SDK and hyperfine (Debian: apt-get install hyperfine). Run by hand, from anywhere:
#
#   benchmarks/build-benchmark.sh [rounds] [only]   # default 15 rounds of each comparison
#
# only: run one comparison, by the start of its label (e.g. "20 services" with 40 rounds narrows that row's median).
#
# It packs the package from this repository into a folder feed under a temporary directory, so it measures the
# working tree as it is.
set -euo pipefail

rounds="${1:-15}"
only="${2:-}"
repo="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d "${TMPDIR:-/tmp}/monitoringsre-buildbench.XXXXXX")"
trap 'dotnet build-server shutdown >/dev/null 2>&1 || true; rm -rf "$work"' EXIT
command -v hyperfine >/dev/null || { echo "hyperfine is missing (Debian: apt-get install hyperfine)"; exit 1; }

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 NUGET_PACKAGES="$work/packages"
version="0.0.0-bench.$(date +%s)"
quiet() { local out; out="$("$@" 2>&1)" || { echo "$out" | tail -n 30; echo "failed: $*"; exit 1; }; }
echo "packing MonitoringSre $version from $repo"
quiet dotnet pack "$repo/src/MonitoringSre.Tasks/MonitoringSre.Tasks.csproj" -c Release -o "$work/feed" -p:Version="$version" -nologo -v q
cat > "$work/nuget.config" <<EOF
<configuration><packageSources><add key="monitoringsre-bench" value="$work/feed" /></packageSources></configuration>
EOF

# sample <dir> <with|without> [name]: a copy of samples/OrdersApi (3 SLOs, wired for every exit criterion) as
# <name>.csproj, with or without the package.
sample() {
  local name="${3:-OrdersApi}"
  mkdir -p "$1"
  (cd "$repo/samples/OrdersApi" && tar --exclude=bin --exclude=obj -cf - .) | (cd "$1" && tar -xf -)
  if [ "$name" != OrdersApi ]; then
    mv "$1/OrdersApi.csproj" "$1/$name.csproj"
    sed -i "s/^service: .*/service: $(echo "$name" | tr '[:upper:]' '[:lower:]')/" "$1/monitoring.yaml"
  fi
  if [ "$2" = with ]; then
    quiet dotnet add "$1/$name.csproj" package MonitoringSre --version "$version" --no-restore
  else
    rm -f "$1/monitoring.yaml"
  fi
  quiet dotnet restore "$1/$name.csproj" -v q
}

echo "creating the projects"
sample "$work/with/OrdersApi" with
sample "$work/without/OrdersApi" without
quiet dotnet build "$work/with/OrdersApi/OrdersApi.csproj" -p:MonitoringGate=true -nologo -v q
quiet dotnet build "$work/without/OrdersApi/OrdersApi.csproj" -nologo -v q
for kind in with without; do
  for i in $(seq -w 1 20); do sample "$work/sln-$kind/Svc$i" "$kind" "Svc$i"; done
  quiet dotnet new sln -n All --format sln -o "$work/sln-$kind"
  quiet dotnet sln "$work/sln-$kind/All.sln" add "$work/sln-$kind"/Svc*/Svc*.csproj
  quiet dotnet build "$work/sln-$kind/All.sln" -m -nologo -v q
done

# compare <label> <rounds> <with command> <without command> [<with prepare> <without prepare>]
# Each round runs hyperfine once with both commands, one run each; prints the medians and the median ratio.
compare() {
  local label="$1" n="$2" with="$3" without="$4" prep_with="${5:-true}" prep_without="${6:-true}"
  case "$label" in "$only"*) ;; *) return 0 ;; esac
  local csv="$work/round-$RANDOM.csv"
  : > "$csv"
  hyperfine --runs 2 --prepare "$prep_with" "$with" --prepare "$prep_without" "$without" >/dev/null 2>&1 || true # warm-up
  for _ in $(seq 1 "$n"); do
    quiet hyperfine --runs 1 --style none --export-csv "$work/round.csv" \
      --prepare "$prep_with" "$with" --prepare "$prep_without" "$without"
    # two data lines: command,mean,... in the order given
    awk -F, 'NR==2{w=$2} NR==3{o=$2} END{printf "%.4f %.4f %.4f\n", w, o, w/o}' "$work/round.csv" >> "$csv"
  done
  awk -v label="$label" '
    { w[NR]=$1; o[NR]=$2; r[NR]=$3 }
    function median(a, n,   i, j, t) { for (i=1;i<=n;i++) for (j=i+1;j<=n;j++) if (a[j]<a[i]) { t=a[i]; a[i]=a[j]; a[j]=t }
                                       return (n%2) ? a[(n+1)/2] : (a[n/2]+a[n/2+1])/2 }
    END { printf "%-44s %8.3f s %8.3f s %7.3fx  (%d rounds)\n", label, median(w, NR), median(o, NR), median(r, NR), NR }' "$csv"
}

build() { echo "dotnet build $1 --no-restore -nologo -v q"; }
with="$work/with/OrdersApi"
without="$work/without/OrdersApi"
edit_source() { echo "echo '// edit '\$RANDOM >> $1/Program.cs"; }
edit_spec() { echo "sed -i \"s/^description: .*/description: Accepts and tracks customer orders \$RANDOM./\" $1/monitoring.yaml"; }

echo
echo "$(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, .NET SDK $(dotnet --version), $(uname -sr)"
printf '%-44s %10s %10s %8s\n' "build (median of rounds)" "with" "without" "ratio"
compare "no-op, gate off" "$rounds" "$(build "$with/OrdersApi.csproj")" "$(build "$without/OrdersApi.csproj")"
compare "no-op, gate on (5/5 met)" "$rounds" "$(build "$with/OrdersApi.csproj") -p:MonitoringGate=true" "$(build "$without/OrdersApi.csproj")"
compare "spec + source edit vs source edit" "$rounds" "$(build "$with/OrdersApi.csproj")" "$(build "$without/OrdersApi.csproj")" \
  "$(edit_spec "$with") && $(edit_source "$with")" "$(edit_source "$without")"
compare "spec edit vs source edit" "$rounds" "$(build "$with/OrdersApi.csproj")" "$(build "$without/OrdersApi.csproj")" \
  "$(edit_spec "$with")" "$(edit_source "$without")"
compare "20 services, no-op, -m" "$rounds" "$(build "$work/sln-with/All.sln") -m" "$(build "$work/sln-without/All.sln") -m"
