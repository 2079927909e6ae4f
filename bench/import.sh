#!/usr/bin/env bash
# The history-import benchmark, in one command: bash bench/import.sh   (env: RECORDS=1000000, XMX=1g, PROFILE=0)
#  1. generates RECORDS records of Spotify's extended streaming history in the real format (~25 000 a file,
#     bench/ExportGenerator.java, fixed seed) into bench/work/export;
#  2. imports them with the packaged command (java -jar … import) into a fresh data directory: wall time end to end
#     (JVM start to exit, Spark top ten included), records/s, the steps' own durations as Spring Batch logs them, and
#     the peak Java heap (the largest "used before GC" in the GC log, or the heap used at exit if larger);
#  3. in the same run, DuckDB's own read_json bulk load of the same files into a table (bench/DuckDbJsonLoad.java),
#     and the ratio;
#  4. two parts of the import alone, to tell what bounds it (bench/ImportParts.java): one JSON pass over the files,
#     and the warehouse loads of the chunks the import landed, replayed into a fresh warehouse.
# PROFILE=1 adds a JFR recording of the import (settings=profile) and prints where the import thread spends its time.
# Not part of ./mvnw verify. Opens no port (the import command starts no web server).
# Scratch space: bench/work (git-ignored); the generated files are kept and reused for the same RECORDS.
set -euo pipefail
cd "$(dirname "$0")/.."

RECORDS=${RECORDS:-1000000}
XMX=${XMX:-1g}
PROFILE=${PROFILE:-0}
WORK=bench/work
EXPORT=$WORK/export
OUT=$WORK/import
mkdir -p "$WORK"
rm -rf "$OUT" && mkdir -p "$OUT"

echo "== machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GB, $(java -version 2>&1 | head -1), load $(cut -d' ' -f1-3 /proc/loadavg)"
JAR=$(ls target/spotify-insights-*.jar 2>/dev/null | grep -v original | head -1 || true)
if [[ -z "$JAR" ]] || [[ -n "$(find src pom.xml -newer "$JAR" -type f | head -1)" ]]; then
  ./mvnw -q -B -DskipTests package
  JAR=$(ls target/spotify-insights-*.jar | grep -v original | head -1)
fi
if [[ ! -s "$WORK/classpath.txt" ]] || [[ pom.xml -nt "$WORK/classpath.txt" ]]; then
  ./mvnw -q -B dependency:build-classpath -Dmdep.outputFile="$WORK/classpath.txt" -Dmdep.includeScope=runtime
fi

if [[ "$(cat "$WORK/export.records" 2>/dev/null)" != "$RECORDS" ]]; then
  rm -rf "$EXPORT" "$WORK/export.records"
  java bench/ExportGenerator.java "$EXPORT" "$RECORDS" > "$WORK/export.txt"
  echo "$RECORDS" > "$WORK/export.records"
fi
grep -v '=' "$WORK/export.txt"
EXPECTED_PLAYS=$(sed -n 's/^EXPECTED_PLAYS=//p' "$WORK/export.txt")
FILES=$(ls "$EXPORT"/*.json | wc -l)
SIZE_MB=$(du -sm "$EXPORT" | cut -f1)

JFR_OPTS=()
if [[ "$PROFILE" == 1 ]]; then
  JFR_OPTS=(-XX:StartFlightRecording=filename=$OUT/import.jfr,settings=profile)
fi
echo "== import: java -Xmx$XMX -jar $JAR import --listener=bench-listener $EXPORT ($FILES files, $SIZE_MB MB)"
started=$(date +%s.%N)
set +e
/usr/bin/time -v -o "$OUT/time.txt" \
  java -Xmx"$XMX" -Xlog:gc,gc+heap+exit:file="$OUT/gc.log" "${JFR_OPTS[@]}" -jar "$JAR" import \
  --listener=bench-listener --insights.data-dir="$OUT/data" --logging.level.org.springframework.batch=INFO \
  "$EXPORT" > "$OUT/import.log" 2>&1
status=$?
set -e
ended=$(date +%s.%N)
tr '\r' '\n' < "$OUT/import.log" | grep -E '^(COMPLETED|FAILED|STOPPED|  )' || true
if [[ $status -ne 0 ]]; then
  echo "import failed (exit $status); see $OUT/import.log" >&2
  exit 1
fi

echo "== DuckDB read_json of the same files (fresh database file, DuckDB defaults)"
java -cp "target/classes:$(cat "$WORK/classpath.txt")" bench/DuckDbJsonLoad.java "$EXPORT" "$OUT/duckdb-json.duckdb" \
  "$OUT/data/warehouse/insights.duckdb" > "$OUT/duckdb.txt"

echo "== parts of the import alone: one JSON pass over the files; the warehouse loads of the landed chunks, replayed"
java -Dlogback.configurationFile=bench/logback-bench.xml -cp "target/classes:$(cat "$WORK/classpath.txt")" \
  bench/ImportParts.java "$EXPORT" "$OUT/data/lake" "$OUT/parts" > "$OUT/parts.txt" 2> "$OUT/parts.log"

python3 - "$started" "$ended" "$RECORDS" "$FILES" "$EXPECTED_PLAYS" "$OUT" <<'PY'
import re, sys
started, ended, records, files, expected, out = sys.argv[1:]
wall = float(ended) - float(started)
records, files, expected = int(records), int(files), int(expected)
log = open(f"{out}/import.log", encoding="utf-8", errors="replace").read()

def seconds(text):  # Spring Batch's durations: 1h2m3s456ms, 39s928ms, 27ms
    total = 0.0
    for value, unit in re.findall(r"(\d+)(ms|h|m|s)", text):
        total += int(value) * {"h": 3600, "m": 60, "s": 1, "ms": 0.001}[unit]
    return total

steps = {name: seconds(took) for name, took in re.findall(r"Step: \[(\w+)\] executed in ([0-9hms]+)", log)}
job = re.search(r"Job: \[FlowJob: \[name=historyImport\]\] completed .* in ([0-9hms]+)\s*$", log, re.M)
job = seconds(job.group(1)) if job else float("nan")
from datetime import datetime
def stamp(pattern):
    found = re.search(r"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d+)Z\s+INFO.*?" + pattern, log)
    return datetime.fromisoformat(found.group(1) + "+00:00").timestamp() if found else float("nan")
launched = stamp(r"Job: \[FlowJob: \[name=historyImport\]\] launched")
completed = stamp(r"Job: \[FlowJob: \[name=historyImport\]\] completed")

def mb(value, unit):
    return float(value) * {"K": 1 / 1024, "M": 1, "G": 1024}[unit]

gc = open(f"{out}/gc.log").read()
before = [mb(v, u) for v, u in re.findall(r"GC\(\d+\) Pause .*? (\d+)([KMG])->\d+[KMG]\(\d+[KMG]\)", gc)]
committed = [mb(v, u) for v, u in re.findall(r"->\d+[KMG]\((\d+)([KMG])\)", gc)]
at_exit = [mb(v, "K") for v in re.findall(r"garbage-first heap\s+total \d+K, used (\d+)K", gc)]
peak = max(before + at_exit)
gcs = len(before)
rss = re.search(r"Maximum resident set size \(kbytes\): (\d+)", open(f"{out}/time.txt").read())
rss = int(rss.group(1)) / 1024 if rss else float("nan")

duck = dict(line.strip().split("=", 1) for line in open(f"{out}/duckdb.txt") if "=" in line)
duck_all = float(duck["DUCKDB_ALL_S"])
duck_plays = float(duck["DUCKDB_PLAYS_S"])
imported = int(duck["WAREHOUSE_PLAYS"])
parts = dict(line.strip().split("=", 1) for line in open(f"{out}/parts.txt") if "=" in line)
import_steps = sum(v for k, v in steps.items() if k != "topTracks")
print(f"== results: {records} records in {files} files")
print(f"plays in the warehouse: {imported} (generator expects {expected}; DuckDB's filtered load: "
      f"{duck['DUCKDB_PLAYS_ROWS']})" + ("" if imported == expected == int(duck["DUCKDB_PLAYS_ROWS"]) else "  MISMATCH"))
print(f"import, end to end (JVM start to exit): {wall:.1f} s = {records / wall:,.0f} records/s")
print("steps (Spring Batch): " + ", ".join(f"{k} {v:.2f} s" for k, v in steps.items()) + f"; job {job:.1f} s")
print(f"import steps without topTracks: {import_steps:.1f} s = {records / import_steps:,.0f} records/s")
print(f"outside the job: {wall - job:.1f} s = start (JVM start to the job's launch) {launched - float(started):.1f} s "
      f"+ after the job (report, context close, JVM exit) {float(ended) - completed:.1f} s")
print(f"peak Java heap: {peak:.0f} MB (largest used-before-GC of {gcs} GCs, or used at exit; "
      f"largest committed {max(committed):.0f} MB; -Xmx as given); process peak RSS {rss:.0f} MB")
print(f"DuckDB read_json, all records and fields into a table: {duck_all:.2f} s = {records / duck_all:,.0f} records/s "
      f"({duck['DUCKDB_ALL_ROWS']} rows)")
print(f"DuckDB read_json, plays only (importer's rule): {duck_plays:.2f} s")
print(f"ratio import end to end / DuckDB all records: {wall / duck_all:.1f}x; "
      f"import steps without topTracks / DuckDB: {import_steps / duck_all:.1f}x")
print(f"one JSON pass over the files (Jackson streaming, as ExportJson): {float(parts['PARSE_S']):.1f} s; "
      f"the {parts['LOADS_CHUNKS']} chunk loads replayed into a fresh warehouse: {float(parts['LOADS_S']):.1f} s "
      f"(first {float(parts['LOAD_FIRST_S']):.2f} s, last {float(parts['LOAD_LAST_S']):.2f} s)")
targets = [(">= 200 k records/s end to end", records / wall >= 200_000),
           ("<= 2x DuckDB's time", wall <= 2 * duck_all),
           ("heap < 512 MB", peak < 512)]
print("targets: " + "; ".join(f"{name}: {'met' if ok else 'MISSED'}" for name, ok in targets))
PY

if [[ "$PROFILE" == 1 ]]; then
  echo "== where the import job's thread spends its time (JFR samples, Java and native, by innermost component)"
  java bench/JfrSummary.java "$OUT/import.jfr" pipeline-run "$OUT/import.log"
fi
