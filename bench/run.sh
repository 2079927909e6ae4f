#!/usr/bin/env bash
# The benchmark of issue #3, in one command: bash bench/run.sh
#  1. end to end: the packaged service on the embedded default against a loopback fake Spotify that has 50 new
#     plays at every run; six runs through REST; wall time per step and end to end, first run (cold) and later (warm);
#  2. the topTracks step alone on 1 M and 10 M synthetic plays, against the same ranking run directly in DuckDB.
# Not part of ./mvnw verify. Uses only 127.0.0.1. Scratch space: bench/work (git-ignored).
set -euo pipefail
cd "$(dirname "$0")/.."

RUNS=${RUNS:-6}
SIZES=${SIZES:-"1000000 10000000"}
SERVICE_PORT=${SERVICE_PORT:-18080}
SPOTIFY_PORT=${SPOTIFY_PORT:-18081}
WORK=bench/work
rm -rf "$WORK" && mkdir -p "$WORK"

echo "== machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GB, $(java -version 2>&1 | head -1)"
./mvnw -q -B -DskipTests package
./mvnw -q -B dependency:build-classpath -Dmdep.outputFile="$WORK/classpath.txt" -Dmdep.includeScope=runtime
JAR=$(ls target/spotify-insights-*.jar | grep -v original | head -1)

java bench/FakeSpotify.java "$SPOTIFY_PORT" > "$WORK/fake-spotify.log" 2>&1 &
FAKE=$!
SERVICE=
cleanup() { kill "$FAKE" ${SERVICE:+"$SERVICE"} 2>/dev/null || true; wait 2>/dev/null || true; }
trap cleanup EXIT

started=$(date +%s.%N)
INSIGHTS_DATA_DIR="$WORK/data" SERVER_PORT=$SERVICE_PORT SERVER_ADDRESS=127.0.0.1 \
  SPOTIFY_CLIENT_ID=bench SPOTIFY_CLIENT_SECRET=bench-secret SPOTIFY_REFRESH_TOKEN=bench-refresh \
  SPOTIFY_API_URL=http://127.0.0.1:$SPOTIFY_PORT SPOTIFY_ACCOUNTS_URL=http://127.0.0.1:$SPOTIFY_PORT \
  INSIGHTS_ADMIN_PASSWORD=bench INSIGHTS_SCHEDULE_ENABLED=false \
  java -jar "$JAR" > "$WORK/service.log" 2>&1 &
SERVICE=$!
until curl -sf "http://127.0.0.1:$SERVICE_PORT/actuator/health/liveness" > /dev/null; do sleep 0.2; done
echo "== service up in $(echo "$(date +%s.%N) - $started" | bc) s (java -jar to health UP)"

echo "== end to end: $RUNS runs, 50 new plays each; milliseconds (step durations as Spring Batch recorded them)"
python3 bench/end_to_end.py "http://127.0.0.1:$SERVICE_PORT" bench "$RUNS"
kill "$SERVICE"; wait "$SERVICE" 2>/dev/null || true; SERVICE=

echo "== topTracks alone vs the same ranking in DuckDB (median of 3 after a warm-up; seconds)"
java -Xmx12g -Dlogback.configurationFile=bench/logback-bench.xml \
  $(./mvnw -q -B help:evaluate -Dexpression=spark.add-opens -DforceStdout) \
  -cp "target/classes:$(cat "$WORK/classpath.txt")" bench/TopTracksBenchmark.java "$WORK/top-tracks" $SIZES \
  2> "$WORK/top-tracks.log"

echo "== what the dashboard asks of the warehouse, on the same synthetic plays (median of 5)"
java -Xmx4g -Dlogback.configurationFile=bench/logback-bench.xml \
  -cp "target/classes:$(cat "$WORK/classpath.txt")" bench/DashboardBenchmark.java \
  $(for size in $SIZES; do echo "$WORK/top-tracks/n$size"; done) 2>> "$WORK/top-tracks.log"
