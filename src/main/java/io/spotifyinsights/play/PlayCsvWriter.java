package io.spotifyinsights.play;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;

import org.apache.commons.csv.CSVPrinter;

/** Writes plays as CSV whose header and column order are schema.json's, read at run time. */
public final class PlayCsvWriter implements Closeable {

    private final PlayFields fields;
    private final CSVPrinter printer;

    public PlayCsvWriter(PlayFields fields, Writer out) {
        this.fields = fields;
        try {
            this.printer = new CSVPrinter(out, PlayCsv.FORMAT);
            printer.printRecord(fields.schema().columnNames());
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write the CSV header", e);
        }
    }

    public void write(Play play) {
        try {
            printer.printRecord(fields.toText(play));
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write play " + play.uniqueId(), e);
        }
    }

    @Override
    public void close() throws IOException {
        printer.close(true);
    }
}
