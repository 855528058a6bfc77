package io.dynamis.item.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32C;

/**
 * The item store's redo log: what makes a group commit durable with one append and one fsync.
 *
 * <p>Committing the store file writes every page changed since its last commit (tens of milliseconds),
 * so the store commits it only now and then (a checkpoint) and makes every group commit durable here
 * instead: each change to a map of the store file is recorded as a physical operation (put this key to this
 * value, remove this key, set this counter), and a group commit appends its operations as one
 * checksummed record and forces the file. After a crash the store file opens at its last checkpoint and
 * the operations recorded since are applied again, in order. Every operation sets an absolute value,
 * so applying one that the checkpoint already holds changes nothing: a crash between a checkpoint and
 * the truncation of this file is harmless. A record cut short by the crash fails its checksum and
 * ends the replay; it was never acknowledged.
 *
 * <p>Record layout: payload length (4 bytes), CRC32C of the payload (4 bytes), payload. Payload: the
 * operations, each a type byte, then a length-prefixed key and a length-prefixed value.
 *
 * <p>The file is written ahead with zeros ({@link #PREALLOCATION_BYTES} at a time, in the same write and fsync
 * as the record that needs them), so most group commits overwrite bytes already on disk: their fsync then has
 * only the data to flush, not the file's new length and blocks (on ext4, a journal commit of its own). A
 * replay ends at the zeros as it ends at a torn record (a length of 0), and drops them with the file's tail.
 */
final class RedoLog implements AutoCloseable {

    /** Zeros written ahead of the records whenever a record would pass the end of those on disk. */
    static final int PREALLOCATION_BYTES = 1 << 20;
    private static final ByteBuffer ZEROS = ByteBuffer.allocateDirect(PREALLOCATION_BYTES).asReadOnlyBuffer();

    /** Applies replayed operations. */
    interface Operations {
        void apply(byte type, byte[] key, byte[] value);
    }

    private final Path file;
    private FileChannel channel;
    private ByteBuffer batch = ByteBuffer.allocate(64 * 1024);
    private long size;
    /** Bytes of the file on disk: the records ({@link #size}) and the zeros written ahead of them. */
    private long written;

    RedoLog(Path file) {
        this.file = file;
        this.channel = open(file);
        try {
            this.size = channel.size();
            this.written = size;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the redo log " + file, e);
        }
    }

    private static FileChannel open(Path file) {
        try {
            return FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the redo log " + file, e);
        }
    }

    /**
     * Seals the log: its file is renamed {@code sealed} (every record in it already on disk) and an empty
     * file takes the next records; both names are on disk when this returns. No operation may be pending.
     */
    void seal(Path sealed) {
        if (hasPending()) {
            throw new IllegalStateException("sealing the redo log with operations pending");
        }
        try {
            channel.close();
            java.nio.file.Files.move(file, sealed, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            channel = open(file);
            forceDirectory(file);
            size = 0;
            written = 0;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot seal the redo log " + file, e);
        }
    }

    /** Replays a sealed log left by a checkpoint that did not finish (none: 0); returns how many records. */
    static int replaySealed(Path sealed, Operations operations) {
        if (!java.nio.file.Files.exists(sealed)) {
            return 0;
        }
        try (RedoLog log = new RedoLog(sealed)) {
            return log.replay(operations);
        }
    }

    /** Deletes a sealed log once a checkpoint holds everything in it. */
    static void deleteSealed(Path sealed) {
        try {
            if (java.nio.file.Files.deleteIfExists(sealed)) {
                forceDirectory(sealed);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the sealed redo log " + sealed, e);
        }
    }

    /** Forces a file's folder to disk, so that a rename or a new file in it survives a crash. */
    private static void forceDirectory(Path file) throws IOException {
        try (FileChannel dir = FileChannel.open(file.toAbsolutePath().getParent(), StandardOpenOption.READ)) {
            dir.force(true);
        }
    }

    /** Adds an operation to the group commit being assembled. */
    void record(byte type, byte[] key, byte[] value) {
        int needed = 1 + 4 + key.length + 4 + (value == null ? 0 : value.length);
        if (batch.remaining() < needed) {
            ByteBuffer bigger = ByteBuffer.allocate(Math.max(batch.capacity() * 2, batch.position() + needed + 8));
            batch.flip();
            bigger.put(batch);
            batch = bigger;
        }
        batch.put(type).putInt(key.length).put(key);
        if (value == null) {
            batch.putInt(-1);
        } else {
            batch.putInt(value.length).put(value);
        }
    }

    /** True when operations wait for {@link #flush}. */
    boolean hasPending() {
        return batch.position() > 0;
    }

    /**
     * Appends the pending operations as one record and forces them to disk; when the record passes the zeros
     * already on disk, another {@link #PREALLOCATION_BYTES} of zeros follow it in the same write.
     */
    void flush() {
        if (!hasPending()) {
            return;
        }
        batch.flip();
        CRC32C crc = new CRC32C();
        crc.update(batch.duplicate());
        ByteBuffer header = ByteBuffer.allocate(8).putInt(batch.remaining()).putInt((int) crc.getValue()).flip();
        try {
            long length = header.remaining() + batch.remaining();
            boolean zerosAhead = size + length > written;
            ByteBuffer[] buffers = zerosAhead
                    ? new ByteBuffer[] {header, batch, ZEROS.duplicate()}
                    : new ByteBuffer[] {header, batch};
            long total = length + (zerosAhead ? PREALLOCATION_BYTES : 0);
            channel.position(size);
            long done = 0;
            while (done < total) {
                done += channel.write(buffers);
            }
            channel.force(false);
            if (zerosAhead) {
                written = size + total;
            }
            size += length;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the redo log " + file, e);
        } finally {
            batch.clear();
        }
    }

    /** Forgets the pending operations (their group commit failed). */
    void discardPending() {
        batch.clear();
    }

    /** Bytes on disk since the last {@link #truncate}. */
    long size() {
        return size;
    }

    /** Empties the file: everything in it is now in a checkpoint of the store file. */
    void truncate() {
        try {
            channel.truncate(0);
            channel.position(0);
            channel.force(true);
            size = 0;
            written = 0;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot truncate the redo log " + file, e);
        }
    }

    /** Applies every intact record's operations, in order; returns how many records. */
    int replay(Operations operations) {
        int records = 0;
        try {
            long position = 0;
            long end = channel.size();
            ByteBuffer header = ByteBuffer.allocate(8);
            while (position + 8 <= end) {
                header.clear();
                channel.read(header, position);
                header.flip();
                int length = header.getInt();
                int expectedCrc = header.getInt();
                if (length <= 0 || position + 8 + length > end) {
                    break;
                }
                ByteBuffer payload = ByteBuffer.allocate(length);
                while (payload.hasRemaining() && channel.read(payload, position + 8 + payload.position()) > 0) {
                    // reading
                }
                payload.flip();
                CRC32C crc = new CRC32C();
                crc.update(payload.duplicate());
                if ((int) crc.getValue() != expectedCrc) {
                    break;
                }
                while (payload.hasRemaining()) {
                    byte type = payload.get();
                    byte[] key = new byte[payload.getInt()];
                    payload.get(key);
                    int valueLength = payload.getInt();
                    byte[] value = null;
                    if (valueLength >= 0) {
                        value = new byte[valueLength];
                        payload.get(value);
                    }
                    operations.apply(type, key, value);
                }
                records++;
                position += 8 + length;
            }
            // whatever follows the last intact record was never acknowledged (or is zeros written ahead)
            channel.truncate(position);
            channel.position(position);
            size = position;
            written = position;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the redo log " + file, e);
        }
        return records;
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
