package io.dynamis.item.operations;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dynamis.core.capacity.CapacityGuard;
import io.dynamis.core.capacity.ConsumedCapacity;
import io.dynamis.core.json.Json;
import io.dynamis.core.protocol.GetItemRequest;
import io.dynamis.core.protocol.Operation;
import io.dynamis.core.table.TableDefinition;
import io.dynamis.item.catalog.TableCatalog;
import io.dynamis.item.storage.ItemStore;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** GetItem: the item under a key (projected when asked), or an empty answer. */
@ApplicationScoped
public class GetItem implements Operation {

    private final TableCatalog catalog;
    private final ItemStore store;

    private final CapacityGuard capacity;

    public GetItem(TableCatalog catalog, ItemStore store, CapacityGuard capacity) {
        this.catalog = catalog;
        this.store = store;
        this.capacity = capacity;
    }

    @Override
    public String name() {
        return "GetItem";
    }

    /** A read of one key from the mapped store: it never waits, so it runs on the event loop (no thread hand-off). */
    @Override
    public boolean blocking() {
        return false;
    }

    @Override
    public CompletionStage<ObjectNode> execute(ObjectNode json) {
        GetItemRequest request = GetItemRequest.parse(json);
        TableDefinition table = catalog.requireForItems(request.tableName());
        ItemRead read = ItemRead.of(table, request.key(), request.projection());
        CapacityGuard.Ticket ticket = capacity.admitRead(table, null, read.partitionHash(),
                ConsumedCapacity.readUnits(0, request.consistent()), name());
        ItemRead.Result result = read.from(store::get);
        double units = ConsumedCapacity.readUnits(result.size(), request.consistent());
        ticket.settle(units);

        ObjectNode response = Json.object();
        result.addTo(response);
        ConsumedCapacity.report(response, request.capacityMode(), request.tableName(), units);
        return CompletableFuture.completedFuture(response);
    }
}
