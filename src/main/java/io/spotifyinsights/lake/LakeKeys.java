package io.spotifyinsights.lake;

import java.time.LocalDate;

/** The lake's layout: one folder per day of fetching, one file per run. */
public final class LakeKeys {

    private LakeKeys() {
    }

    /** {@code plays/dt=YYYY-MM-DD/<run>.csv} */
    public static String plays(LocalDate day, String runName) {
        return "plays/dt=%s/%s.csv".formatted(day, runName);
    }
}
