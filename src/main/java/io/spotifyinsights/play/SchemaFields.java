package io.spotifyinsights.play;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Binds a schema file's columns to a record's components by name ({@code track_id} is {@code trackId}) and turns
 * values into text and back. Construction fails, naming every difference, when the file and the record disagree
 * — so the service never writes a file whose columns differ from the warehouse's.
 */
public class SchemaFields<T extends Record> {

    /** Timestamps as UTC ISO-8601 with milliseconds: what BigQuery, DuckDB and Spark all read without options. */
    public static final DateTimeFormatter TIMESTAMP_FORMAT =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private final TableSchema schema;
    private final Class<T> type;
    private final RecordComponent[] componentByColumn;
    private final int[] argumentIndexByColumn;
    private final Constructor<T> constructor;

    protected SchemaFields(TableSchema schema, Class<T> type) {
        this.schema = schema;
        this.type = type;
        String record = type.getSimpleName();
        RecordComponent[] components = type.getRecordComponents();
        Map<String, Integer> indexByName = new HashMap<>();
        for (int i = 0; i < components.length; i++) {
            indexByName.put(components[i].getName(), i);
        }
        List<String> problems = new ArrayList<>();
        List<SchemaColumn> columns = schema.columns();
        componentByColumn = new RecordComponent[columns.size()];
        argumentIndexByColumn = new int[columns.size()];
        for (int c = 0; c < columns.size(); c++) {
            SchemaColumn column = columns.get(c);
            Integer index = indexByName.remove(componentName(column.name()));
            if (index == null) {
                problems.add("column '%s' has no %s component '%s'".formatted(column.name(), record,
                        componentName(column.name())));
                continue;
            }
            RecordComponent component = components[index];
            if (!column.type().accepts(component.getType())) {
                problems.add("column '%s' is %s but %s.%s is %s".formatted(column.name(), column.type(),
                        record, component.getName(), component.getType().getSimpleName()));
            }
            componentByColumn[c] = component;
            argumentIndexByColumn[c] = index;
        }
        indexByName.keySet().forEach(name -> problems.add("%s component '%s' has no column in %s"
                .formatted(record, name, schema.resource())));
        if (!problems.isEmpty()) {
            throw new IllegalStateException("%s and the %s record disagree: %s. Change both together."
                    .formatted(schema.resource(), record, String.join("; ", problems)));
        }
        try {
            constructor = type.getDeclaredConstructor(
                    Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new));
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException(record + " has no canonical constructor", e);
        }
    }

    public TableSchema schema() {
        return schema;
    }

    /** The row's values as text in the schema's column order; {@code null} stays {@code null}. */
    public List<String> toText(T row) {
        List<String> values = new ArrayList<>(componentByColumn.length);
        for (RecordComponent component : componentByColumn) {
            values.add(format(read(component, row)));
        }
        return values;
    }

    /**
     * Builds a row from text values keyed by column name.
     *
     * @throws IllegalArgumentException naming the column when a value can't be read or a required one is missing
     */
    public T fromText(Map<String, String> valuesByColumn) {
        Object[] arguments = new Object[componentByColumn.length];
        List<SchemaColumn> columns = schema.columns();
        for (int c = 0; c < columns.size(); c++) {
            SchemaColumn column = columns.get(c);
            String text = valuesByColumn.get(column.name());
            if (text == null && column.required()) {
                throw new IllegalArgumentException("column '%s' is required but empty".formatted(column.name()));
            }
            try {
                arguments[argumentIndexByColumn[c]] = text == null ? null : parse(text, componentByColumn[c].getType());
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("column '%s' holds '%s', which is not a valid %s"
                        .formatted(column.name(), text, column.type()), e);
            }
        }
        try {
            return constructor.newInstance(arguments);
        } catch (InstantiationException | IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("Could not construct a " + type.getSimpleName(), e);
        }
    }

    /** A timestamp in the form every lake file and reader here uses. */
    public static String formatTimestamp(Instant instant) {
        return TIMESTAMP_FORMAT.format(instant);
    }

    static String componentName(String columnName) {
        StringBuilder name = new StringBuilder(columnName.length());
        boolean upperNext = false;
        for (char ch : columnName.toCharArray()) {
            if (ch == '_') {
                upperNext = true;
            } else {
                name.append(upperNext ? Character.toUpperCase(ch) : ch);
                upperNext = false;
            }
        }
        return name.toString();
    }

    private static Object read(RecordComponent component, Record row) {
        try {
            return component.getAccessor().invoke(row);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("Could not read " + row.getClass().getSimpleName() + "."
                    + component.getName(), e);
        }
    }

    private static String format(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Instant instant) {
            return formatTimestamp(instant);
        }
        if (value instanceof PlaySource source) {
            return source.wireValue();
        }
        return value.toString();
    }

    private static Object parse(String text, Class<?> type) {
        if (type == String.class) {
            return text;
        }
        if (type == Long.class) {
            return Long.valueOf(text);
        }
        if (type == Integer.class) {
            return Integer.valueOf(text);
        }
        if (type == Double.class) {
            return Double.valueOf(text);
        }
        if (type == Boolean.class) {
            if (!text.equals("true") && !text.equals("false")) {
                throw new IllegalArgumentException("not true or false");
            }
            return Boolean.valueOf(text);
        }
        if (type == Instant.class) {
            return DateTimeFormatter.ISO_INSTANT.parse(text, Instant::from);
        }
        if (type == PlaySource.class) {
            return PlaySource.fromWireValue(text);
        }
        throw new IllegalStateException("No text form for " + type);
    }
}
