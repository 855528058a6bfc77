package io.dynamis.item.operations;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dynamis.core.capacity.CapacityGuard;
import io.dynamis.core.capacity.ConsumedCapacity;
import io.dynamis.core.error.ApiError;
import io.dynamis.core.json.Json;
import io.dynamis.core.protocol.Operation;
import io.dynamis.core.protocol.RequestReader;
import io.dynamis.core.table.TableDefinition;
import io.dynamis.item.catalog.TableCatalog;
import io.dynamis.item.storage.StoreWriter;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;

/**
 * BatchWriteItem: up to 25 puts and deletes over one or more tables. The whole request is validated
 * first (a bad item or an unknown table rejects it all, as DynamoDB does); the writes are then applied
 * in one commit. With capacity enforced, a write its table (or one of the table's global indexes) has no
 * capacity for is left out and comes back in {@code UnprocessedItems}, as DynamoDB does; when no write of
 * the request has capacity, the answer is the throttling exception itself.
 */
@ApplicationScoped
public class BatchWriteItem implements Operation {

    static final int MAX_WRITES = 25;

    private final TableCatalog catalog;
    private final StoreWriter writer;
    private final CapacityGuard capacity;

    public BatchWriteItem(TableCatalog catalog, StoreWriter writer, CapacityGuard capacity) {
        this.catalog = catalog;
        this.writer = writer;
        this.capacity = capacity;
    }

    @Override
    public String name() {
        return "BatchWriteItem";
    }

    @Override
    public CompletionStage<ObjectNode> execute(ObjectNode json) {
        RequestReader request = new RequestReader(json);
        ObjectNode requestItems = BatchRequests.requestItems(request, name(), MAX_WRITES);
        String capacityMode = ConsumedCapacity.mode(request);
        boolean collectionMetrics = !ItemRequests.NONE.equals(ItemRequests.itemCollectionMetrics(request));
        request.validate();
        int total = 0;
        for (JsonNode writes : requestItems) {
            total += BatchRequests.array(writes).size();
        }
        if (total > MAX_WRITES) {
            throw ApiError.validation("Too many items requested for the BatchWriteItem call");
        }

        List<ItemWrite> writes = new ArrayList<>();
        List<JsonNode> elements = new ArrayList<>();
        Set<ByteBuffer> keys = new HashSet<>();
        var tables = requestItems.fields();
        while (tables.hasNext()) {
            var entry = tables.next();
            TableDefinition table = catalog.requireForItems(entry.getKey());
            for (JsonNode element : BatchRequests.array(entry.getValue())) {
                ItemWrite write = writeRequest(table, element);
                if (!keys.add(write.identity())) {
                    throw ApiError.validation("Provided list of item keys contains duplicates");
                }
                writes.add(write);
                elements.add(element);
            }
        }
        ObjectNode unprocessed = Json.object();
        List<CapacityGuard.Ticket> tickets = admit(writes, elements, unprocessed);

        List<ItemCollectionMetrics.Measured> collections = new ArrayList<>(); // filled on the writer thread
        return CapacityGuard.Ticket.onFailure(writer.submit(store -> {
            Map<String, Double> units = new LinkedHashMap<>();
            for (ItemWrite write : writes) {
                write.requireNotHeld(store); // before any is stored: the batch fails whole, never in part
            }
            for (int i = 0; i < writes.size(); i++) {
                ItemWrite write = writes.get(i);
                catalog.requireSame(write.table());
                ItemWrite.Outcome outcome = write.apply(store);
                double writeUnits = ConsumedCapacity.writeUnits(outcome.chargedBytes());
                tickets.get(i).settle(writeUnits, index -> outcome.indexUnits(write.table().index(index), 1));
                units.merge(write.table().name(), writeUnits, Double::sum);
            }
            if (collectionMetrics) {
                collections.addAll(ItemCollectionMetrics.measure(writes, store));
            }
            return units;
        }).thenApply(units -> {
            ObjectNode response = Json.object();
            response.set("UnprocessedItems", unprocessed);
            ObjectNode metrics = ItemCollectionMetrics.perTable(collections);
            if (metrics != null) {
                response.set("ItemCollectionMetrics", metrics);
            }
            ConsumedCapacity.reportEach(response, capacityMode, units);
            return response;
        }), tickets.toArray(new CapacityGuard.Ticket[0]));
    }

    /**
     * Admits each write (keeping, in request order, those admitted in {@code writes}, with their tickets);
     * the others go to {@code unprocessed} under their table. Throws when none is admitted.
     */
    private List<CapacityGuard.Ticket> admit(List<ItemWrite> writes, List<JsonNode> elements, ObjectNode unprocessed) {
        List<CapacityGuard.Ticket> tickets = new ArrayList<>(writes.size());
        if (!capacity.enforcing()) {
            writes.forEach(write -> tickets.add(CapacityGuard.Ticket.NONE));
            return tickets;
        }
        ApiError firstThrottle = null;
        TableDefinition firstThrottled = null;
        for (int i = 0; i < writes.size(); i++) {
            ItemWrite write = writes.get(i);
            try {
                tickets.add(capacity.admitWrite(write.table(), write.partitionHash(), 1, name(), true));
            } catch (ApiError throttled) {
                if (firstThrottle == null) {
                    firstThrottle = throttled;
                    firstThrottled = write.table();
                }
                tickets.add(null);
                com.fasterxml.jackson.databind.node.ArrayNode list = (com.fasterxml.jackson.databind.node.ArrayNode)
                        unprocessed.get(write.table().name());
                (list == null ? unprocessed.putArray(write.table().name()) : list).add(elements.get(i));
            }
        }
        if (firstThrottle != null && !unprocessed.isEmpty() && tickets.stream().allMatch(t -> t == null)) {
            capacity.throttledRequest(firstThrottled, false, name());
            throw firstThrottle;
        }
        for (int i = writes.size() - 1; i >= 0; i--) {
            if (tickets.get(i) == null) {
                writes.remove(i);
                tickets.remove(i);
            }
        }
        return tickets;
    }

    private static ItemWrite writeRequest(TableDefinition table, JsonNode element) {
        if (!element.isObject()) {
            throw ApiError.serialization("Unexpected value type in payload");
        }
        RequestReader request = new RequestReader((ObjectNode) element);
        ObjectNode put = request.object("PutRequest");
        ObjectNode delete = request.object("DeleteRequest");
        if ((put == null) == (delete == null)) {
            throw ApiError.validation("Supplied AttributeValue has more than one datatypes set, must contain"
                    + " exactly one of the supported datatypes");
        }
        if (put != null) {
            RequestReader putRequest = new RequestReader(put);
            putRequest.requirePresent("Item", "requestItems.member.putRequest.item");
            putRequest.validate();
            return ItemWrite.put(table, putRequest.attributeMap("Item"), null);
        }
        RequestReader deleteRequest = new RequestReader(delete);
        deleteRequest.requirePresent("Key", "requestItems.member.deleteRequest.key");
        deleteRequest.validate();
        return ItemWrite.delete(table, deleteRequest.attributeMap("Key"), null);
    }
}
