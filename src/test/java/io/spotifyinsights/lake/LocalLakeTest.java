package io.spotifyinsights.lake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalLakeTest {

    @TempDir
    Path temp;

    @Test
    void putsOpensListsAndDeletesObjects() throws IOException {
        LocalLake lake = new LocalLake(temp.resolve("lake"));
        Path file = Files.writeString(temp.resolve("a.csv"), "a,b\r\n");

        lake.put("plays/dt=2026-03-01/run-1.csv", file);
        lake.put("plays/dt=2026-03-02/run-2.csv", file);

        assertThat(lake.exists("plays/dt=2026-03-01/run-1.csv")).isTrue();
        try (InputStream in = lake.open("plays/dt=2026-03-01/run-1.csv")) {
            assertThat(new String(in.readAllBytes())).isEqualTo("a,b\r\n");
        }
        assertThat(lake.list("plays/")).containsExactly("plays/dt=2026-03-01/run-1.csv", "plays/dt=2026-03-02/run-2.csv");
        assertThat(lake.list("plays/dt=2026-03-02")).containsExactly("plays/dt=2026-03-02/run-2.csv");
        assertThat(lake.uri("plays/dt=2026-03-01/run-1.csv").getScheme()).isEqualTo("file");
        lake.delete("plays/dt=2026-03-01/run-1.csv");
        lake.delete("plays/dt=2026-03-01/run-1.csv");
        assertThat(lake.exists("plays/dt=2026-03-01/run-1.csv")).isFalse();
    }

    @Test
    void puttingTheSameBytesAgainChangesNothing() throws IOException {
        LocalLake lake = new LocalLake(temp.resolve("lake"));
        Path file = Files.writeString(temp.resolve("a.csv"), "same");

        lake.put("plays/x.csv", file);
        lake.put("plays/x.csv", file);

        assertThat(lake.list("plays/")).containsExactly("plays/x.csv");
    }

    @Test
    void neverOverwritesAnObjectWithOtherBytes() throws IOException {
        LocalLake lake = new LocalLake(temp.resolve("lake"));
        lake.put("plays/x.csv", Files.writeString(temp.resolve("a.csv"), "first"));

        assertThatThrownBy(() -> lake.put("plays/x.csv", Files.writeString(temp.resolve("b.csv"), "second")))
                .isInstanceOf(LakeConflictException.class).hasMessageContaining("plays/x.csv");
        try (InputStream in = lake.open("plays/x.csv")) {
            assertThat(new String(in.readAllBytes())).isEqualTo("first");
        }
    }

    @Test
    void refusesKeysOutsideTheLake() {
        LocalLake lake = new LocalLake(temp.resolve("lake"));

        assertThatIllegalArgumentException().isThrownBy(() -> lake.exists("../outside.csv"));
        assertThatIllegalArgumentException().isThrownBy(() -> lake.exists("/etc/passwd"));
        assertThatThrownBy(() -> lake.open("plays/missing.csv")).isInstanceOf(LakeObjectNotFoundException.class);
    }

    @Test
    void saysWhichFolderIsNotWritable() throws IOException {
        Path notAFolder = Files.writeString(temp.resolve("lake"), "a file where the lake should be");

        assertThatThrownBy(() -> new LocalLake(notAFolder).checkWritable())
                .hasMessageContaining(notAFolder.toString()).hasMessageContaining("not writable");
    }

    @Test
    void theWriteCheckWritesWhereRunsWriteNotOnlyAtTheRoot() throws IOException {
        Path root = Files.createDirectories(temp.resolve("lake"));
        // The root is fine, the folder runs write to is not.
        Files.writeString(root.resolve("plays"), "a file where the plays folder should be");

        assertThatThrownBy(() -> new LocalLake(root).checkWritable())
                .hasMessageContaining(root.resolve("plays").toString()).hasMessageContaining("not writable");
    }

    @Test
    void theWriteCheckLeavesNothingAListingSees() throws IOException {
        LocalLake lake = new LocalLake(temp.resolve("lake"));

        lake.checkWritable();

        assertThat(lake.list("plays/")).isEmpty();
        try (java.util.stream.Stream<Path> files = Files.walk(temp.resolve("lake"))) {
            assertThat(files.filter(Files::isRegularFile)).isEmpty();
        }
    }
}
