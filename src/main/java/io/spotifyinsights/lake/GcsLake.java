package io.spotifyinsights.lake;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import com.google.cloud.storage.Blob;
import com.google.cloud.storage.BlobId;
import com.google.cloud.storage.BlobInfo;
import com.google.cloud.storage.Storage;
import com.google.cloud.storage.StorageException;

/**
 * The lake as a Cloud Storage bucket: {@code gs://BUCKET/plays/dt=YYYY-MM-DD/<run>.csv}. Uploads carry a
 * does-not-exist precondition, so a retried upload never replaces an object — and an object already holding the
 * same bytes counts as uploaded.
 */
public final class GcsLake implements Lake {

    private static final int PRECONDITION_FAILED = 412;

    private final Storage storage;
    private final String bucket;

    public GcsLake(Storage storage, String bucket) {
        this.storage = storage;
        this.bucket = bucket;
    }

    @Override
    public void put(String key, Path file) {
        BlobId id = blobId(key);
        try {
            if (sameBytesAlreadyThere(id, file)) {
                return;
            }
            storage.createFrom(BlobInfo.newBuilder(id).setContentType("text/csv; charset=utf-8").build(), file,
                    Storage.BlobWriteOption.doesNotExist());
        } catch (StorageException e) {
            if (e.getCode() == PRECONDITION_FAILED && sameBytesAfterRace(id, file)) {
                return;
            }
            throw new LakeAccessException("Could not upload %s to gs://%s (%s). Check that the service account may "
                    .formatted(key, bucket, e.getMessage()) + "create objects in the bucket.", e);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read %s to upload it as %s".formatted(file, key), e);
        }
    }

    @Override
    public InputStream open(String key) {
        try {
            Blob blob = storage.get(blobId(key));
            if (blob == null) {
                throw new LakeObjectNotFoundException("gs://%s has no object %s".formatted(bucket, key));
            }
            return new ByteArrayInputStream(blob.getContent());
        } catch (StorageException e) {
            throw new LakeAccessException("Could not read %s from gs://%s (%s)".formatted(key, bucket, e.getMessage()), e);
        }
    }

    @Override
    public boolean exists(String key) {
        try {
            return storage.get(blobId(key)) != null;
        } catch (StorageException e) {
            throw new LakeAccessException("Could not look up %s in gs://%s (%s)".formatted(key, bucket, e.getMessage()), e);
        }
    }

    @Override
    public List<String> list(String prefix) {
        List<String> keys = new ArrayList<>();
        try {
            for (Blob blob : storage.list(bucket, Storage.BlobListOption.prefix(prefix)).iterateAll()) {
                keys.add(blob.getName());
            }
        } catch (StorageException e) {
            throw new LakeAccessException("Could not list gs://%s/%s (%s)".formatted(bucket, prefix, e.getMessage()), e);
        }
        keys.sort(null);
        return keys;
    }

    @Override
    public void delete(String key) {
        try {
            storage.delete(blobId(key));
        } catch (StorageException e) {
            throw new LakeAccessException("Could not delete %s from gs://%s (%s)".formatted(key, bucket,
                    e.getMessage()), e);
        }
    }

    @Override
    public URI uri(String key) {
        return URI.create("gs://" + bucket + "/" + key);
    }

    /**
     * Asks Cloud Storage whether the service may create objects in the bucket — without writing one: the service
     * account may not delete, so a probe object would stay.
     */
    @Override
    public void checkWritable() {
        try {
            List<Boolean> granted = storage.testIamPermissions(bucket, List.of("storage.objects.create",
                    "storage.objects.list"));
            if (granted.contains(false)) {
                throw new LakeAccessException(("The service account may not create or list objects in gs://%s: give "
                        + "it roles/storage.objectCreator and roles/storage.objectViewer on the bucket (terraform "
                        + "apply does).").formatted(bucket), null);
            }
        } catch (StorageException e) {
            throw new LakeAccessException(("The lake bucket gs://%s can't be reached (%s). Check "
                    + "insights.lake.gcs.bucket, insights.gcp.project and the service account's roles.")
                    .formatted(bucket, e.getMessage()), e);
        }
    }

    /** Another upload of this key won between our check and our write: fine if it wrote the same bytes. */
    private boolean sameBytesAfterRace(BlobId id, Path file) {
        try {
            return sameBytesAlreadyThere(id, file);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + file, e);
        }
    }

    private boolean sameBytesAlreadyThere(BlobId id, Path file) throws IOException {
        Blob existing = storage.get(id);
        if (existing == null) {
            return false;
        }
        if (!Arrays.equals(existing.getContent(), Files.readAllBytes(file))) {
            throw new LakeConflictException(("gs://%s/%s already holds other content; raw files are never "
                    + "overwritten. Move the existing object away if it is wrong, then restart the run.")
                    .formatted(bucket, id.getName()));
        }
        return true;
    }

    private BlobId blobId(String key) {
        if (key == null || key.isBlank() || key.startsWith("/") || key.contains("..")) {
            throw new IllegalArgumentException("'" + key + "' is not a lake key: use a relative path such as "
                    + "plays/dt=2026-03-01/run-1.csv");
        }
        return BlobId.of(bucket, key);
    }
}
