package io.spotifyinsights.history;

import java.nio.file.Path;
import java.util.List;

import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamReader;

/**
 * The records of an import step's files, one file after the other. Where it stands (file, record) is saved with
 * each chunk, so a resumed import reads on from the first record it had not committed.
 */
class ExportRecordReader implements ItemStreamReader<ExportRecord> {

    private static final String FILE = "reader.file";
    private static final String RECORD = "reader.record";

    private final Path importDir;
    private final List<ExportFile> files;
    private int fileIndex;
    private long recordIndex;
    private ExportJson.Cursor cursor;

    ExportRecordReader(Path importDir, List<ExportFile> files) {
        this.importDir = importDir;
        this.files = List.copyOf(files);
    }

    @Override
    public void open(ExecutionContext context) {
        fileIndex = context.getInt(FILE, 0);
        recordIndex = context.getLong(RECORD, 0);
        if (fileIndex < files.size()) {
            cursor = open(files.get(fileIndex));
            cursor.skip(recordIndex);
        }
    }

    @Override
    public ExportRecord read() {
        while (fileIndex < files.size()) {
            if (cursor == null) {
                cursor = open(files.get(fileIndex));
            }
            ExportRecord record = cursor.next();
            if (record != null) {
                recordIndex++;
                return record;
            }
            cursor.close();
            cursor = null;
            fileIndex++;
            recordIndex = 0;
        }
        return null;
    }

    @Override
    public void update(ExecutionContext context) {
        context.putInt(FILE, fileIndex);
        context.putLong(RECORD, recordIndex);
    }

    @Override
    public void close() {
        if (cursor != null) {
            cursor.close();
            cursor = null;
        }
    }

    private ExportJson.Cursor open(ExportFile file) {
        return new ExportJson.Cursor(importDir.resolve(file.path()), file.name(), file.kind());
    }
}
