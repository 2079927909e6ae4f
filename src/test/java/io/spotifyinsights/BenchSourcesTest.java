package io.spotifyinsights;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The benchmarks in {@code bench/} run as single-file programs against the service's classes, outside
 * {@code ./mvnw verify}: without this, a changed constructor breaks them and nobody notices until the next benchmark.
 */
class BenchSourcesTest {

    @TempDir
    Path classes;

    @Test
    void everyBenchmarkCompilesAgainstTheServiceAsItIs() throws IOException {
        List<Path> sources;
        try (Stream<Path> files = Files.list(Path.of("bench"))) {
            sources = files.filter(file -> file.toString().endsWith(".java")).sorted().toList();
        }
        assertThat(sources).as("bench/*.java").isNotEmpty();
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        List<String> failed = new ArrayList<>();
        for (Path source : sources) {
            // One at a time, as bench/*.sh run them: each is a program of its own, some with classes of one name.
            int result = compiler.run(null, null, null, "-d", classes.resolve(source.getFileName().toString())
                    .toString(), "-cp", System.getProperty("java.class.path"), "-proc:none", "-Xlint:none",
                    source.toString());
            if (result != 0) {
                failed.add(source.toString());
            }
        }
        assertThat(failed).as("benchmarks that no longer compile (run javac on them for the errors)").isEmpty();
    }
}
