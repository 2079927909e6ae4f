package io.spotifyinsights.history;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code java -jar spotify-insights.jar import [--listener=<id>] <path>...}: imports a privacy export from a
 * terminal, with a progress bar, into the data directory the service uses (stop the service first: one process
 * per data directory). A path is the zip as Spotify sends it, a folder of its files, or JSON files.
 */
public final class ImportCommand {

    public static final String NAME = "import";
    private static final Duration POLL = Duration.ofMillis(200);
    private static final int BAR = 30;

    private ImportCommand() {
    }

    /** @return the process's exit code: 0 when the import completed, 1 when it failed, 2 for a wrong command */
    public static int run(Class<?> application, String[] args, PrintStream out) throws Exception {
        List<Path> paths = new ArrayList<>();
        List<String> springArgs = new ArrayList<>();
        String listener = null;
        for (int i = 1; i < args.length; i++) {
            String arg = args[i];
            if (arg.startsWith("--listener=")) {
                listener = arg.substring("--listener=".length());
            } else if (arg.startsWith("--")) {
                springArgs.add(arg);
            } else {
                paths.add(Path.of(arg).toAbsolutePath().normalize());
            }
        }
        if (paths.isEmpty()) {
            out.println("Usage: java -jar spotify-insights.jar import [--listener=<Spotify user id>] <zip, folder or "
                    + "JSON file>...");
            return 2;
        }
        for (Path path : paths) {
            if (!Files.exists(path)) {
                out.println("No such file or folder: " + path);
                return 2;
            }
        }
        SpringApplication spring = new SpringApplication(application);
        spring.setWebApplicationType(WebApplicationType.NONE);
        spring.setDefaultProperties(Map.of("insights.schedule.enabled", "false", "spring.main.banner-mode", "off",
                "logging.level.root", "WARN", "logging.level.io.spotifyinsights", "WARN"));
        try (ConfigurableApplicationContext context = spring.run(springArgs.toArray(String[]::new))) {
            ImportService imports = context.getBean(ImportService.class);
            String listenerId = context.getBean(Listeners.class).resolve(listener);
            ImportService.NewImport prepared = imports.prepare();
            List<ImportService.Source> sources = paths.stream()
                    .map(path -> new ImportService.Source(path.getFileName().toString(), path)).toList();
            ImportView view = imports.start(prepared, sources, listenerId);
            out.printf("Importing %s for %s (import %s)%n", String.join(", ", sources.stream()
                    .map(ImportService.Source::name).toList()), listenerId, view.id());
            while (!ended(view)) {
                Thread.sleep(POLL.toMillis());
                view = imports.find(prepared.id()).orElse(view);
                out.print("\r" + progress(view));
                out.flush();
            }
            out.println();
            report(view, out);
            return view.status().equals("COMPLETED") ? 0 : 1;
        }
    }

    private static boolean ended(ImportView view) {
        return switch (view.status()) {
            case "COMPLETED", "FAILED", "STOPPED", "ABANDONED" -> true;
            default -> false;
        };
    }

    static String progress(ImportView view) {
        double done = view.recordsTotal() == 0 ? 0 : Math.min(1, (double) view.recordsRead() / view.recordsTotal());
        int filled = (int) Math.round(done * BAR);
        return "[%s%s] %3.0f%%  %,d / %,d records  %,d plays".formatted("#".repeat(filled), " ".repeat(BAR - filled),
                done * 100, view.recordsRead(), view.recordsTotal(), view.playsImported());
    }

    private static void report(ImportView view, PrintStream out) {
        out.printf("%s: %,d plays imported, %,d merged into plays already stored, %,d duplicates%n", view.status(),
                view.playsImported(), view.playsMerged(), view.duplicates());
        view.leftOut().forEach((reason, count) -> out.printf("  left out, %s: %,d%n",
                reason.name().toLowerCase().replace('_', ' '), count));
        for (ImportView.FileView file : view.files()) {
            out.printf("  %-8s %s%s%n", file.status(), file.name(), Optional.ofNullable(file.error())
                    .filter(error -> !file.status().equals("FAILED")).map(error -> " (" + error + ")").orElse(""));
        }
        view.errors().forEach(error -> out.println("  error: " + error));
    }
}
