package io.dynamis.core.change;

import io.dynamis.core.json.AttributeValueCodec;
import io.dynamis.core.json.StoredJsonItem;
import io.dynamis.core.model.AttributeValue;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The change record's bytes: a compact binary form, written once by item-service's writer and read by every
 * consumer (and kept as it is by the archive). Big-endian:
 *
 * <pre>{@code
 * magic 0xDC | version 1 | eventName (0 INSERT, 1 MODIFY, 2 REMOVE) | origin (0 USER, 1 TIME_TO_LIVE)
 * shard (int) | sequence (long) | commitTimeMillis (long) | sizeBytes (long)
 * tableName, tableId (each: unsigned short length, UTF-8)
 * key count (byte), each key: name (unsigned short length, UTF-8), type ('S', 'N' or 'B'), value (int length, bytes:
 *                             UTF-8 for S, the number's text for N)
 * oldImage, newImage (each: int length, -1 for none, then the item's stored DynamoDB JSON)
 * }</pre>
 *
 * <p>Nothing in a record needs a parser to be read: the head and keys are read field by field, and the images
 * stay the bytes they are in the record ({@link StoredJsonItem}), decoded only by a consumer that reads their
 * attributes (an index); the archive, a restore and cache coherence store or compare them as they came. The
 * log keeps both images whatever the table's StreamViewType; the Streams API trims them when it serves a record.
 * Records written before this form (JSON, a DynamoDB Streams record with a {@code dynamis} section) are still
 * read ({@link JsonChangeRecords}): a log, topic or archive may hold both.
 */
public final class ChangeRecordCodec {

    public static final String SERVICE_PRINCIPAL = "dynamodb.amazonaws.com";
    private static final byte MAGIC = (byte) 0xDC;
    private static final byte VERSION = 1;
    private static final ChangeRecord.EventName[] EVENTS = ChangeRecord.EventName.values();
    private static final ChangeRecord.Origin[] ORIGINS = ChangeRecord.Origin.values();
    private static final int FIXED_BYTES = 4 + 4 + 8 + 8 + 8;
    private static final byte[] NO_PREFIX = new byte[0];

    private ChangeRecordCodec() {
    }

    /** What a record says besides its keys and images. */
    public record Head(String tableName, String tableId, int shard, long sequence, ChangeRecord.EventName eventName,
            long commitTimeMillis, long sizeBytes, ChangeRecord.Origin origin) {
    }

    public static byte[] encode(ChangeRecord record) {
        Head head = new Head(record.tableName(), record.tableId(), record.shard(), record.sequence(),
                record.eventName(), record.commitTimeMillis(), record.sizeBytes(), record.origin());
        return encode(head, record.keys(), json(record.oldImage()), json(record.newImage()));
    }

    /**
     * Encodes a record whose images are already DynamoDB JSON objects (UTF-8 bytes, as item-service
     * stores items); either image may be null.
     */
    public static byte[] encode(Head head, Map<String, AttributeValue> keys, byte[] oldImageJson, byte[] newImageJson) {
        return encode(NO_PREFIX, head, keys, oldImageJson, newImageJson);
    }

    /**
     * {@link #encode(Head, Map, byte[], byte[])} written after {@code prefix} in the same array (the change
     * log's entry head: the record is then never copied into its entry).
     */
    public static byte[] encode(byte[] prefix, Head head, Map<String, AttributeValue> keys, byte[] oldImageJson,
            byte[] newImageJson) {
        return encode(prefix, head, keys, oldImageJson, 0, newImageJson, 0);
    }

    /**
     * {@link #encode(byte[], Head, Map, byte[], byte[])} with each image the bytes of its array from its offset on
     * (item-service's stored items, whose JSON follows a head of their own: not copied out of them first).
     */
    public static byte[] encode(byte[] prefix, Head head, Map<String, AttributeValue> keys, byte[] oldImage,
            int oldImageFrom, byte[] newImage, int newImageFrom) {
        byte[] tableName = head.tableName().getBytes(StandardCharsets.UTF_8);
        byte[] tableId = head.tableId().getBytes(StandardCharsets.UTF_8);
        int size = FIXED_BYTES + 2 + tableName.length + 2 + tableId.length + 1
                + 4 + imageLength(oldImage, oldImageFrom) + 4 + imageLength(newImage, newImageFrom);
        byte[][] keyParts = new byte[keys.size() * 2][];
        int i = 0;
        for (Map.Entry<String, AttributeValue> key : keys.entrySet()) {
            keyParts[i] = key.getKey().getBytes(StandardCharsets.UTF_8);
            keyParts[i + 1] = keyValue(key.getValue());
            size += 2 + keyParts[i].length + 1 + 4 + keyParts[i + 1].length;
            i += 2;
        }
        ByteBuffer out = ByteBuffer.allocate(prefix.length + size).put(prefix);
        out.put(MAGIC).put(VERSION).put((byte) head.eventName().ordinal()).put((byte) head.origin().ordinal());
        out.putInt(head.shard()).putLong(head.sequence()).putLong(head.commitTimeMillis()).putLong(head.sizeBytes());
        putShortBytes(out, tableName);
        putShortBytes(out, tableId);
        out.put((byte) keys.size());
        i = 0;
        for (AttributeValue value : keys.values()) {
            putShortBytes(out, keyParts[i]);
            out.put((byte) value.type().name().charAt(0));
            out.putInt(keyParts[i + 1].length).put(keyParts[i + 1]);
            i += 2;
        }
        putImage(out, oldImage, oldImageFrom);
        putImage(out, newImage, newImageFrom);
        return out.array();
    }

    /**
     * Reads a record, in either form; an unreadable one is an IllegalArgumentException. The images are kept
     * as the bytes they are in the record ({@link StoredJsonItem}), decoded only when read.
     */
    public static ChangeRecord decode(byte[] bytes) {
        if (bytes.length == 0 || bytes[0] != MAGIC) {
            return JsonChangeRecords.decode(bytes);
        }
        try {
            ByteBuffer in = ByteBuffer.wrap(bytes);
            in.get();
            if (in.get() != VERSION) {
                throw new IllegalArgumentException("unreadable change record: unknown version " + bytes[1]);
            }
            ChangeRecord.EventName event = EVENTS[in.get()];
            ChangeRecord.Origin origin = ORIGINS[in.get()];
            int shard = in.getInt();
            long sequence = in.getLong();
            long commitTimeMillis = in.getLong();
            long sizeBytes = in.getLong();
            String tableName = shortString(in);
            String tableId = shortString(in);
            int keyCount = in.get();
            Map<String, AttributeValue> keys = new LinkedHashMap<>(keyCount * 2);
            for (int k = 0; k < keyCount; k++) {
                String name = shortString(in);
                char type = (char) in.get();
                byte[] value = new byte[in.getInt()];
                in.get(value);
                keys.put(name, keyValue(type, value));
            }
            Map<String, AttributeValue> oldImage = image(in, bytes);
            Map<String, AttributeValue> newImage = image(in, bytes);
            if (in.hasRemaining()) {
                throw new IllegalArgumentException("unreadable change record: " + in.remaining() + " trailing byte(s)");
            }
            return new ChangeRecord(tableName, tableId, shard, sequence, event, commitTimeMillis, keys, oldImage,
                    newImage, sizeBytes, origin);
        } catch (BufferUnderflowException | IndexOutOfBoundsException | NegativeArraySizeException e) {
            throw new IllegalArgumentException("unreadable change record: truncated", e);
        }
    }

    private static byte[] keyValue(AttributeValue value) {
        if (value instanceof AttributeValue.Str s) {
            return s.value().getBytes(StandardCharsets.UTF_8);
        }
        if (value instanceof AttributeValue.Num n) {
            return n.text().getBytes(StandardCharsets.US_ASCII);
        }
        if (value instanceof AttributeValue.Bin b) {
            return b.value();
        }
        throw new IllegalArgumentException("a key attribute of type " + value.type());
    }

    private static AttributeValue keyValue(char type, byte[] value) {
        return switch (type) {
            case 'S' -> AttributeValue.s(new String(value, StandardCharsets.UTF_8));
            case 'N' -> AttributeValue.n(new String(value, StandardCharsets.US_ASCII));
            case 'B' -> AttributeValue.b(value);
            default -> throw new IllegalArgumentException("unreadable change record: a key of type " + (int) type);
        };
    }

    private static void putShortBytes(ByteBuffer out, byte[] bytes) {
        if (bytes.length > 0xFFFF) {
            throw new IllegalArgumentException("a name of " + bytes.length + " bytes");
        }
        out.putShort((short) bytes.length).put(bytes);
    }

    private static String shortString(ByteBuffer in) {
        int length = Short.toUnsignedInt(in.getShort());
        String text = new String(in.array(), in.position(), length, StandardCharsets.UTF_8);
        in.position(in.position() + length);
        return text;
    }

    private static int imageLength(byte[] image, int from) {
        return image == null ? 0 : image.length - from;
    }

    private static void putImage(ByteBuffer out, byte[] image, int from) {
        if (image == null) {
            out.putInt(-1);
        } else {
            out.putInt(image.length - from).put(image, from, image.length - from);
        }
    }

    /** An image as the bytes it is in the record (null for none): decoded only if a consumer reads it. */
    private static Map<String, AttributeValue> image(ByteBuffer in, byte[] bytes) {
        int length = in.getInt();
        if (length == -1) {
            return null;
        }
        if (length < 2 || length > in.remaining() || bytes[in.position()] != '{') {
            throw new IllegalArgumentException("unreadable change record: an image is not an object");
        }
        int from = in.position();
        in.position(from + length);
        return new StoredJsonItem(bytes, from, from + length);
    }

    private static byte[] json(Map<String, AttributeValue> image) {
        return image == null ? null : AttributeValueCodec.itemBytes(image, 0);
    }
}
