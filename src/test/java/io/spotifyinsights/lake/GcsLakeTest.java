package io.spotifyinsights.lake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import com.google.cloud.storage.BlobId;
import com.google.cloud.storage.Storage;
import com.google.cloud.storage.contrib.nio.testing.LocalStorageHelper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** GcsLake through Google's own Storage client, on its in-memory backend (google-cloud-nio's LocalStorageHelper). */
class GcsLakeTest {

    @TempDir
    Path temp;

    // The in-memory backend ignores preconditions instead of refusing them; GcsLake checks content itself too.
    final Storage storage = LocalStorageHelper.customOptions(false).getService();
    final GcsLake lake = new GcsLake(storage, "insights-lake");

    @Test
    void uploadsUnderTheKeyAndReadsItBack() throws IOException {
        Path csv = Files.writeString(temp.resolve("run-1.csv"), "\"track_id\"\r\n\"a\"\r\n");

        lake.put("plays/dt=2026-03-01/run-1.csv", csv);

        assertThat(storage.get(BlobId.of("insights-lake", "plays/dt=2026-03-01/run-1.csv")).getContentType())
                .startsWith("text/csv");
        try (InputStream in = lake.open("plays/dt=2026-03-01/run-1.csv")) {
            assertThat(in.readAllBytes()).isEqualTo(Files.readAllBytes(csv));
        }
        assertThat(lake.exists("plays/dt=2026-03-01/run-1.csv")).isTrue();
        assertThat(lake.uri("plays/dt=2026-03-01/run-1.csv").toString())
                .isEqualTo("gs://insights-lake/plays/dt=2026-03-01/run-1.csv");
    }

    @Test
    void aRetriedUploadOfTheSameBytesChangesNothing() throws IOException {
        Path csv = Files.writeString(temp.resolve("run-1.csv"), "same bytes");
        lake.put("plays/dt=2026-03-01/run-1.csv", csv);
        long generation = storage.get(BlobId.of("insights-lake", "plays/dt=2026-03-01/run-1.csv")).getGeneration();

        lake.put("plays/dt=2026-03-01/run-1.csv", csv);

        assertThat(storage.get(BlobId.of("insights-lake", "plays/dt=2026-03-01/run-1.csv")).getGeneration())
                .isEqualTo(generation);
        assertThat(lake.list("plays/")).containsExactly("plays/dt=2026-03-01/run-1.csv");
    }

    @Test
    void neverOverwritesAnObjectHoldingOtherBytes() throws IOException {
        lake.put("plays/x.csv", Files.writeString(temp.resolve("a.csv"), "first"));

        assertThatThrownBy(() -> lake.put("plays/x.csv", Files.writeString(temp.resolve("b.csv"), "second")))
                .isInstanceOf(LakeConflictException.class)
                .hasMessageContaining("gs://insights-lake/plays/x.csv");
        try (InputStream in = lake.open("plays/x.csv")) {
            assertThat(new String(in.readAllBytes())).isEqualTo("first");
        }
    }

    @Test
    void listsByPrefixInOrderAndDeletes() throws IOException {
        Path csv = Files.writeString(temp.resolve("a.csv"), "x");
        lake.put("plays/dt=2026-03-02/run-2.csv", csv);
        lake.put("plays/dt=2026-03-01/run-1.csv", csv);
        lake.put("other/file.csv", csv);

        assertThat(lake.list("plays/")).containsExactly("plays/dt=2026-03-01/run-1.csv",
                "plays/dt=2026-03-02/run-2.csv");
        lake.delete("plays/dt=2026-03-01/run-1.csv");
        lake.delete("plays/dt=2026-03-01/run-1.csv");
        assertThat(lake.list("plays/")).containsExactly("plays/dt=2026-03-02/run-2.csv");
    }

    @Test
    void aMissingObjectIsNamed() {
        assertThatThrownBy(() -> lake.open("plays/missing.csv")).isInstanceOf(LakeObjectNotFoundException.class)
                .hasMessageContaining("gs://insights-lake has no object plays/missing.csv");
        assertThat(lake.exists("plays/missing.csv")).isFalse();
    }
}
