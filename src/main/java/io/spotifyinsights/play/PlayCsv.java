package io.spotifyinsights.play;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.QuoteMode;

/**
 * The CSV dialect of the lake's play files: RFC 4180 with a header row, CRLF line ends, every non-null value quoted
 * and null written as nothing — so an empty name ({@code ""}) and a missing value (empty field) stay different, and
 * BigQuery, DuckDB and Spark read the file with their defaults plus "header" and "quoted newlines".
 */
final class PlayCsv {

    static final CSVFormat FORMAT = CSVFormat.RFC4180.builder()
            .setQuoteMode(QuoteMode.ALL_NON_NULL)
            .setNullString("")
            .get();

    private PlayCsv() {
    }
}
