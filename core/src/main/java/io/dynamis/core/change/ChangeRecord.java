package io.dynamis.core.change;

import io.dynamis.core.model.AttributeValue;
import java.util.Map;

/**
 * One committed item change, as the change log carries it.
 *
 * @param tableName        the table's name when the change was made
 * @param tableId          the table's id: a table deleted and created again under the same name has another
 * @param shard            the item-service shard whose log holds the record
 * @param sequence         the record's position in its shard's log: increasing, without gaps
 * @param eventName        INSERT, MODIFY or REMOVE
 * @param commitTimeMillis when the commit holding the change was made (epoch milliseconds)
 * @param keys             the item's primary key attributes
 * @param oldImage         the item before the change; null for an INSERT
 * @param newImage         the item after the change; null for a REMOVE
 * @param sizeBytes        the record's size as DynamoDB Streams counts it: keys plus both images
 * @param origin           who made the change
 */
public record ChangeRecord(String tableName, String tableId, int shard, long sequence, EventName eventName,
        long commitTimeMillis, Map<String, AttributeValue> keys, Map<String, AttributeValue> oldImage,
        Map<String, AttributeValue> newImage, long sizeBytes, Origin origin) {

    /** The three DynamoDB Streams event names. */
    public enum EventName {
        INSERT, MODIFY, REMOVE;

        /** The event that turns {@code oldImage} into {@code newImage}: either may be absent, not both. */
        public static EventName of(boolean hadOld, boolean hasNew) {
            if (!hadOld && !hasNew) {
                throw new IllegalArgumentException("a change needs an old or a new image");
            }
            return !hadOld ? INSERT : hasNew ? MODIFY : REMOVE;
        }
    }

    /**
     * Who made a change. DynamoDB Streams marks a deletion by Time to Live with the user identity
     * {@code {"Type": "Service", "PrincipalId": "dynamodb.amazonaws.com"}} and every other change with none.
     */
    public enum Origin {
        /** A caller of the API. */
        USER,
        /** The service itself, deleting an expired item (Time to Live). */
        TIME_TO_LIVE
    }

    /** The DynamoDB Streams SequenceNumber of the record: its sequence, as 21 digits. */
    public String sequenceNumber() {
        return sequenceNumber(sequence);
    }

    public static String sequenceNumber(long sequence) {
        return zeroPadded(Long.toString(sequence), 21);
    }

    /** The record's eventID: unique per shard and sequence, so a record published twice keeps its id. */
    public String eventId() {
        return eventId(shard, sequence);
    }

    public static String eventId(int shard, long sequence) {
        return zeroPadded(Integer.toHexString(shard), 8) + zeroPadded(Long.toHexString(sequence), 24);
    }

    /** {@code digits} left-padded with zeros to {@code width} (String.format's cost, without the parsing of a format). */
    private static String zeroPadded(String digits, int width) {
        if (digits.length() >= width) {
            return digits;
        }
        return "0".repeat(width - digits.length()) + digits;
    }
}
