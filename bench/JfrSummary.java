import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where a thread spent its time in a JFR recording, for bench/import.sh PROFILE=1:
 * {@code java bench/JfrSummary.java RECORDING.jfr THREAD_NAME_PREFIX [IMPORT_LOG]}.
 *
 * <p>Counts the thread's jdk.ExecutionSample (running Java) and jdk.NativeMethodSample (in native code: DuckDB's
 * JDBC calls, file I/O) events — together a wall-clock profile of the thread, since a thread waiting on neither is
 * not sampled. Each sample goes to a component: class loading and Micrometer observations wherever they are asked
 * for, else by the innermost
 * io.spotifyinsights method on its stack (the project's code that asked for the work), and to a component by that
 * method; the innermost frames are listed too. DuckDB's own worker threads are native and invisible here: the
 * JDBC call that waits for them is what the job thread shows. With the import's log, samples are also split by the
 * step that was running.
 */
public class JfrSummary {

    static final String AFTER = "(after the job completed)";

    public static void main(String[] args) throws Exception {
        String prefix = args.length > 1 ? args[1] : "pipeline-run";
        Map<String, Long> byComponent = new HashMap<>();
        Map<String, Long> byProjectMethod = new HashMap<>();
        Map<String, Long> byTopFrame = new HashMap<>();
        Map<String, Long> byThread = new HashMap<>();
        Map<String, Map<String, Long>> byStep = new LinkedHashMap<>();
        // The steps' start times, from the import's log (Spring Batch at INFO): samples are counted per step.
        TreeMap<Long, String> steps = new TreeMap<>();
        if (args.length > 2) {
            Matcher started = Pattern.compile("(\\d{4}-\\d\\d-\\d\\dT[\\d:.]+Z)\\s+INFO.*?Executing step: \\[(\\w+)\\]")
                    .matcher(Files.readString(Path.of(args[2])));
            while (started.find()) {
                steps.put(Instant.parse(started.group(1)).toEpochMilli(), started.group(2));
            }
            Matcher completed = Pattern.compile("(\\d{4}-\\d\\d-\\d\\dT[\\d:.]+Z)\\s+INFO.*?Job: \\[FlowJob: "
                    + "\\[name=historyImport\\]\\] completed").matcher(Files.readString(Path.of(args[2])));
            if (completed.find()) {
                steps.put(Instant.parse(completed.group(1)).toEpochMilli(), AFTER);
            }
        }
        Map<String, Long> afterJob = new HashMap<>();
        long total = 0;
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        for (RecordedEvent event : RecordingFile.readAllEvents(Path.of(args[0]))) {
            String type = event.getEventType().getName();
            if (!type.equals("jdk.ExecutionSample") && !type.equals("jdk.NativeMethodSample")) {
                continue;
            }
            var thread = event.getThread("sampledThread");
            String name = thread == null ? "?" : String.valueOf(thread.getJavaName());
            String kind = type.equals("jdk.ExecutionSample") ? "java" : "native";
            byThread.merge(name + " (" + kind + ")", 1L, Long::sum);
            long when = event.getStartTime().toEpochMilli();
            if (AFTER.equals(steps.isEmpty() || steps.floorEntry(when) == null ? null
                    : steps.floorEntry(when).getValue()) && event.getStackTrace() != null
                    && !name.startsWith("http-nio") && !name.endsWith("-boss-3-1") && !name.endsWith("-boss-6-1")) {
                List<RecordedFrame> frames = event.getStackTrace().getFrames();
                String where = frames.stream().limit(40).filter(f -> f.getMethod().getType().getName()
                        .matches("(io\\.spotifyinsights|org\\.duckdb|org\\.apache\\.spark|org\\.h2|org\\.apache\\.hadoop"
                                + "|org\\.springframework\\.context|org\\.apache\\.catalina).*"))
                        .limit(2).map(JfrSummary::method).reduce((a, b) -> a + " <- " + b).orElse(
                                frames.isEmpty() ? "?" : method(frames.get(0)));
                afterJob.merge(name + " (" + kind + "): " + where, 1L, Long::sum);
            }
            if (!name.startsWith(prefix)) {
                continue;
            }
            RecordedStackTrace stack = event.getStackTrace();
            if (stack == null || stack.getFrames().isEmpty()) {
                continue;
            }
            total++;
            long at = event.getStartTime().toEpochMilli();
            first = Math.min(first, at);
            last = Math.max(last, at);
            List<RecordedFrame> frames = stack.getFrames();
            RecordedFrame top = frames.get(0);
            byTopFrame.merge(method(top) + (kind.equals("native") ? " [native]" : ""), 1L, Long::sum);
            String project = null;
            for (RecordedFrame frame : frames) {
                String owner = frame.getMethod().getType().getName();
                // ActiveRuns wraps every run: not the code that asked for the work.
                if (frame.isJavaFrame() && owner.startsWith("io.spotifyinsights") && !owner.contains("ActiveRuns")) {
                    project = method(frame);
                    break;
                }
            }
            byProjectMethod.merge(project == null ? "(no project frame: Spring Batch, H2, JDK)" : project, 1L,
                    Long::sum);
            String component = component(project, frames);
            byComponent.merge(component, 1L, Long::sum);
            String step = steps.floorEntry(at) == null ? "(before the job)" : steps.floorEntry(at).getValue();
            byStep.computeIfAbsent(step, key -> new HashMap<>()).merge(component, 1L, Long::sum);
        }
        System.out.printf("threads by samples (all threads; java = running Java, native = in a native call):%n");
        top(byThread, 8, byThread.values().stream().mapToLong(Long::longValue).sum());
        System.out.printf("%nthread %s*: %d samples over %.1f s%n", prefix, total, (last - first) / 1e3);
        System.out.println("by component (innermost project method, see bench/JfrSummary.java):");
        top(byComponent, 20, total);
        for (Map.Entry<String, Map<String, Long>> step : byStep.entrySet()) {
            long samples = step.getValue().values().stream().mapToLong(Long::longValue).sum();
            System.out.printf("step %s: %d samples%n", step.getKey(), samples);
            top(step.getValue(), 8, samples);
        }
        if (!afterJob.isEmpty()) {
            System.out.println("after the job completed (shutdown), all threads but the web server's and Spark's "
                    + "idle network loops, by the first project or library frames:");
            top(afterJob, 12, afterJob.values().stream().mapToLong(Long::longValue).sum());
        }
        System.out.println("by innermost project method:");
        top(byProjectMethod, 15, total);
        System.out.println("by innermost frame:");
        top(byTopFrame, 15, total);
    }

    static String component(String project, List<RecordedFrame> frames) {
        if (frames.stream().anyMatch(f -> f.getMethod().getType().getName().startsWith("jdk.internal.loader")
                || f.getMethod().getType().getName().startsWith("org.springframework.boot.loader"))) {
            return "class loading (from the jar's nested jars)";
        }
        if (frames.stream().anyMatch(f -> f.getMethod().getType().getName().startsWith("io.micrometer"))) {
            return "Spring Batch's per-item observations (Micrometer)";
        }
        if (project == null) {
            for (RecordedFrame frame : frames) {
                String type = frame.getMethod().getType().getName();
                if (type.startsWith("org.h2") || type.startsWith("org.springframework.jdbc")) {
                    return "Spring Batch metadata (H2)";
                }
            }
            return "other (Spring Batch, JDK)";
        }
        String cls = project.substring(0, project.lastIndexOf('.'));
        if (cls.endsWith("ExportUnpacker") || project.contains("ExportJson.scan")) {
            boolean parsing = frames.stream().anyMatch(f -> f.getMethod().getType().getName().contains("ExportJson"));
            return parsing ? "unpackExport: JSON scan of every file (ExportJson.scan)" : "unpackExport: file copy";
        }
        if (cls.contains("ExportJson")) {
            return "importExtendedHistory: JSON parsing (ExportJson.Cursor, Jackson)";
        }
        if (cls.endsWith("PlayCsvWriter") || cls.endsWith("PlayCsv")) {
            return "importExtendedHistory: CSV writing (PlayCsvWriter)";
        }
        if (cls.endsWith("ImportedPlaysWriter")) {
            boolean io = frames.stream().anyMatch(f -> f.getMethod().getType().getName().startsWith("sun.nio")
                    || f.getMethod().getType().getName().startsWith("java.io"));
            return "importExtendedHistory: ImportedPlaysWriter" + (io ? " (file I/O)" : "");
        }
        if (cls.endsWith("ExportRules") || cls.endsWith(".Play")) {
            return "importExtendedHistory: record to play (ExportRules, Play)";
        }
        if (cls.endsWith("PlayMatcher")) {
            return "importExtendedHistory: matching (PlayMatcher)";
        }
        if (cls.contains("lake")) {
            return "lake: copy of the chunk's CSV (LocalLake)";
        }
        if (cls.contains("DuckDbWarehouse")) {
            return "warehouse: DuckDB load (read_csv, merge, insert, Parquet mirror) and other calls";
        }
        if (cls.contains("toptracks") || cls.contains("TopTracks")) {
            return "topTracks: Spark";
        }
        return "other project code: " + cls.substring(cls.lastIndexOf('.') + 1);
    }

    static String method(RecordedFrame frame) {
        return frame.getMethod().getType().getName() + "." + frame.getMethod().getName();
    }

    static void top(Map<String, Long> counts, int limit, long total) {
        Map<String, Long> sorted = new LinkedHashMap<>();
        counts.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(limit)
                .forEach(entry -> sorted.put(entry.getKey(), entry.getValue()));
        sorted.forEach((key, count) -> System.out.printf("  %6d  %5.1f %%  %s%n", count, 100.0 * count / total, key));
    }
}
