#!/usr/bin/env bash
# Builds the benchmarks and runs them with JMH, then writes mr-bench/BENCHMARKS.md.
#   mr-bench/run.sh [quick|full|smoke] [JMH include regex] [more JMH options, e.g. -p mode=CONCURRENT]
# Options in the extra arguments replace the profile's (e.g. `quick '' -i 5`).
# quick: 1 fork, 2 short warmups, 3 short iterations (or shots) per benchmark (under 10 minutes on 2 cores);
# full:  the iterations declared on each benchmark class.
set -euo pipefail
cd "$(dirname "$0")/.."
profile=${1:-quick}
include=${2:-}
extra=("${@:3}")

find_java() {
  local c v
  for c in "${JAVA_HOME:-}" /usr/lib/jvm/* "$HOME"/.jdks/* "$HOME"/.sdkman/candidates/java/*; do
    [ -n "$c" ] && [ -x "$c/bin/java" ] && [ -f "$c/release" ] || continue
    v=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$c/release")
    if [ -n "$v" ] && [ "$v" -ge 21 ]; then echo "$c/bin/java"; return 0; fi
  done
  echo "No JDK 21+ found (JAVA_HOME, /usr/lib/jvm, ~/.jdks, ~/.sdkman): install one" >&2
  return 1
}
JAVA=$(find_java)

mvn -B -ntp -q -DskipTests -pl mr-bench -am package dependency:build-classpath \
  -Dmdep.outputFile=target/classpath.txt -Dmdep.includeScope=runtime
CP="mr-bench/target/classes:$(cat mr-bench/target/classpath.txt)"

case "$profile" in
  quick) opts=(-f 1 -wi 2 -w 1s -i 3 -r 1s) ;;  # 3 iterations: the fewest for which JMH gives an error; 2 warmup shots: one leaves big single-shot work half-compiled
  full)  opts=() ;;
  smoke) opts=(-f 1 -wi 0 -i 1 -r 200ms) ;;  # does it run at all? numbers meaningless
  *) echo "usage: $0 [quick|full|smoke] [include-regex] [JMH options]" >&2; exit 2 ;;
esac
# An option given in the extra arguments replaces the profile's (JMH refuses repeated options).
if [ ${#extra[@]} -gt 0 ]; then
  kept=()
  for ((k = 0; k < ${#opts[@]}; k += 2)); do
    override=false
    for e in "${extra[@]}"; do [ "$e" = "${opts[k]}" ] && override=true; done
    $override || kept+=("${opts[k]}" "${opts[k+1]}")
  done
  opts=(${kept[@]+"${kept[@]}"})
fi

out=mr-bench/target/jmh-result.json
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
started=$(date +%s)
"$JAVA" -cp "$CP" org.openjdk.jmh.Main "${opts[@]}" -rf json -rff "$out" ${extra[@]+"${extra[@]}"} ${include:+"$include"}
machine="$(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, $(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -n1), $("$JAVA" -version 2>&1 | head -n1), $(date -u +%Y-%m-%d\ %H:%M) UTC, load average $load_before before and $(cut -d' ' -f1-3 /proc/loadavg) after, JMH run took $(( $(date +%s) - started )) s"
"$JAVA" -cp "$CP" io.multirunnable.bench.Report "$out" mr-bench/BENCHMARKS.md "$profile" "$machine"
