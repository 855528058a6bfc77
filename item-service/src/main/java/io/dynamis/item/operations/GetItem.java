package io.dynamis.item.operations;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dynamis.core.capacity.ConsumedCapacity;
import io.dynamis.core.error.ApiError;
import io.dynamis.core.json.AttributeValueCodec;
import io.dynamis.core.json.Json;
import io.dynamis.core.key.KeyCodec;
import io.dynamis.core.key.PrimaryKeys;
import io.dynamis.core.model.AttributeValue;
import io.dynamis.core.protocol.Operation;
import io.dynamis.core.protocol.RequestReader;
import io.dynamis.core.table.TableDefinition;
import io.dynamis.item.catalog.TableCatalog;
import io.dynamis.item.storage.ItemStore;
import io.dynamis.item.storage.StoredItem;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** GetItem: the item under a key, or an empty answer; {@code AttributesToGet} selects top-level attributes. */
@ApplicationScoped
public class GetItem implements Operation {

    private final TableCatalog catalog;
    private final ItemStore store;

    public GetItem(TableCatalog catalog, ItemStore store) {
        this.catalog = catalog;
        this.store = store;
    }

    @Override
    public String name() {
        return "GetItem";
    }

    @Override
    public CompletionStage<ObjectNode> execute(ObjectNode json) {
        RequestReader request = new RequestReader(json);
        String tableName = request.tableName();
        request.requirePresent("Key", "key");
        String capacityMode = ConsumedCapacity.mode(request);
        Set<String> attributesToGet = attributesToGet(request);
        request.validate();
        boolean consistent = Boolean.TRUE.equals(request.bool("ConsistentRead"));
        ItemRequests.rejectNotYetSupported(request, "ProjectionExpression", "ExpressionAttributeNames");

        TableDefinition table = catalog.requireForItems(tableName);
        PrimaryKeys.Key key = PrimaryKeys.ofKey(table.keySchema(), request.attributeMap("Key"));
        byte[] stored = store.get(KeyCodec.encode(table.storeId(), key.partition(), key.sort()));

        ObjectNode response = Json.object();
        if (stored != null) {
            Map<String, AttributeValue> item = StoredItem.decode(stored);
            if (attributesToGet != null) {
                Map<String, AttributeValue> projected = new LinkedHashMap<>();
                for (String name : attributesToGet) {
                    AttributeValue value = item.get(name);
                    if (value != null) {
                        projected.put(name, value);
                    }
                }
                item = projected;
            }
            response.set("Item", AttributeValueCodec.encodeItem(item));
        }
        ConsumedCapacity.report(response, capacityMode, tableName,
                ConsumedCapacity.readUnits(StoredItem.size(stored), consistent));
        return CompletableFuture.completedFuture(response);
    }

    private static Set<String> attributesToGet(RequestReader request) {
        ArrayNode names = request.list("AttributesToGet");
        if (names == null) {
            return null;
        }
        if (names.isEmpty()) {
            request.violation("Value '[]' at 'attributesToGet' failed to satisfy constraint:"
                    + " Member must have length greater than or equal to 1");
        }
        Set<String> set = new LinkedHashSet<>();
        for (JsonNode name : names) {
            if (!name.isTextual()) {
                throw ApiError.serialization("Unexpected value type in payload");
            }
            if (!set.add(name.textValue())) {
                throw ApiError.validation("One or more parameter values were invalid: Duplicate value in attribute name: "
                        + name.textValue());
            }
        }
        return set;
    }
}
