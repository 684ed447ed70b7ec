#!/usr/bin/env bash
# The README's Download.java, unchanged, compiled with nothing but javac and the two jars, then run:
# it must print the tutorial's async output in about 5 s. Usage: javac-download.sh <java home>
set -euo pipefail
java_home=${1:-${JAVA_HOME:-}}
javac=${java_home:+$java_home/bin/}javac
java=${java_home:+$java_home/bin/}java
root=$(cd "$(dirname "$0")/.." && pwd)
runtime=$(ls "$root"/runtime/target/asyncj-runtime-*.jar | grep -v -e sources -e javadoc | head -1)
processor=$(ls "$root"/processor/target/asyncj-processor-*.jar | grep -v -e original -e sources | head -1)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp "$root/demo/src/main/java/Download.java" "$work/"
cd "$work"
"$javac" -encoding UTF-8 -cp "$runtime" -processorpath "$processor" Download.java
start=$(date +%s%N)
output=$("$java" -Dstdout.encoding=UTF-8 -cp "$runtime:." Download)
seconds=$(( ($(date +%s%N) - start) / 1000000 ))
expected=$'开始下载...\n1\n2\n3\n4\n5\n下载完成!'
if [ "$output" != "$expected" ]; then
  echo "Download.java printed:"; echo "$output"; echo "expected:"; echo "$expected"
  exit 1
fi
if [ "$seconds" -lt 4900 ] || [ "$seconds" -gt 9000 ]; then
  echo "Download.java took ${seconds} ms; expected about 5 s" >&2
  exit 1
fi
echo "Download.java with $("$javac" -version 2>&1): tutorial output in ${seconds} ms"
