package io.spotifyinsights.play;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;

import org.apache.commons.csv.CSVPrinter;

/** Writes rows as CSV whose header and column order are their schema file's, read at run time. */
public final class SchemaCsvWriter<T extends Record> implements Closeable {

    private final SchemaFields<T> fields;
    private final CSVPrinter printer;

    public SchemaCsvWriter(SchemaFields<T> fields, Writer out) {
        this.fields = fields;
        try {
            this.printer = new CSVPrinter(out, PlayCsv.FORMAT);
            printer.printRecord(fields.schema().columnNames());
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write the CSV header", e);
        }
    }

    public void write(T row) {
        try {
            printer.printRecord(fields.toText(row));
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write a row of " + fields.schema().resource(), e);
        }
    }

    @Override
    public void close() throws IOException {
        printer.close(true);
    }
}
