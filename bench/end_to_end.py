"""Triggers pipeline runs on a running service and prints each run's wall time per step and end to end.

Usage: python3 bench/end_to_end.py BASE_URL ADMIN_PASSWORD RUNS
The first run after the service started is the cold one; the others are warm.
"""
import base64
import json
import sys
import time
import urllib.request

base, password, runs = sys.argv[1], sys.argv[2], int(sys.argv[3])
auth = "Basic " + base64.b64encode(f"admin:{password}".encode()).decode()
STEPS = ["fetchRecentPlays", "loadToWarehouse", "deleteLocalCsv", "topTracks"]


def call(method, path):
    request = urllib.request.Request(base + path, method=method, headers={"Authorization": auth})
    with urllib.request.urlopen(request) as response:
        return json.loads(response.read())


print(f"{'run':>5} {'kind':>5} " + " ".join(f"{s[:12]:>12}" for s in STEPS) + f" {'end to end':>11} {'plays':>6} status")
for i in range(runs):
    started = time.monotonic()
    run_id = call("POST", "/api/runs")["id"]
    while True:
        run = call("GET", f"/api/runs/{run_id}")
        if run["status"] not in ("STARTING", "STARTED", "STOPPING"):
            break
        time.sleep(0.02)
    wall_ms = (time.monotonic() - started) * 1000
    durations = {step["name"]: step["durationMs"] for step in run["steps"]}
    kind = "cold" if i == 0 else "warm"
    cells = " ".join(f"{durations.get(s) if durations.get(s) is not None else '-':>12}" for s in STEPS)
    print(f"{run_id:>5} {kind:>5} {cells} {wall_ms:>11.0f} {run['counts']['playsLoaded'] or 0:>6} {run['status']}")
