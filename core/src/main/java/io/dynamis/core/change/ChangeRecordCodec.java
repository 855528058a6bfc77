package io.dynamis.core.change;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import io.dynamis.core.json.AttributeValueCodec;
import io.dynamis.core.json.Json;
import io.dynamis.core.json.RawJson;
import io.dynamis.core.model.AttributeValue;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * The change record's bytes: a DynamoDB Streams record in JSON, plus a {@code dynamis} section.
 *
 * <pre>{@code
 * {"eventID": "...", "eventName": "MODIFY", "eventVersion": "1.1", "eventSource": "aws:dynamodb",
 *  "dynamodb": {"ApproximateCreationDateTime": 1700000000, "Keys": {...}, "OldImage": {...},
 *               "NewImage": {...}, "SequenceNumber": "000000000000000000042", "SizeBytes": 57,
 *               "StreamViewType": "NEW_AND_OLD_IMAGES"},
 *  "userIdentity": {"Type": "Service", "PrincipalId": "dynamodb.amazonaws.com"},   (Time to Live only)
 *  "dynamis": {"tableName": "T", "tableId": "...", "shard": 0, "sequence": 42, "commitTimeMillis": 1700000000123}}
 * }</pre>
 *
 * <p>The log keeps both images whatever the table's StreamViewType; the Streams API trims them when it
 * serves a record. item-service writes images straight from the stored item's JSON, without decoding.
 */
public final class ChangeRecordCodec {

    public static final String STREAM_VIEW_TYPE = "NEW_AND_OLD_IMAGES";
    public static final String SERVICE_PRINCIPAL = "dynamodb.amazonaws.com";

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
        ByteArrayOutputStream out = new ByteArrayOutputStream(256
                + (oldImageJson == null ? 0 : oldImageJson.length) + (newImageJson == null ? 0 : newImageJson.length));
        try (JsonGenerator gen = Json.MAPPER.getFactory().createGenerator(out)) {
            gen.writeStartObject();
            gen.writeStringField("eventID", ChangeRecord.eventId(head.shard(), head.sequence()));
            gen.writeStringField("eventName", head.eventName().name());
            gen.writeStringField("eventVersion", "1.1");
            gen.writeStringField("eventSource", "aws:dynamodb");
            gen.writeObjectFieldStart("dynamodb");
            gen.writeNumberField("ApproximateCreationDateTime", head.commitTimeMillis() / 1000);
            gen.writeFieldName("Keys");
            gen.writeTree(AttributeValueCodec.encodeItem(keys));
            writeImage(gen, "OldImage", oldImageJson);
            writeImage(gen, "NewImage", newImageJson);
            gen.writeStringField("SequenceNumber", ChangeRecord.sequenceNumber(head.sequence()));
            gen.writeNumberField("SizeBytes", head.sizeBytes());
            gen.writeStringField("StreamViewType", STREAM_VIEW_TYPE);
            gen.writeEndObject();
            if (head.origin() == ChangeRecord.Origin.TIME_TO_LIVE) {
                gen.writeObjectFieldStart("userIdentity");
                gen.writeStringField("Type", "Service");
                gen.writeStringField("PrincipalId", SERVICE_PRINCIPAL);
                gen.writeEndObject();
            }
            gen.writeObjectFieldStart("dynamis");
            gen.writeStringField("tableName", head.tableName());
            gen.writeStringField("tableId", head.tableId());
            gen.writeNumberField("shard", head.shard());
            gen.writeNumberField("sequence", head.sequence());
            gen.writeNumberField("commitTimeMillis", head.commitTimeMillis());
            gen.writeEndObject();
            gen.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Reads a record; an unreadable one is an IllegalArgumentException. */
    public static ChangeRecord decode(byte[] bytes) {
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(bytes);
        } catch (IOException e) {
            throw new IllegalArgumentException("unreadable change record", e);
        }
        JsonNode dynamodb = root.path("dynamodb");
        JsonNode dynamis = root.path("dynamis");
        if (!dynamodb.isObject() || !dynamis.isObject()) {
            throw new IllegalArgumentException("not a Dynamis change record");
        }
        ChangeRecord.Origin origin = root.has("userIdentity")
                && SERVICE_PRINCIPAL.equals(root.path("userIdentity").path("PrincipalId").asText())
                ? ChangeRecord.Origin.TIME_TO_LIVE : ChangeRecord.Origin.USER;
        try {
            return new ChangeRecord(
                    dynamis.path("tableName").asText(),
                    dynamis.path("tableId").asText(),
                    dynamis.path("shard").asInt(),
                    dynamis.path("sequence").asLong(),
                    ChangeRecord.EventName.valueOf(root.path("eventName").asText()),
                    dynamis.path("commitTimeMillis").asLong(),
                    AttributeValueCodec.decodeItem(dynamodb.path("Keys")),
                    image(dynamodb, "OldImage"),
                    image(dynamodb, "NewImage"),
                    dynamodb.path("SizeBytes").asLong(),
                    origin);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("unreadable change record: " + e.getMessage(), e);
        }
    }

    private static Map<String, AttributeValue> image(JsonNode dynamodb, String name) {
        JsonNode node = dynamodb.get(name);
        return node == null || node.isNull() ? null : AttributeValueCodec.decodeItem(node);
    }

    private static void writeImage(JsonGenerator gen, String name, byte[] json) throws IOException {
        if (json != null) {
            gen.writeFieldName(name);
            gen.writeRawValue(RawJson.of(json, 0)); // the bytes as they are: no decoding into a String and back
        }
    }

    private static byte[] json(Map<String, AttributeValue> image) {
        return image == null ? null : Json.toBytes(AttributeValueCodec.encodeItem(image));
    }
}
