package io.dynamis.item.operations;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dynamis.core.capacity.ConsumedCapacity;
import io.dynamis.core.error.ApiError;
import io.dynamis.core.item.ItemSize;
import io.dynamis.core.key.KeyCodec;
import io.dynamis.core.key.PrimaryKeys;
import io.dynamis.core.model.AttributeValue;
import io.dynamis.core.protocol.Operation;
import io.dynamis.core.protocol.RequestReader;
import io.dynamis.core.table.TableDefinition;
import io.dynamis.item.catalog.TableCatalog;
import io.dynamis.item.storage.StoreWriter;
import io.dynamis.item.storage.StoredItem;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/** PutItem: replaces the whole item under its key; acknowledged once durable. */
@ApplicationScoped
public class PutItem implements Operation {

    private final TableCatalog catalog;
    private final StoreWriter writer;

    public PutItem(TableCatalog catalog, StoreWriter writer) {
        this.catalog = catalog;
        this.writer = writer;
    }

    @Override
    public String name() {
        return "PutItem";
    }

    @Override
    public CompletionStage<ObjectNode> execute(ObjectNode json) {
        RequestReader request = new RequestReader(json);
        String tableName = request.tableName();
        request.requirePresent("Item", "item");
        String capacityMode = ConsumedCapacity.mode(request);
        String returnValues = ItemRequests.returnValuesNoneOrAllOld(request);
        ItemRequests.rejectNotYetSupported(request, "ConditionExpression", "Expected", "ConditionalOperator",
                "ExpressionAttributeNames", "ExpressionAttributeValues");
        Map<String, AttributeValue> item = request.attributeMap("Item");

        TableDefinition table = catalog.requireForItems(tableName);
        PrimaryKeys.Key key = PrimaryKeys.ofItem(table.keySchema(), item);
        long size = ItemSize.of(item);
        if (size > ItemSize.MAX_ITEM_BYTES) {
            throw ApiError.validation("Item size has exceeded the maximum allowed size");
        }
        byte[] storageKey = KeyCodec.encode(table.storeId(), key.partition(), key.sort());
        byte[] stored = StoredItem.encode(item);

        return writer.submit(writes -> {
            catalog.requireSame(table);
            return writes.putItem(table, key, storageKey, stored);
        }).thenApply(old -> ItemRequests.oldItemResponse(old, returnValues, capacityMode, tableName,
                ConsumedCapacity.writeUnits(Math.max(size, StoredItem.size(old)))));
    }
}
