package io.dynamis.core.cache;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dynamis.core.capacity.ConsumedCapacity;
import io.dynamis.core.expression.Projection;
import io.dynamis.core.item.ItemSize;
import io.dynamis.core.json.AttributeValueCodec;
import io.dynamis.core.json.Json;
import io.dynamis.core.model.AttributeValue;
import io.dynamis.core.protocol.GetItemRequest;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * GetItem's answer from the item cache, as item-service would give it: the whole cached item projected
 * (or no {@code Item} when there is no such item), charged as an eventually consistent read of the
 * whole item. The one writer of that answer for cache-service and the gateway.
 */
public final class CachedGetItem {

    private static final byte[] ITEM_OPEN = "{\"Item\":".getBytes(StandardCharsets.UTF_8);
    private static final byte[] EMPTY = "{}".getBytes(StandardCharsets.UTF_8);

    private CachedGetItem() {
    }

    /** The answer for the whole item (null: none). */
    public static ObjectNode answer(String table, Map<String, AttributeValue> item, Projection projection, String capacityMode) {
        ObjectNode response = Json.object();
        if (item != null) {
            response.set("Item", AttributeValueCodec.encodeItem(projection == null ? item : projection.apply(item)));
        }
        ConsumedCapacity.report(response, capacityMode, table,
                ConsumedCapacity.readUnits(item == null ? 0 : ItemSize.of(item), false));
        return response;
    }

    /**
     * The answer's bytes from an answering entry ({@link ItemEntry#answers}): spliced from the entry's
     * JSON when the request asks for the whole item and no capacity, decoded and written otherwise.
     */
    public static byte[] answerBytes(GetItemRequest request, byte[] entry) {
        if (request.projection() == null && ConsumedCapacity.NONE.equals(request.capacityMode())) {
            if (ItemEntry.isNegative(entry)) {
                return EMPTY.clone();
            }
            int json = entry.length - ItemEntry.JSON_OFFSET;
            byte[] answer = new byte[ITEM_OPEN.length + json + 1];
            System.arraycopy(ITEM_OPEN, 0, answer, 0, ITEM_OPEN.length);
            System.arraycopy(entry, ItemEntry.JSON_OFFSET, answer, ITEM_OPEN.length, json);
            answer[answer.length - 1] = '}';
            return answer;
        }
        return Json.toBytes(answer(request.tableName(), ItemEntry.item(entry), request.projection(), request.capacityMode()));
    }
}
