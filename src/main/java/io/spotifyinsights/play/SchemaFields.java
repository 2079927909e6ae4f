package io.spotifyinsights.play;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.time.Instant;
import java.time.LocalDate;
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
    /** The seconds {@link #formatTimestamp} formats by hand: years 1000–9999, four digits like the pattern's. */
    private static final long EARLIEST_FAST = LocalDate.of(1000, 1, 1).toEpochDay() * 86_400;
    private static final long LATEST_FAST = LocalDate.of(10_000, 1, 1).toEpochDay() * 86_400;

    private final TableSchema schema;
    private final Class<T> type;
    private final RecordComponent[] componentByColumn;
    /**
     * The components' accessors, looked up once: {@link RecordComponent#getAccessor()} hands out a new copy of the
     * method on every call, and files of plays read every component of every row.
     */
    private final Method[] accessorByColumn;
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
        accessorByColumn = Arrays.stream(componentByColumn)
                .map(component -> component == null ? null : component.getAccessor())
                .toArray(Method[]::new);
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
        List<String> values = new ArrayList<>(accessorByColumn.length);
        for (Method accessor : accessorByColumn) {
            values.add(format(read(accessor, row)));
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

    /**
     * A timestamp in the form every lake file and reader here uses: {@link #TIMESTAMP_FORMAT}'s text, built by hand
     * for years 1000–9999. Every play written has two, and the formatter took a twentieth of an import's time.
     */
    public static String formatTimestamp(Instant instant) {
        long seconds = instant.getEpochSecond();
        if (seconds < EARLIEST_FAST || seconds >= LATEST_FAST) {
            return TIMESTAMP_FORMAT.format(instant);
        }
        long day = Math.floorDiv(seconds, 86_400);
        int second = (int) Math.floorMod(seconds, 86_400);
        LocalDate date = LocalDate.ofEpochDay(day);
        char[] text = new char[24];
        digits(text, 0, date.getYear(), 4);
        text[4] = '-';
        digits(text, 5, date.getMonthValue(), 2);
        text[7] = '-';
        digits(text, 8, date.getDayOfMonth(), 2);
        text[10] = 'T';
        digits(text, 11, second / 3600, 2);
        text[13] = ':';
        digits(text, 14, second / 60 % 60, 2);
        text[16] = ':';
        digits(text, 17, second % 60, 2);
        text[19] = '.';
        digits(text, 20, instant.getNano() / 1_000_000, 3);
        text[23] = 'Z';
        return new String(text);
    }

    private static void digits(char[] text, int at, int value, int width) {
        for (int i = at + width - 1; i >= at; i--) {
            text[i] = (char) ('0' + value % 10);
            value /= 10;
        }
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

    private static Object read(Method accessor, Record row) {
        try {
            return accessor.invoke(row);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("Could not read " + row.getClass().getSimpleName() + "."
                    + accessor.getName(), e);
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
