package io.dynamis.item.operations;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dynamis.core.capacity.ConsumedCapacity;
import io.dynamis.core.key.KeyCodec;
import io.dynamis.core.key.PrimaryKeys;
import io.dynamis.core.protocol.Operation;
import io.dynamis.core.protocol.RequestReader;
import io.dynamis.core.table.TableDefinition;
import io.dynamis.item.catalog.TableCatalog;
import io.dynamis.item.storage.StoreWriter;
import io.dynamis.item.storage.StoredItem;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletionStage;

/** DeleteItem: removes the item under a key (deleting a missing item succeeds); acknowledged once durable. */
@ApplicationScoped
public class DeleteItem implements Operation {

    private final TableCatalog catalog;
    private final StoreWriter writer;

    public DeleteItem(TableCatalog catalog, StoreWriter writer) {
        this.catalog = catalog;
        this.writer = writer;
    }

    @Override
    public String name() {
        return "DeleteItem";
    }

    @Override
    public CompletionStage<ObjectNode> execute(ObjectNode json) {
        RequestReader request = new RequestReader(json);
        String tableName = request.tableName();
        request.requirePresent("Key", "key");
        String capacityMode = ConsumedCapacity.mode(request);
        String returnValues = ItemRequests.returnValuesNoneOrAllOld(request);
        ItemRequests.rejectNotYetSupported(request, "ConditionExpression", "Expected", "ConditionalOperator",
                "ExpressionAttributeNames", "ExpressionAttributeValues");

        TableDefinition table = catalog.requireForItems(tableName);
        PrimaryKeys.Key key = PrimaryKeys.ofKey(table.keySchema(), request.attributeMap("Key"));
        byte[] storageKey = KeyCodec.encode(table.storeId(), key.partition(), key.sort());

        return writer.submit(writes -> {
            catalog.requireSame(table);
            return writes.removeItem(table, key, storageKey);
        }).thenApply(old -> ItemRequests.oldItemResponse(old, returnValues, capacityMode, tableName,
                ConsumedCapacity.writeUnits(StoredItem.size(old))));
    }
}
