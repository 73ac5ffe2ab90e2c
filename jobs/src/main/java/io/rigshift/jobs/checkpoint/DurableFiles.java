package io.rigshift.jobs.checkpoint;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/** Writes files that a crash cannot tear: fsynced content, atomic rename, fsynced parent folder. */
public final class DurableFiles {

    private DurableFiles() {
    }

    /** Replaces {@code target}: a crash leaves either the old content or the new, never a mix. */
    public static void writeAtomically(Path target, byte[] bytes) throws IOException {
        Files.createDirectories(target.getParent());
        Path temporary = target.resolveSibling("." + target.getFileName() + ".tmp-" + ProcessHandle.current().pid());
        write(temporary, bytes, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING);
        Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        fsyncDirectory(target.getParent());
    }

    /** Creates a new file with the bytes and fsyncs it. */
    static void writeNew(Path file, byte[] bytes) throws IOException {
        write(file, bytes, StandardOpenOption.CREATE_NEW);
    }

    private static void write(Path file, byte[] bytes, OpenOption... options) throws IOException {
        OpenOption[] all = java.util.Arrays.copyOf(options, options.length + 1);
        all[options.length] = StandardOpenOption.WRITE;
        try (FileChannel channel = FileChannel.open(file, all)) {
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(true);
        }
    }

    /** Makes a folder's entries (creations, renames) durable. */
    public static void fsyncDirectory(Path directory) throws IOException {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }
}
