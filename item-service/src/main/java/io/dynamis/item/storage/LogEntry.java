package io.dynamis.item.storage;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * One entry of the change log as the store keeps it: the commit time (8 bytes), the Kafka key the
 * relay publishes it under (length-prefixed UTF-8), then the change record itself
 * ({@link io.dynamis.core.change.ChangeRecordCodec}). The time and key sit in front so that trimming
 * and relaying never parse the record.
 */
public final class LogEntry {

    private LogEntry() {
    }

    /** An entry's head, the bytes before its record: a record encoded after it is the whole entry. */
    public static byte[] head(long commitTimeMillis, String kafkaKey) {
        byte[] key = kafkaKey.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(8 + 4 + key.length).putLong(commitTimeMillis).putInt(key.length).put(key).array();
    }

    public static long commitTimeMillis(byte[] entry) {
        return ByteBuffer.wrap(entry).getLong(0);
    }

    public static String kafkaKey(byte[] entry) {
        int length = ByteBuffer.wrap(entry).getInt(8);
        return new String(entry, 12, length, StandardCharsets.UTF_8);
    }

    public static byte[] record(byte[] entry) {
        int length = ByteBuffer.wrap(entry).getInt(8);
        return Arrays.copyOfRange(entry, 12 + length, entry.length);
    }
}
