package io.spotifyinsights.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Random;

import org.junit.jupiter.api.Test;

class ExportJsonTest {

    @Test
    void readsTimesAsInstantParseDoes() {
        Random random = new Random(11);
        for (int i = 0; i < 100_000; i++) {
            String ts = Instant.ofEpochSecond(random.nextLong(0, 253_402_300_800L)).toString();
            assertThat(ExportJson.utc(ts)).as(ts).isEqualTo(Instant.parse(ts));
        }
        for (String ts : new String[] {"2024-02-29T23:59:59Z", "2023-12-31T23:59:60Z", "2024-05-01T13:45:12.5Z",
                "2024-05-01T13:45:12+02:00", "2024-05-01T24:00:00Z", "0000-01-01T00:00:00Z", "9999-12-31T23:59:59Z"}) {
            assertThat(ExportJson.utc(ts)).as(ts).isEqualTo(Instant.parse(ts));
        }
    }

    @Test
    void refusesWhatInstantParseRefuses() {
        for (String ts : new String[] {"2023-02-29T10:00:00Z", "2024-04-31T10:00:00Z", "2024-13-01T10:00:00Z",
                "2024-05-01T13:60:00Z", "2024-05-0lT13:45:12Z", "2024-05-01 13:45:12Z",
                "-024-05-01T13:45:12Z", "2024-05-01T13:45:12", ""}) {
            assertThatThrownBy(() -> Instant.parse(ts)).as(ts).isInstanceOf(DateTimeParseException.class);
            assertThatThrownBy(() -> ExportJson.utc(ts)).as(ts).isInstanceOf(DateTimeParseException.class);
        }
    }
}
