package io.dynamis.backup.archive;

import java.nio.ByteBuffer;

/** The 8-byte big-endian prefixes that keep each table's (or backup's) keys together in a B-tree map. */
final class Prefixes {

    private Prefixes() {
    }

    static byte[] of(long prefix) {
        return ByteBuffer.allocate(8).putLong(prefix).array();
    }

    /** The key of a change record: table prefix, shard, sequence. */
    static byte[] record(long archiveId, int shard, long sequence) {
        return ByteBuffer.allocate(20).putLong(archiveId).putInt(shard).putLong(sequence).array();
    }

    static int shardOf(byte[] recordKey) {
        return ByteBuffer.wrap(recordKey).getInt(8);
    }

    static long sequenceOf(byte[] recordKey) {
        return ByteBuffer.wrap(recordKey).getLong(12);
    }
}
