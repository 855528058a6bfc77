package io.dynamis.core.item;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dynamis.core.capacity.ConsumedCapacity;
import io.dynamis.core.json.AttributeValueCodec;
import io.dynamis.core.json.Json;
import io.dynamis.core.model.AttributeValue;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The answer of a BatchGetItem, built table by table and key by key with DynamoDB's rules: the items
 * found under {@code Responses}, once the items returned reach 16 MB every further key under
 * {@code UnprocessedKeys} (with its table's other request parameters), and the consumed capacity per
 * table. Whoever answers a BatchGetItem (item-service from its store, cache-service from its cache)
 * builds the answer here.
 */
public final class BatchGetResponse {

    /** The data one answer may return: DynamoDB's 16 MB. */
    public static final long MAX_BYTES = 16L * 1024 * 1024;

    private final ObjectNode response = Json.object();
    private final ObjectNode responses = response.putObject("Responses");
    private final ObjectNode unprocessed = Json.object();
    private final Map<String, Double> units = new LinkedHashMap<>();
    private long bytes;
    private String table;
    private ObjectNode keysAndAttributes;
    private ArrayNode items;
    private ArrayNode notRead;

    /** The keys that follow are of this table, asked for with these parameters (Keys aside). */
    public void table(String tableName, ObjectNode tableKeysAndAttributes) {
        table = tableName;
        keysAndAttributes = tableKeysAndAttributes;
        items = responses.putArray(tableName);
        notRead = null;
        units.put(tableName, 0.0);
    }

    /** True once the items returned reach 16 MB: every further key goes unprocessed. */
    public boolean isFull() {
        return bytes >= MAX_BYTES;
    }

    /** A key of the current table left for the caller to ask again. */
    public void unprocessed(JsonNode key) {
        if (notRead == null) {
            ObjectNode rest = keysAndAttributes.deepCopy();
            notRead = rest.putArray("Keys");
            unprocessed.set(table, rest);
        }
        notRead.add(key);
    }

    /**
     * A key of the current table read: {@code returned} is the item as returned (projected), null when
     * there is none; {@code size} the whole item's size (0 for none), which is what the read costs.
     */
    public void read(Map<String, AttributeValue> returned, long size, boolean consistent) {
        units.merge(table, ConsumedCapacity.readUnits(size, consistent), Double::sum);
        if (returned != null) {
            items.add(AttributeValueCodec.encodeItem(returned));
            bytes += size;
        }
    }

    /** The answer, with ConsumedCapacity per table when the mode asks for it. */
    public ObjectNode build(String capacityMode) {
        response.set("UnprocessedKeys", unprocessed);
        ConsumedCapacity.reportEach(response, capacityMode, units);
        return response;
    }
}
