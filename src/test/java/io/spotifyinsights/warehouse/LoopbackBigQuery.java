package io.spotifyinsights.warehouse;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.zip.GZIPInputStream;

import com.google.cloud.NoCredentials;
import com.google.cloud.bigquery.BigQuery;
import com.google.cloud.bigquery.BigQueryOptions;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * BigQuery's REST API on a loopback port, as far as the warehouse uses it: jobs are created (a second create of the
 * same job id is refused as BigQuery refuses it), end at once as DONE — or with an error result when told to — and
 * can be fetched; queries are answered by a function the test gives; tables can be looked up and deleted. Every
 * request is recorded with its (gunzipped) JSON body.
 */
final class LoopbackBigQuery implements AutoCloseable {

    static final String PROJECT = "insights-test";

    record Request(String method, String path, JsonNode body) {
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final MockWebServer server = new MockWebServer();
    private final Map<String, ObjectNode> jobs = new ConcurrentHashMap<>();
    final List<Request> requests = new CopyOnWriteArrayList<>();
    /** Tables created through the API (the bookkeeping ones); plays and top_tracks come from Terraform. */
    final java.util.Set<String> createdTables = java.util.concurrent.ConcurrentHashMap.newKeySet();
    volatile long loadOutputRows;
    /** What the next MERGE reports as inserted and as updated. */
    volatile long mergeAffectedRows;
    volatile long mergeUpdatedRows;
    volatile String loadError;
    volatile boolean playsTableExists = true;
    volatile Function<String, Object> queryAnswers = sql -> Map.of("schema", Map.of("fields", List.of()),
            "rows", List.of(), "totalRows", "0");

    LoopbackBigQuery() throws IOException {
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                return answer(request);
            }
        });
        server.start(InetAddress.getByName("127.0.0.1"), 0);
    }

    BigQuery client() {
        return BigQueryOptions.newBuilder()
                .setHost(server.url("/").toString().replaceAll("/$", ""))
                .setProjectId(PROJECT)
                .setCredentials(NoCredentials.getInstance())
                .build()
                .getService();
    }

    List<Request> jobsCreated() {
        return requests.stream().filter(r -> r.method().equals("POST") && r.path().endsWith("/jobs")).toList();
    }

    private MockResponse answer(RecordedRequest recorded) {
        String path = recorded.getUrl().encodedPath();
        JsonNode body = body(recorded);
        requests.add(new Request(recorded.getMethod(), path, body));
        String base = "/bigquery/v2/projects/" + PROJECT;
        if (recorded.getMethod().equals("POST") && path.equals(base + "/jobs")) {
            return createJob((ObjectNode) body);
        }
        if (recorded.getMethod().equals("GET") && path.startsWith(base + "/jobs/")) {
            ObjectNode job = jobs.get(path.substring((base + "/jobs/").length()));
            return job == null ? error(404, "Not found: Job", "notFound") : json(200, job);
        }
        if (recorded.getMethod().equals("GET") && path.startsWith(base + "/queries/")) {
            String id = path.substring((base + "/queries/").length());
            return json(200, Map.of("kind", "bigquery#getQueryResultsResponse", "jobComplete", true,
                    "jobReference", Map.of("projectId", PROJECT, "jobId", id, "location", "EU"),
                    "totalRows", "0", "schema", Map.of("fields", List.of())));
        }
        if (recorded.getMethod().equals("POST") && path.equals(base + "/queries")) {
            @SuppressWarnings("unchecked")
            Map<String, Object> result = new java.util.HashMap<>((Map<String, Object>) queryAnswers.apply(
                    body.path("query").asString()));
            result.put("kind", "bigquery#queryResponse");
            result.put("jobComplete", true);
            result.put("jobReference", Map.of("projectId", PROJECT, "jobId", "query-" + requests.size(),
                    "location", "EU"));
            return json(200, result);
        }
        if (recorded.getMethod().equals("POST") && path.endsWith("/tables")) {
            String table = body.path("tableReference").path("tableId").asString();
            createdTables.add(table);
            ObjectNode created = ((ObjectNode) body).deepCopy();
            created.put("type", "TABLE").put("id", PROJECT + ":insights." + table);
            return json(200, created);
        }
        if (recorded.getMethod().equals("DELETE") && path.contains("/tables/")) {
            return new MockResponse.Builder().code(204).build();
        }
        if (recorded.getMethod().equals("GET") && path.contains("/tables/")) {
            String table = path.substring(path.lastIndexOf('/') + 1);
            if (createdTables.contains(table)) {
                return json(200, Map.of("tableReference", Map.of("projectId", PROJECT, "datasetId", "insights",
                        "tableId", table), "id", PROJECT + ":insights." + table, "type", "TABLE"));
            }
            if (table.equals("plays") && playsTableExists) {
                return json(200, Map.of("tableReference", Map.of("projectId", PROJECT, "datasetId", "insights",
                        "tableId", "plays"), "id", PROJECT + ":insights.plays", "type", "TABLE"));
            }
            return error(404, "Not found: Table " + PROJECT + ":insights." + table, "notFound");
        }
        return error(400, "The loopback BigQuery does not know " + recorded.getMethod() + " " + path, "invalid");
    }

    private MockResponse createJob(ObjectNode job) {
        String id = job.path("jobReference").path("jobId").asString();
        if (jobs.containsKey(id)) {
            return error(409, "Already Exists: Job " + PROJECT + ":EU." + id, "duplicate");
        }
        ObjectNode done = job.deepCopy();
        ObjectNode reference = done.putObject("jobReference");
        reference.put("projectId", PROJECT).put("jobId", id).put("location", "EU");
        done.put("id", PROJECT + ":EU." + id);
        ObjectNode status = done.putObject("status");
        status.put("state", "DONE");
        ObjectNode statistics = done.putObject("statistics");
        statistics.put("creationTime", "1772366700000").put("startTime", "1772366700100")
                .put("endTime", "1772366701000");
        if (job.path("configuration").has("load")) {
            if (loadError != null) {
                ObjectNode error = status.putObject("errorResult");
                error.put("reason", "invalid").put("message", loadError);
                status.putArray("errors").add(error.deepCopy());
            } else {
                statistics.putObject("load").put("outputRows", String.valueOf(loadOutputRows));
            }
        } else {
            ObjectNode query = statistics.putObject("query");
            query.put("numDmlAffectedRows", String.valueOf(mergeAffectedRows + mergeUpdatedRows))
                    .put("statementType", "MERGE");
            query.putObject("dmlStats").put("insertedRowCount", String.valueOf(mergeAffectedRows))
                    .put("updatedRowCount", String.valueOf(mergeUpdatedRows)).put("deletedRowCount", "0");
        }
        jobs.put(id, done);
        return json(200, done);
    }

    private static JsonNode body(RecordedRequest request) {
        if (request.getBody() == null || request.getBody().size() == 0) {
            return JSON.missingNode();
        }
        byte[] bytes = request.getBody().toByteArray();
        try {
            if ("gzip".equals(request.getHeaders().get("Content-Encoding"))) {
                try (InputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(bytes))) {
                    bytes = in.readAllBytes();
                }
            }
            return JSON.readTree(bytes);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static MockResponse json(int code, Object body) {
        return new MockResponse.Builder().code(code).setHeader("Content-Type", "application/json; charset=UTF-8")
                .body(JSON.writeValueAsString(body)).build();
    }

    private static MockResponse error(int code, String message, String reason) {
        return json(code, Map.of("error", Map.of("code", code, "message", message,
                "errors", List.of(Map.of("reason", reason, "message", message)))));
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
