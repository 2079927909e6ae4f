// The dashboard: reads the service's GET API and draws it. Names of tracks and artists are data, never markup:
// they only ever go into textContent.
"use strict";

const FEATURES = ["danceability", "energy", "speechiness", "acousticness", "instrumentalness", "liveness", "valence"];
const zone = Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC";
let selectedWindow = "30d";
/** Whose listening the page shows: ?listener= in its address, else the service's choice (the latest listener). */
const listenerParam = new URLSearchParams(location.search).get("listener");
const forListener = listenerParam ? "listener=" + encodeURIComponent(listenerParam) : "";
let adminPassword = null;
const charts = {};

function text(tag, value) {
    const element = document.createElement(tag);
    element.textContent = value == null ? "" : String(value);
    return element;
}

function when(iso) {
    return iso ? new Date(iso).toLocaleString(undefined, {dateStyle: "medium", timeStyle: "short"}) : "";
}

async function getJson(path) {
    const response = await fetch(path, {headers: {Accept: "application/json"}});
    if (!response.ok) {
        throw new Error(path + " answered " + response.status);
    }
    return response.json();
}

function chart(id) {
    if (!charts[id]) {
        charts[id] = echarts.init(document.getElementById(id));
    }
    return charts[id];
}

function showStatus(status) {
    document.getElementById("setup").hidden = status.canConnect;
    document.getElementById("redirect-uri").textContent = status.redirectUri;
    document.getElementById("missing-settings").textContent = status.missingSettings.join(", ");
    document.getElementById("connect").hidden = !(status.canConnect && status.spotify === "NOT_CONFIGURED");
    document.getElementById("revoked").hidden = status.spotify !== "REVOKED";
    document.getElementById("sample").hidden = !status.sampleData;
    document.getElementById("revoked-detail").textContent = status.action || "";
}

const PROVIDERS = {spotify: "Spotify", reccobeats: "ReccoBeats"};

function showTopTracks(topTen, featuresUnavailable, featuresProvider) {
    const tracks = topTen.tracks;
    document.getElementById("top-tracks-computed").textContent = topTen.computedAt
        ? "computed " + when(topTen.computedAt) + (topTen.upToDate ? "" : "; newer plays arrived, the next run updates it")
        : "";
    const body = document.querySelector("#top-tracks tbody");
    body.replaceChildren();
    for (const track of tracks) {
        const row = document.createElement("tr");
        row.append(text("td", track.rank));
        const name = document.createElement("td");
        if (track.spotifyUrl) {
            const link = text("a", track.trackName);
            link.href = track.spotifyUrl;
            link.rel = "noopener";
            name.append(link);
        } else {
            name.textContent = track.trackName;
        }
        row.append(name, text("td", track.artists), text("td", track.timesPlayed), text("td", when(track.lastPlayed)));
        body.append(row);
    }
    document.getElementById("top-tracks-empty").hidden = tracks.length > 0;

    const withFeatures = tracks.filter(track => FEATURES.some(feature => track[feature] != null));
    const noFeatures = tracks.length > 0 && withFeatures.length === 0;
    document.getElementById("features-unavailable").hidden = !(noFeatures || (featuresUnavailable && withFeatures.length === 0));
    document.getElementById("features-chart").hidden = withFeatures.length === 0;
    document.getElementById("features-provider").textContent = withFeatures.length > 0 && featuresProvider
        ? "from " + (PROVIDERS[featuresProvider] || featuresProvider) : "";
    const missing = tracks.length - withFeatures.length;
    document.getElementById("features-missing").hidden = withFeatures.length === 0 || missing === 0;
    document.getElementById("features-missing").textContent = missing + " of these tracks " + (missing === 1 ? "has"
        : "have") + " no audio features: no provider knows " + (missing === 1 ? "it" : "them") + " yet.";
    showFeatureScales(withFeatures);
    if (withFeatures.length > 0) {
        chart("features-chart").setOption({
            tooltip: {trigger: "axis"},
            legend: {type: "scroll", top: 0},
            grid: {top: 60, bottom: 30, left: 40, right: 10},
            xAxis: {type: "category", data: FEATURES},
            yAxis: {type: "value", min: 0, max: 1},
            series: withFeatures.map(track => ({
                name: "#" + track.rank + " " + track.trackName,
                type: "bar",
                data: FEATURES.map(feature => track[feature]),
            })),
        }, true);
    }
}

/** How far the backfill got: shown while tracks lack features. */
function showFeatureProgress(progress) {
    const line = document.getElementById("features-progress");
    const lacking = progress ? progress.tracks - progress.withFeatures : 0;
    line.hidden = lacking <= 0;
    line.textContent = lacking <= 0 ? "" : "Audio features for " + progress.withFeatures + " of " + progress.tracks
        + " tracks" + (progress.toAsk > 0 ? "; " + progress.toAsk + " more are asked about run by run."
            : ": no provider knows the others (they are asked again after a while).");
}

const PITCHES = ["C", "C♯", "D", "D♯", "E", "F", "F♯", "G", "G♯", "A", "A♯", "B"];

/** Tempo, loudness and key: features on scales of their own, so a table rather than the 0..1 chart. */
function showFeatureScales(tracks) {
    document.getElementById("features-scales").hidden = tracks.length === 0;
    document.querySelector("#features-scales tbody").replaceChildren(...tracks.map(track => {
        const row = document.createElement("tr");
        const key = track.key == null ? "" : track.key < 0 ? "none detected"
            : PITCHES[track.key] + (track.mode === 1 ? " major" : track.mode === 0 ? " minor" : "");
        row.append(text("td", track.rank), text("td", track.trackName),
            text("td", track.tempo == null ? "" : Math.round(track.tempo)),
            text("td", track.loudness == null ? "" : track.loudness.toFixed(1)), text("td", key));
        return row;
    }));
}

function showInsights(view) {
    const insights = view.insights;
    document.getElementById("zone-name").textContent = "(" + view.zone + ")";
    document.getElementById("stat-plays").textContent = insights ? insights.totalPlays : 0;
    document.getElementById("stat-tracks").textContent = insights ? insights.distinctTracks : 0;
    document.getElementById("stat-artists").textContent = insights ? insights.distinctArtists : 0;
    document.getElementById("stat-minor").textContent = insights && insights.minorShare != null
        ? Math.round(insights.minorShare * 100) + " %" : "–";
    const days = insights ? insights.playsPerDay : [];
    chart("per-day-chart").setOption({
        tooltip: {trigger: "axis"},
        grid: {top: 20, bottom: 30, left: 40, right: 10},
        xAxis: {type: "category", data: days.map(day => day.day)},
        yAxis: {type: "value", minInterval: 1},
        series: [{type: "bar", name: "plays", data: days.map(day => day.plays), itemStyle: {color: "#1db954"}}],
    }, true);
    const hours = insights ? insights.playsByHour : new Array(24).fill(0);
    chart("by-hour-chart").setOption({
        tooltip: {trigger: "axis"},
        grid: {top: 20, bottom: 30, left: 40, right: 10},
        xAxis: {type: "category", data: hours.map((_, hour) => String(hour).padStart(2, "0"))},
        yAxis: {type: "value", minInterval: 1},
        series: [{type: "bar", name: "plays", data: hours, itemStyle: {color: "#191414"}}],
    }, true);
    const artists = document.getElementById("top-artists");
    artists.replaceChildren(...(insights ? insights.topArtists : [])
        .map(artist => text("li", artist.artist + " — " + artist.plays + " plays")));
    document.getElementById("stat-hours").textContent = insights ? duration(insights.msListened) : "–";
    showSpoken(insights ? insights.spoken : null);
}

/** Listening time as people say it: "3 h 20 min", "45 min". */
function duration(ms) {
    const minutes = Math.round((ms || 0) / 60000);
    return minutes >= 60 ? Math.floor(minutes / 60) + " h " + (minutes % 60) + " min" : minutes + " min";
}

function showSpoken(spoken) {
    const streams = spoken ? spoken.streams : 0;
    document.getElementById("spoken-empty").hidden = streams > 0;
    document.getElementById("spoken-summary").textContent = streams > 0
        ? duration(spoken.msPlayed) + " in " + streams + (streams === 1 ? " episode or chapter" : " episodes and chapters")
        : "";
    document.getElementById("top-shows").replaceChildren(...(spoken ? spoken.topShows : []).map(show => {
        const item = text("li", (show.show == null ? "(unnamed)" : show.show) + " — " + duration(show.msPlayed)
            + ", " + show.streams + (show.kind === "audiobook_chapter" ? " chapter" : " episode")
            + (show.streams === 1 ? "" : "s"));
        item.className = "show";
        return item;
    }));
}

function showRuns(page) {
    const body = document.querySelector("#runs tbody");
    body.replaceChildren();
    for (const run of page.runs) {
        const row = document.createElement("tr");
        row.className = "run";
        row.dataset.runId = run.id;
        const steps = document.createElement("td");
        for (const step of run.steps) {
            const chip = text("span", step.name + ": " + step.status);
            chip.className = "step " + step.status;
            steps.append(chip);
        }
        row.append(text("td", run.id), text("td", run.trigger), text("td", run.exitCode === "NO_NEW_PLAYS"
            ? "COMPLETED (no new plays)" : run.status), steps, text("td", when(run.startedAt)),
            text("td", run.durationMs == null ? "" : (run.durationMs / 1000).toFixed(1) + " s"));
        body.append(row);
        if (run.errorMessage) {
            const why = document.createElement("tr");
            why.className = "run-error";
            const cell = text("td", run.errorMessage);
            cell.colSpan = 6;
            why.append(cell);
            body.append(why);
        }
    }
}

const IMPORT_GOING = ["QUEUED", "STARTING", "STARTED", "STOPPING"];
const LEFT_OUT = {VIDEO: "video", NO_TRACK: "no track", PRIVATE_SESSION: "private session", TOO_SHORT: "under 30 s"};

function showImports(imports) {
    const body = document.querySelector("#imports tbody");
    body.replaceChildren();
    for (const report of imports) {
        const row = document.createElement("tr");
        row.className = "import";
        row.dataset.importId = report.id;
        const leftOut = Object.entries(report.leftOut || {})
            .map(([reason, count]) => (LEFT_OUT[reason] || reason) + ": " + count).join(", ");
        row.append(text("td", report.id), text("td", report.status), text("td", when(report.startedAt)),
            text("td", report.recordsRead + " / " + report.recordsTotal), text("td", report.playsImported),
            text("td", report.episodes), text("td", report.duplicates + report.playsMerged), text("td", leftOut));
        body.append(row);
        for (const error of report.errors || []) {
            const why = document.createElement("tr");
            why.className = "import-error";
            const cell = text("td", error);
            cell.colSpan = 8;
            why.append(cell);
            body.append(why);
        }
    }
}

function showImportProgress(fraction, label) {
    document.getElementById("import-progress-row").hidden = false;
    document.getElementById("import-progress").value = Math.round(fraction * 100);
    document.getElementById("import-progress-text").textContent = label;
}

// XMLHttpRequest, not fetch: only it reports how much of an upload has been sent.
function upload(form, password) {
    return new Promise((resolve, reject) => {
        const request = new XMLHttpRequest();
        const listener = document.getElementById("import-listener").value.trim();
        request.open("POST", "/api/imports" + (listener ? "?listener=" + encodeURIComponent(listener) : ""));
        request.setRequestHeader("Authorization", "Basic " + btoa("admin:" + password));
        request.setRequestHeader("X-Requested-With", "XMLHttpRequest");
        request.setRequestHeader("Accept", "application/json");
        request.upload.addEventListener("progress", event => {
            if (event.lengthComputable) {
                showImportProgress(event.loaded / event.total * 0.2, "Uploading… " +
                    Math.round(event.loaded / event.total * 100) + " %");
            }
        });
        request.addEventListener("load", () => resolve(request));
        request.addEventListener("error", () => reject(new Error("the upload did not reach the service")));
        request.send(form);
    });
}

async function importHistory(event) {
    event.preventDefault();
    const message = document.getElementById("import-message");
    message.textContent = "";
    adminPassword = document.getElementById("import-password").value || adminPassword || "";
    const form = new FormData();
    for (const file of document.getElementById("import-files").files) {
        form.append("file", file, file.name);
    }
    let response;
    try {
        response = await upload(form, adminPassword);
    } catch (error) {
        message.textContent = "Could not upload: " + error.message;
        return;
    }
    if (response.status === 401) {
        message.textContent = "That is not the admin password.";
        return;
    }
    const answer = JSON.parse(response.responseText || "{}");
    if (response.status !== 202) {
        message.textContent = answer.detail || ("The service answered " + response.status);
        return;
    }
    await followImport(answer.id);
}

async function followImport(id) {
    for (;;) {
        const report = await getJson("/api/imports/" + encodeURIComponent(id));
        const read = report.recordsTotal ? report.recordsRead / report.recordsTotal : 0;
        showImportProgress(0.2 + 0.8 * read, report.status === "QUEUED" ? "Waiting for the run that is going…"
            : report.recordsRead + " of " + report.recordsTotal + " records, " + report.playsImported + " plays");
        if (!IMPORT_GOING.includes(report.status)) {
            showImportProgress(1, "Import " + report.status.toLowerCase() + ": " + report.playsImported
                + " plays and " + report.episodes + " episodes imported.");
            showImports(await getJson("/api/imports?limit=5"));
            return refresh();
        }
        await new Promise(resolve => setTimeout(resolve, 400));
    }
}

async function refresh() {
    const [status, tracks, insights, runs, imports] = await Promise.all([
        getJson("/api/status"),
        getJson("/api/top-tracks?" + forListener),
        getJson("/api/insights?window=" + encodeURIComponent(selectedWindow) + "&zone=" + encodeURIComponent(zone)
            + (forListener ? "&" + forListener : "")),
        getJson("/api/runs?size=10"),
        getJson("/api/imports?limit=5"),
    ]);
    showStatus(status);
    showTopTracks(tracks, status.featuresUnavailable, status.featuresProvider);
    showFeatureProgress(status.featureProgress);
    showInsights(insights);
    showRuns(runs);
    showImports(imports);
    document.body.dataset.loaded = "true";
}

async function runNow(event) {
    event.preventDefault();
    const message = document.getElementById("run-now-message");
    adminPassword = document.getElementById("admin-password").value || adminPassword;
    const response = await fetch("/api/runs", {
        method: "POST",
        // X-Requested-With: a refused login answers 401 without asking the browser to pop up its own login box.
        headers: {Authorization: "Basic " + btoa("admin:" + (adminPassword || "")), "X-Requested-With": "XMLHttpRequest"},
    });
    if (response.status === 202) {
        const started = await response.json();
        message.textContent = "Run " + started.id + " started.";
        await followRun(started.id);
    } else if (response.status === 401) {
        message.textContent = "That is not the admin password.";
    } else {
        const problem = await response.json().catch(() => ({}));
        message.textContent = problem.detail || ("The service answered " + response.status);
    }
}

async function removeSample(event) {
    event.preventDefault();
    adminPassword = document.getElementById("sample-password").value || adminPassword || "";
    const response = await fetch("/api/sample-data", {
        method: "DELETE",
        headers: {Authorization: "Basic " + btoa("admin:" + adminPassword), "X-Requested-With": "XMLHttpRequest"},
    });
    const message = document.getElementById("sample-message");
    if (response.status === 204 || response.status === 404) {
        message.textContent = "";
        return refresh();
    }
    message.textContent = response.status === 401 ? "That is not the admin password."
        : "The service answered " + response.status;
}

async function followRun(id) {
    for (let i = 0; i < 600; i++) {
        const run = await getJson("/api/runs/" + id);
        showRuns(await getJson("/api/runs?size=10"));
        if (!["STARTING", "STARTED", "STOPPING"].includes(run.status)) {
            document.getElementById("run-now-message").textContent = "Run " + id + " " + run.status.toLowerCase() + ".";
            return refresh();
        }
        await new Promise(resolve => setTimeout(resolve, 500));
    }
}

document.addEventListener("DOMContentLoaded", () => {
    for (const button of document.querySelectorAll("#windows button")) {
        button.addEventListener("click", () => {
            selectedWindow = button.dataset.window;
            document.querySelectorAll("#windows button").forEach(b => b.classList.toggle("selected", b === button));
            refresh();
        });
    }
    document.getElementById("run-now").addEventListener("submit", runNow);
    document.getElementById("import-form").addEventListener("submit", importHistory);
    document.getElementById("sample-remove").addEventListener("submit", removeSample);
    window.addEventListener("resize", () => Object.values(charts).forEach(c => c.resize()));
    refresh().catch(error => {
        document.getElementById("run-now-message").textContent = "Could not load the dashboard: " + error.message;
    });
});
