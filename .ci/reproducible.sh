#!/usr/bin/env bash
# Reproducible-build check: builds every module twice from clean and compares all jars
# (classes, sources, javadoc) byte for byte. Exit 0 when identical, 1 (with the differing
# entries listed) when not. Not part of .ci/run: it costs two full builds.
#   bash .ci/reproducible.sh            # all modules
#   bash .ci/reproducible.sh -pl mr-api # extra Maven arguments narrow the build
set -euo pipefail
cd "$(dirname "$0")/.."

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

build() { # $1: where to copy the jars
  # stale jars of modules outside a narrowed (-pl) build would compare equal and inflate the count
  find . -path ./.git -prune -o -path '*/target/*.jar' -type f -print0 | xargs -0 -r rm -f
  mvn -B -ntp -q clean package -DskipTests "${@:2}"
  mkdir -p "$1"
  find . -path ./.git -prune -o -path '*/target/*.jar' -not -path '*/target/image/*' \
       -not -path '*/target/dependency/*' -not -path '*/target/modules/*' -print \
    | sort | while read -r jar; do
        dest="$1/${jar#./}"; mkdir -p "$(dirname "$dest")"; cp "$jar" "$dest"
      done
}

echo "[reproducible] first build"
build "$work/one" "$@"
echo "[reproducible] second build"
sleep 2 # a different wall-clock second, so a leaked build time would show
build "$work/two" "$@"

count=0; differ=0
while read -r jar; do
  count=$((count + 1))
  if ! cmp -s "$work/one/$jar" "$work/two/$jar"; then
    differ=$((differ + 1))
    echo "[reproducible] DIFFERS: $jar"
    ( cd "$work" && diff <(unzip -lv "one/$jar" | awk 'NR>3{print $1, $7, $8, $5, $6}') \
                         <(unzip -lv "two/$jar" | awk 'NR>3{print $1, $7, $8, $5, $6}') | head -20 ) || true
  fi
done < <(cd "$work/one" && find . -name '*.jar' | sed 's|^\./||' | sort)

if [ ! -d "$work/two" ] || [ "$(cd "$work/two" && find . -name '*.jar' | wc -l)" -ne "$count" ]; then
  echo "[reproducible] the two builds made different sets of jars"; exit 1
fi
if [ "$count" -eq 0 ]; then echo "[reproducible] no jars were built"; exit 1; fi
if [ "$differ" -ne 0 ]; then echo "[reproducible] $differ of $count jars differ"; exit 1; fi
echo "[reproducible] $count jars, all byte-identical across two clean builds"
