package io.spotifyinsights.history;

import java.util.regex.Pattern;

/**
 * The files of a Spotify privacy export the importer reads. A file is known by its name, as Spotify names them in
 * the zip (and in older exports); the content must then agree ({@link ExportJson#scan}).
 */
public enum ExportKind {
    /** Extended streaming history, audio: {@code Streaming_History_Audio_2019-2021_3.json}, older {@code endsong_3.json}. */
    EXTENDED_AUDIO("extended streaming history", Pattern.compile("(?i)(streaming_history_audio_.*|endsong_\\d+)\\.json")),
    /** Extended streaming history, video: read only to count what it holds. */
    EXTENDED_VIDEO("extended streaming history (video)", Pattern.compile("(?i)streaming_history_video_.*\\.json")),
    /** Account data, music: {@code StreamingHistory_music_0.json}, older {@code StreamingHistory0.json}. */
    ACCOUNT_MUSIC("account data (music)", Pattern.compile("(?i)streaminghistory(_music_)?\\d+\\.json")),
    /** Account data, podcasts: {@code StreamingHistory_podcast_0.json}. */
    ACCOUNT_PODCAST("account data (podcasts)", Pattern.compile("(?i)streaminghistory_podcast_\\d+\\.json"));

    private final String description;
    private final Pattern fileName;

    ExportKind(String description, Pattern fileName) {
        this.description = description;
        this.fileName = fileName;
    }

    public String description() {
        return description;
    }

    /** Whether records of this kind carry an exact time and URIs (the extended history). */
    public boolean extended() {
        return this == EXTENDED_AUDIO || this == EXTENDED_VIDEO;
    }

    /** The kind a file's name says, or null when the name is none of Spotify's history files. */
    public static ExportKind byFileName(String name) {
        for (ExportKind kind : values()) {
            if (kind.fileName.matcher(name).matches()) {
                return kind;
            }
        }
        return null;
    }
}
