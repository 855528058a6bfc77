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

    private ChangeLogTopic() {
    }

    /** The Kafka key of a change: {@code <tableId>/<type>:<value>}, e.g. {@code 5f0c.../S:user-1}. */
    public static String key(String tableId, AttributeValue partitionKey) {
        String value;
        if (partitionKey instanceof AttributeValue.Str s) {
            value = "S:" + s.value();
        } else if (partitionKey instanceof AttributeValue.Num n) {
            value = "N:" + Numbers.format(n.value());
        } else if (partitionKey instanceof AttributeValue.Bin b) {
            value = "B:" + Base64.getEncoder().encodeToString(b.value());
        } else {
            throw new IllegalArgumentException("not a key attribute value: " + partitionKey);
        }
        return tableId + "/" + value;
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
