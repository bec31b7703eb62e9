package dev.chat.chat.repository;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import io.smallrye.mutiny.Uni;
import io.vertx.core.file.CopyOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.core.file.FileSystem;

/**
 * Attachments as files in one directory, {@code <id>.original} and {@code <id>.thumbnail}: the local run's and the
 * tests' store. Names are made from the UUID only, so nothing a client sends becomes part of a path. Written through
 * Vert.x' file system, off the event loop; a file is written under a temporary name and moved, so a reader never sees
 * half of one.
 */
public class FileAttachmentStore implements AttachmentStore {

    private final FileSystem files;
    private final Path directory;

    public FileAttachmentStore(Vertx vertx, Path directory) {
        this.files = vertx.fileSystem();
        this.directory = directory;
    }

    private String path(UUID id, Variant variant) {
        return directory.resolve(id + "." + variant.name().toLowerCase(Locale.ROOT)).toString();
    }

    @Override
    public Uni<Void> put(UUID id, Variant variant, byte[] bytes) {
        String target = path(id, variant);
        String partial = target + ".partial";
        return files.mkdirs(directory.toString())
                .chain(() -> files.writeFile(partial, Buffer.buffer(bytes)))
                .chain(() -> files.move(partial, target, new CopyOptions().setReplaceExisting(true)));
    }

    @Override
    public Uni<Optional<byte[]>> get(UUID id, Variant variant) {
        String path = path(id, variant);
        return files.exists(path).chain(exists -> exists
                ? files.readFile(path).map(buffer -> Optional.of(buffer.getBytes()))
                : Uni.createFrom().item(Optional.<byte[]>empty()));
    }

    @Override
    public Uni<Void> delete(UUID id) {
        Uni<Void> all = Uni.createFrom().voidItem();
        for (Variant variant : Variant.values()) {
            String path = path(id, variant);
            all = all.chain(() -> files.exists(path).chain(exists -> exists ? files.delete(path) : Uni.createFrom().voidItem()));
        }
        return all;
    }
}
