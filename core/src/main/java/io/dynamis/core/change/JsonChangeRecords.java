package io.dynamis.core.change;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import io.dynamis.core.json.AttributeValueCodec;
import io.dynamis.core.json.Json;
import io.dynamis.core.json.StoredJsonItem;
import io.dynamis.core.model.AttributeValue;
import java.io.IOException;
import java.util.Map;

/**
 * Reads change records in their first form, JSON: a DynamoDB Streams record plus a {@code dynamis} section, as
 * logs, topics and archives written before the binary form ({@link ChangeRecordCodec}) hold them.
 *
 * <pre>{@code
 * {"eventID": "...", "eventName": "MODIFY", "eventVersion": "1.1", "eventSource": "aws:dynamodb",
 *  "dynamodb": {"ApproximateCreationDateTime": 1700000000, "Keys": {...}, "OldImage": {...},
 *               "NewImage": {...}, "SequenceNumber": "000000000000000000042", "SizeBytes": 57,
 *               "StreamViewType": "NEW_AND_OLD_IMAGES"},
 *  "userIdentity": {"Type": "Service", "PrincipalId": "dynamodb.amazonaws.com"},   (Time to Live only)
 *  "dynamis": {"tableName": "T", "tableId": "...", "shard": 0, "sequence": 42, "commitTimeMillis": 1700000000123}}
 * }</pre>
 */
final class JsonChangeRecords {

    /** Reads one value of a record (its keys, its user identity) as a tree, from the middle of the record. */
    private static final ObjectReader VALUE = Json.MAPPER.readerFor(JsonNode.class)
            .without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private JsonChangeRecords() {
    }

    /**
     * Reads a record; an unreadable one is an IllegalArgumentException. One pass of a streaming parser: the
     * images are not decoded here but kept as the bytes they are in the record ({@link StoredJsonItem}).
     */
    static ChangeRecord decode(byte[] bytes) {
        Fields fields = new Fields();
        boolean record;
        try (JsonParser parser = Json.MAPPER.getFactory().createParser(bytes)) {
            parser.nextToken();
            record = readObject(parser, name -> {
                switch (name) {
                    case "eventName" -> fields.eventName = parser.getValueAsString("");
                    case "dynamodb" -> fields.sawDynamodb = readObject(parser, member -> readDynamodb(parser, member, bytes, fields));
                    case "dynamis" -> fields.sawDynamis = readObject(parser, member -> readDynamis(parser, member, fields));
                    case "userIdentity" -> fields.origin = byTimeToLive(parser)
                            ? ChangeRecord.Origin.TIME_TO_LIVE : ChangeRecord.Origin.USER;
                    default -> parser.skipChildren();
                }
            });
        } catch (IOException e) {
            throw new IllegalArgumentException("unreadable change record", e);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("unreadable change record: " + e.getMessage(), e);
        }
        if (!record || !fields.sawDynamodb || !fields.sawDynamis) {
            throw new IllegalArgumentException("not a Dynamis change record");
        }
        try {
            return new ChangeRecord(fields.tableName, fields.tableId, fields.shard, fields.sequence,
                    ChangeRecord.EventName.valueOf(fields.eventName), fields.commitTimeMillis,
                    AttributeValueCodec.decodeItem(fields.keys), fields.oldImage, fields.newImage, fields.sizeBytes,
                    fields.origin);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("unreadable change record: " + e.getMessage(), e);
        }
    }

    /** What {@link #decode} has read so far; absent members read as a tree's {@code path(...)} would. */
    private static final class Fields {
        String eventName = "";
        String tableName = "";
        String tableId = "";
        int shard;
        long sequence;
        long commitTimeMillis;
        long sizeBytes;
        JsonNode keys = com.fasterxml.jackson.databind.node.MissingNode.getInstance();
        Map<String, AttributeValue> oldImage;
        Map<String, AttributeValue> newImage;
        ChangeRecord.Origin origin = ChangeRecord.Origin.USER;
        boolean sawDynamodb;
        boolean sawDynamis;
    }

    /** Reads one member of an object, the parser on its value (which the reader consumes or skips). */
    @FunctionalInterface
    private interface MemberReader {
        void read(String name) throws IOException;
    }

    /**
     * Hands each member of the object the parser is on to {@code reader}; false (the value skipped) when the
     * parser is not on an object.
     */
    private static boolean readObject(JsonParser parser, MemberReader reader) throws IOException {
        if (parser.currentToken() != JsonToken.START_OBJECT) {
            parser.skipChildren();
            return false;
        }
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            parser.nextToken();
            reader.read(name);
        }
        return true;
    }

    /** Whether the user identity the parser is on is DynamoDB's own, deleting an expired item. */
    private static boolean byTimeToLive(JsonParser parser) throws IOException {
        if (parser.currentToken() != JsonToken.START_OBJECT) {
            parser.skipChildren();
            return false;
        }
        return ChangeRecordCodec.SERVICE_PRINCIPAL.equals(((JsonNode) VALUE.readTree(parser)).path("PrincipalId").asText());
    }

    private static void readDynamodb(JsonParser parser, String name, byte[] bytes, Fields fields) throws IOException {
        switch (name) {
            case "Keys" -> fields.keys = VALUE.readTree(parser);
            case "OldImage" -> fields.oldImage = image(parser, bytes);
            case "NewImage" -> fields.newImage = image(parser, bytes);
            case "SizeBytes" -> fields.sizeBytes = parser.getValueAsLong();
            default -> parser.skipChildren();
        }
    }

    private static void readDynamis(JsonParser parser, String name, Fields fields) throws IOException {
        switch (name) {
            case "tableName" -> fields.tableName = parser.getValueAsString("");
            case "tableId" -> fields.tableId = parser.getValueAsString("");
            case "shard" -> fields.shard = parser.getValueAsInt();
            case "sequence" -> fields.sequence = parser.getValueAsLong();
            case "commitTimeMillis" -> fields.commitTimeMillis = parser.getValueAsLong();
            default -> parser.skipChildren();
        }
    }

    /** An image as the bytes it is in the record (null for none): decoded only if a consumer reads it. */
    private static Map<String, AttributeValue> image(JsonParser parser, byte[] bytes) throws IOException {
        if (parser.currentToken() == JsonToken.VALUE_NULL) {
            return null;
        }
        if (parser.currentToken() != JsonToken.START_OBJECT) {
            throw new IllegalArgumentException("an image is not an object");
        }
        int from = (int) parser.currentTokenLocation().getByteOffset();
        parser.skipChildren();
        int to = (int) parser.currentTokenLocation().getByteOffset() + 1;
        return new StoredJsonItem(bytes, from, to);
    }

}
