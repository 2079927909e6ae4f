package io.spotifyinsights.warehouse;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;

/**
 * The columns of {@code top_tracks}, derived from the {@link TopTrack} record ({@code timesPlayed} is
 * {@code times_played}), so the table, the Spark job's output and the record cannot drift apart.
 */
public final class TopTrackColumns {

    /** A column and its SQL type in the embedded warehouse. */
    public record Column(String name, String sqlType, Class<?> javaType) {
    }

    public static final List<Column> COLUMNS = Arrays.stream(TopTrack.class.getRecordComponents())
            .map(component -> new Column(snakeCase(component.getName()), sqlType(component.getType()),
                    component.getType()))
            .toList();

    private TopTrackColumns() {
    }

    public static List<String> names() {
        return COLUMNS.stream().map(Column::name).toList();
    }

    static TopTrack read(ResultSet row) throws SQLException {
        Object[] values = new Object[COLUMNS.size()];
        for (int i = 0; i < values.length; i++) {
            Column column = COLUMNS.get(i);
            values[i] = value(row, column.name(), column.javaType());
        }
        return create(values);
    }

    /** A TopTrack from its values in {@link #COLUMNS}' order. */
    static TopTrack create(Object[] values) {
        RecordComponent[] components = TopTrack.class.getRecordComponents();
        try {
            return TopTrack.class.getDeclaredConstructor(Arrays.stream(components).map(RecordComponent::getType)
                    .toArray(Class<?>[]::new)).newInstance(values);
        } catch (NoSuchMethodException | InstantiationException | IllegalAccessException
                | InvocationTargetException e) {
            throw new IllegalStateException("Could not build a TopTrack", e);
        }
    }

    private static Object value(ResultSet row, String column, Class<?> type) throws SQLException {
        if (type == int.class) {
            return row.getInt(column);
        }
        if (type == long.class) {
            return row.getLong(column);
        }
        if (type == Instant.class) {
            LocalDateTime time = row.getObject(column, LocalDateTime.class);
            return time == null ? null : time.toInstant(ZoneOffset.UTC);
        }
        Object value = row.getObject(column);
        if (value == null) {
            return null;
        }
        if (type == Integer.class) {
            return ((Number) value).intValue();
        }
        if (type == Double.class) {
            return ((Number) value).doubleValue();
        }
        return value.toString();
    }

    static String snakeCase(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(java.util.Locale.ROOT);
    }

    private static String sqlType(Class<?> type) {
        if (type == String.class) {
            return "VARCHAR";
        }
        if (type == int.class || type == Integer.class) {
            return "INTEGER";
        }
        if (type == long.class || type == Long.class) {
            return "BIGINT";
        }
        if (type == Double.class) {
            return "DOUBLE";
        }
        if (type == Instant.class) {
            return "TIMESTAMP";
        }
        throw new IllegalStateException("No SQL type for TopTrack component of type " + type);
    }
}
