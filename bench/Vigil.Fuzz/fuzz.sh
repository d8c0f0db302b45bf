#!/usr/bin/env bash
# Fuzzes Vigil's parsers and binders of outside input with afl-fuzz (Debian's afl++) and SharpFuzz, one target
# at a time, for a bounded time each, and prints per target: executions, corpus, edges, crashes and hangs.
#
#   bench/Vigil.Fuzz/fuzz.sh [seconds-per-target] [target...]      (default: 300 s, every target)
#
# Work goes to $FUZZ_OUT (default /tmp/vigil-fuzz): the instrumented build and afl-fuzz's findings. Each crash
# is replayed at the end with its exception. A crash becomes a regression test in tests/ once fixed.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
seconds="${1:-300}"
shift || true
out="${FUZZ_OUT:-/tmp/vigil-fuzz}"

if ! command -v afl-fuzz >/dev/null; then
  apt-get install -y afl++ >/dev/null
fi

# A fresh build each time: SharpFuzz instruments in place, and an assembly is instrumented only once.
rm -rf "$out/app" "$out/build"
mkdir -p "$out/findings"
if ! dotnet build "$here/Vigil.Fuzz.csproj" -c Release -o "$out/build" -v quiet -nologo > "$out/build.log" 2>&1; then
  tail -30 "$out/build.log"
  exit 1
fi
cp -r "$out/build" "$out/app"
app="$out/app/Vigil.Fuzz.dll"     # instrumented: only under afl-fuzz (its code needs SharpFuzz's coverage map)
plain="$out/build/Vigil.Fuzz.dll" # as built: to list the targets and replay what was found
# Our code and the CSV parser it reads with; System.Text.Json and ASP.NET Core's form reader are framework
# assemblies, run as they are shipped (their branches are not seen, ours after them are).
dotnet "$app" instrument "$out/app/Vigil.Web.dll" "$out/app/Vigil.Matching.dll" "$out/app/CsvHelper.dll"

targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  mapfile -t targets < <(dotnet "$plain" list | awk 'NF && $1 !~ /:$/ && $1 != "json'"'"'s" {print $1}')
fi

declare -A dict=([search]=search [postcode]=postcode [form]=form [json]=json [act-file]=file [exhibit-file]=file [match-csv]=csv [names]=names)

export AFL_SKIP_BIN_CHECK=1          # dotnet itself carries no instrumentation: SharpFuzz reports the coverage
export AFL_NO_UI=1
export AFL_SKIP_CPUFREQ=1
export AFL_NO_AFFINITY=1             # a shared machine: no core of its own
export AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1
export AFL_MAP_SIZE=65536            # SharpFuzz's map

summary="$out/summary.txt"
printf '%-13s %6s %10s %8s %7s %14s %8s %6s\n' target seconds execs exec/s corpus edges crashes hangs > "$summary"
for target in "${targets[@]}"; do
  findings="$out/findings/$target"
  rm -rf "$findings"
  extra=()
  if [ -n "${dict[$target]:-}" ]; then
    extra=(-x "$here/dict/${dict[$target]}.dict")
  fi
  echo "== $target: ${seconds}s"
  # -t: a first .NET run JIT-compiles the target; a slower input than that is a hang worth reading.
  afl-fuzz -V "$seconds" -t 5000 -m none -i "$here/corpus/$target" -o "$findings" "${extra[@]}" \
    -- dotnet "$app" "$target" > "$findings.log" 2>&1 || { echo "afl-fuzz failed for $target:"; tail -20 "$findings.log"; continue; }
  stats="$findings/default/fuzzer_stats"
  get() { awk -F' *: *' -v k="$1" '$1 == k {print $2}' "$stats"; }
  printf '%-13s %6s %10s %8s %7s %14s %8s %6s\n' "$target" "$(get run_time)" "$(get execs_done)" "$(get execs_per_sec)" \
    "$(get corpus_count)" "$(get edges_found)/$(get total_edges)" "$(get saved_crashes)" "$(get saved_hangs)" >> "$summary"
  for crash in "$findings"/default/crashes/id:* "$findings"/default/hangs/id:*; do
    [ -e "$crash" ] || continue
    echo "-- $crash"
    timeout 60 dotnet "$plain" "$target" --replay "$crash" 2>&1 | head -8 || true
  done
done
echo
cat "$summary"
