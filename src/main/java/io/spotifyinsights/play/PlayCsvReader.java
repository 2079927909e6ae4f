package io.spotifyinsights.play;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/** Reads a play CSV written by {@link SchemaCsvWriter}; refuses a file whose header is not schema.json's. */
public final class PlayCsvReader {

    private final PlayFields fields;

    public PlayCsvReader(PlayFields fields) {
        this.fields = fields;
    }

    /**
     * Reads every play of the file, or none.
     *
     * @throws PlayCsvFormatException naming the line and column of the first bad value, or the header mismatch
     */
    public List<Play> readAll(Reader in, String sourceName) {
        List<String> expected = fields.schema().columnNames();
        try (CSVParser parser = CSVParser.builder().setReader(in).setFormat(PlayCsv.FORMAT).get()) {
            List<Play> plays = new ArrayList<>();
            boolean header = true;
            for (CSVRecord record : parser) {
                if (header) {
                    List<String> found = record.toList();
                    if (!found.equals(expected)) {
                        throw new PlayCsvFormatException("%s: header %s is not schema.json's columns %s"
                                .formatted(sourceName, found, expected));
                    }
                    header = false;
                    continue;
                }
                plays.add(toPlay(record, expected, sourceName));
            }
            if (header) {
                throw new PlayCsvFormatException(sourceName + ": the file is empty; expected a header row");
            }
            return plays;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + sourceName, e);
        } catch (IllegalStateException e) {
            // Commons CSV reports malformed quoting this way.
            throw new PlayCsvFormatException(sourceName + ": " + e.getMessage(), e);
        }
    }

    private Play toPlay(CSVRecord record, List<String> columns, String sourceName) {
        if (record.size() != columns.size()) {
            throw new PlayCsvFormatException("%s, line %d: %d values for %d columns"
                    .formatted(sourceName, record.getRecordNumber(), record.size(), columns.size()));
        }
        Map<String, String> values = new HashMap<>();
        for (int i = 0; i < columns.size(); i++) {
            values.put(columns.get(i), record.get(i));
        }
        try {
            return fields.fromText(values);
        } catch (IllegalArgumentException e) {
            throw new PlayCsvFormatException("%s, line %d: %s".formatted(sourceName, record.getRecordNumber(),
                    e.getMessage()), e);
        }
    }
}
