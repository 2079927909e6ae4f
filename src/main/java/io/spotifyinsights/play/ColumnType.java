package io.spotifyinsights.play;

/** The BigQuery column types schema.json uses, with the Java types a {@link Play} component may have for each. */
public enum ColumnType {
    STRING(String.class, PlaySource.class),
    INTEGER(Long.class, Integer.class),
    FLOAT(Double.class),
    TIMESTAMP(java.time.Instant.class),
    BOOLEAN(Boolean.class);

    private final Class<?>[] javaTypes;

    ColumnType(Class<?>... javaTypes) {
        this.javaTypes = javaTypes;
    }

    boolean accepts(Class<?> javaType) {
        for (Class<?> candidate : javaTypes) {
            if (candidate.equals(javaType)) {
                return true;
            }
        }
        return false;
    }
}
