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
}
