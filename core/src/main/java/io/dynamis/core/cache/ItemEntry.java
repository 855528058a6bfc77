package io.dynamis.core.cache;

import io.dynamis.core.json.StoredItemDecoder;
import io.dynamis.core.json.AttributeValueCodec;
import io.dynamis.core.model.AttributeValue;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;

/**
 * The value of one item-cache entry (map {@code item:<table>} of the accelerator's Hazelcast cluster),
 * as bytes: written by cache-service, read by cache-service and by the gateway, which serves hits from
 * its own near cache of the same maps.
 *
 * <p>A tag byte first:
 * <ul>
 * <li>{@code 0} no such item, then the 8-byte time (epoch milliseconds) the entry is valid until;</li>
 * <li>{@code 1} an item, then its valid-until time, then the item's JSON (DynamoDB's attribute-value
 *     form, exactly as a GetItem answer writes it);</li>
 * <li>{@code 2} a fill marker, then its 8-byte id;</li>
 * <li>{@code 3} a fill marker that a change reached: its id, then the change's image (an entry of tag 0 or 1).</li>
 * </ul>
 * Only tags 0 and 1, before their valid-until time, answer a read; everything else is a miss. The
 * valid-until time is the entry's time to live carried in the entry itself, so a copy in any near
 * cache expires when the entry does, whatever that near cache was told.
 */
public final class ItemEntry {

    /** The name of a table's item map is this prefix and the table's name. */
    public static final String MAP_PREFIX = "item:";

    public static final byte NEGATIVE = 0;
    public static final byte ITEM = 1;
    public static final byte MARKER = 2;
    public static final byte CHANGED_MARKER = 3;
    /** A marker's bytes: its tag and its id. */
    public static final int MARKER_BYTES = 9;
    /** Where an item's JSON starts: after the tag and the valid-until time. */
    public static final int JSON_OFFSET = 9;

    private ItemEntry() {
    }

    /** The entry for an item (null: no such item), valid until the given epoch milliseconds. */
    public static byte[] of(Map<String, AttributeValue> item, long validUntilMillis) {
        byte[] entry = item == null ? new byte[JSON_OFFSET] : AttributeValueCodec.itemBytes(item, JSON_OFFSET);
        entry[0] = item == null ? NEGATIVE : ITEM;
        ByteBuffer.wrap(entry, 1, 8).putLong(validUntilMillis);
        return entry;
    }

    /** A new fill marker with the given id. */
    public static byte[] marker(long id) {
        byte[] marker = new byte[MARKER_BYTES];
        marker[0] = MARKER;
        ByteBuffer.wrap(marker, 1, 8).putLong(id);
        return marker;
    }

    /** The marker, reached by a change that left the item as {@code image} (an entry of tag 0 or 1). */
    public static byte[] changedMarker(byte[] marker, byte[] image) {
        byte[] changed = new byte[MARKER_BYTES + image.length];
        System.arraycopy(marker, 0, changed, 0, MARKER_BYTES);
        changed[0] = CHANGED_MARKER;
        System.arraycopy(image, 0, changed, MARKER_BYTES, image.length);
        return changed;
    }

    /** The image a change left in a changed marker. */
    public static byte[] imageOf(byte[] changedMarker) {
        return Arrays.copyOfRange(changedMarker, MARKER_BYTES, changedMarker.length);
    }

    /** Whether the two markers are the same fill (same id), whether or not a change reached one. */
    public static boolean sameFill(byte[] marker, byte[] other) {
        return isMarker(marker) && isMarker(other)
                && Arrays.equals(marker, 1, MARKER_BYTES, other, 1, MARKER_BYTES);
    }

    public static boolean isMarker(byte[] entry) {
        return entry != null && entry.length > 0 && (entry[0] == MARKER || entry[0] == CHANGED_MARKER);
    }

    /** Whether the entry answers a read at {@code nowMillis}: an item or "no such item", not yet expired. */
    public static boolean answers(byte[] entry, long nowMillis) {
        return entry != null && entry.length >= JSON_OFFSET && (entry[0] == NEGATIVE || entry[0] == ITEM)
                && nowMillis < ByteBuffer.wrap(entry, 1, 8).getLong();
    }

    /** Whether an answering entry says there is no such item. */
    public static boolean isNegative(byte[] entry) {
        return entry[0] == NEGATIVE;
    }

    /** The item of an answering entry (null: no such item). */
    public static Map<String, AttributeValue> item(byte[] entry) {
        if (entry[0] == NEGATIVE) {
            return null;
        }
        return StoredItemDecoder.decode(entry, JSON_OFFSET);
    }

    /** Whether two entries of tag 0 or 1 say the same (the same item, or both no item), whatever their validity. */
    public static boolean sameItem(byte[] one, byte[] other) {
        if (one == null || other == null || one.length < JSON_OFFSET || other.length < JSON_OFFSET
                || !(one[0] == NEGATIVE || one[0] == ITEM) || one[0] != other[0]) {
            return false;
        }
        if (Arrays.equals(one, JSON_OFFSET, one.length, other, JSON_OFFSET, other.length)) {
            return true;
        }
        return one[0] == ITEM && Objects.equals(item(one), item(other));
    }
}
