package io.dynamis.core.change;

import io.dynamis.core.model.AttributeValue;
import io.dynamis.core.model.Numbers;
import java.util.Base64;

/**
 * The change-log topic's conventions: its default name and how records are keyed. A record's key is
 * its table's id and its partition key, so every change of one item (indeed of one partition) lands in
 * the same Kafka partition and stays in order; a table created again under the same name keys apart.
 */
public final class ChangeLogTopic {

    /** The topic's name unless configured otherwise. */
    public static final String DEFAULT_NAME = "dynamis.changes";

    /**
     * The header every relayed record carries: {@code <shard>/<sequence>} (ASCII), so that a consumer
     * passing a record over by its key still knows which sequence number it read.
     */
    public static final String SEQUENCE_HEADER = "dynamis-sequence";

    private ChangeLogTopic() {
    }

    /** The value of {@link #SEQUENCE_HEADER} for a record. */
    public static byte[] sequenceHeader(int shard, long sequence) {
        return (shard + "/" + sequence).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }

    /** {@code {shard, sequence}} from a {@link #SEQUENCE_HEADER}; null when absent or unreadable. */
    public static long[] sequenceOf(org.apache.kafka.common.header.Header header) {
        if (header == null || header.value() == null) {
            return null;
        }
        String text = new String(header.value(), java.nio.charset.StandardCharsets.US_ASCII);
        int slash = text.indexOf('/');
        try {
            return slash < 0 ? null
                    : new long[] {Integer.parseInt(text, 0, slash, 10), Long.parseLong(text, slash + 1, text.length(), 10)};
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** The Kafka key of a change: {@code <tableId>/<type>:<value>}, e.g. {@code 5f0c.../S:user-1}. */
    public static String key(String tableId, AttributeValue partitionKey) {
        return tableId + "/" + keyValueText(partitionKey);
    }

    /**
     * A key attribute value as text, the same for every spelling of one value: {@code S:<string>},
     * {@code N:<number in normal form>} or {@code B:<Base64>}.
     */
    public static String keyValueText(AttributeValue keyValue) {
        if (keyValue instanceof AttributeValue.Str s) {
            return "S:" + s.value();
        } else if (keyValue instanceof AttributeValue.Num n) {
            return "N:" + Numbers.format(n.value());
        } else if (keyValue instanceof AttributeValue.Bin b) {
            return "B:" + Base64.getEncoder().encodeToString(b.value());
        }
        throw new IllegalArgumentException("not a key attribute value: " + keyValue);
    }

    /**
     * The table id a record's Kafka key starts with, read without decoding the record; null when the key
     * is absent or not of this form.
     */
    public static String tableIdOf(byte[] key) {
        if (key == null) {
            return null;
        }
        for (int i = 0; i < key.length; i++) {
            if (key[i] == '/') {
                return new String(key, 0, i, java.nio.charset.StandardCharsets.UTF_8);
            }
        }
        return null;
    }
}
