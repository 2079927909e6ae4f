package io.spotifyinsights.lake;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Which lake the service writes raw play files to.
 *
 * @param type {@code local}: a folder under the data directory; {@code gcs}: a Cloud Storage bucket
 * @param gcs  the bucket, when {@code type} is {@code gcs}
 */
@ConfigurationProperties("insights.lake")
public record LakeProperties(@DefaultValue("local") Type type, @DefaultValue Gcs gcs) {

    public enum Type { LOCAL, GCS }

    /** @param bucket the bucket's name, without {@code gs://} */
    public record Gcs(String bucket) {
    }
}
