package io.dynamis.item.operations;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dynamis.core.capacity.CapacityGuard;
import io.dynamis.core.capacity.ConsumedCapacity;
import io.dynamis.core.error.ApiError;
import io.dynamis.core.expression.ItemExpressions;
import io.dynamis.core.json.Json;
import io.dynamis.core.protocol.Operation;
import io.dynamis.core.protocol.RequestReader;
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
 * TransactGetItems: up to 100 items read as of one instant. The reads run as one mutation of the
 * single writer, between two writes, so no write can be half seen; the answer is released with the
 * commit of the writes before it, so it never shows a write that is not durable yet.
 */
@ApplicationScoped
public class TransactGetItems implements Operation {

    private final TableCatalog catalog;
    private final StoreWriter writer;
    private final CapacityGuard capacity;

    public TransactGetItems(TableCatalog catalog, StoreWriter writer, CapacityGuard capacity) {
        this.catalog = catalog;
        this.writer = writer;
        this.capacity = capacity;
    }

    @Override
    public String name() {
        return "TransactGetItems";
    }

    @Override
    public CompletionStage<ObjectNode> execute(ObjectNode json) {
        return execute(json, null);
    }

    /**
     * Reads the items at one instant of this shard; with {@code holdFor} (a cross-shard transaction's id,
     * see {@link TransactRead}) also holds them, so that no write changes them until the router has read
     * every shard's part and releases them. An item held by another transaction cancels the read with
     * TransactionConflict, as DynamoDB does.
     */
    CompletionStage<ObjectNode> execute(ObjectNode json, String holdFor) {
        RequestReader request = new RequestReader(json);
        ArrayNode items = TransactRequests.transactItems(request, TransactWriteItems.MAX_ACTIONS);
        String capacityMode = ConsumedCapacity.mode(request);
        request.validate();

        List<ItemRead> reads = new ArrayList<>();
        Set<ByteBuffer> seen = new HashSet<>();
        ArrayNode reasons = Json.MAPPER.createArrayNode();
        boolean invalidKey = false;
        for (int i = 0; i < items.size(); i++) {
            ObjectNode reason = reasons.addObject();
            ItemRead read;
            try {
                read = read(items.get(i), i + 1);
            } catch (InvalidKey e) {
                // a key that does not match the schema cancels the transaction, as DynamoDB does
                invalidKey = true;
                reason.put("Code", "ValidationError");
                reason.put("Message", e.error().getMessage());
                continue;
            }
            reason.put("Code", "None");
            if (!seen.add(read.identity())) {
                throw ApiError.validation("Transaction request cannot include multiple operations on one item");
            }
            reads.add(read);
        }
        if (invalidKey) {
            throw ApiError.transactionCanceled(reasons);
        }

        CapacityGuard.Ticket[] tickets = new CapacityGuard.Ticket[reads.size()];
        try {
            for (int i = 0; i < tickets.length; i++) {
                ItemRead read = reads.get(i);
                tickets[i] = capacity.admitRead(read.table(), null, read.partitionHash(), 2, name());
            }
        } catch (ApiError throttled) {
            CapacityGuard.Ticket.cancelAll(tickets);
            throw throttled;
        }
        return CapacityGuard.Ticket.onFailure(writer.submit(writes -> {
            long now = System.currentTimeMillis();
            boolean conflict = false;
            for (int i = 0; i < reads.size(); i++) {
                if (writes.holds().writeHolder(reads.get(i).storageKey()) != null) {
                    conflict = true;
                    ((ObjectNode) reasons.get(i)).put("Code", "TransactionConflict")
                            .put("Message", io.dynamis.item.storage.KeyHolds.CONFLICT_MESSAGE);
                }
            }
            if (conflict) {
                throw ApiError.transactionCanceled(reasons);
            }
            if (holdFor != null) {
                writes.holds().hold(holdFor, reads.stream().map(ItemRead::storageKey).toList(),
                        now + io.dynamis.item.storage.KeyHolds.READ_HOLD_MILLIS);
            }
            List<ItemRead.Result> results = new ArrayList<>();
            for (ItemRead read : reads) {
                catalog.requireSame(read.table());
                results.add(read.from(writes::currentItem));
            }
            return results;
        }).thenApply(results -> {
            ObjectNode response = Json.object();
            ArrayNode responses = response.putArray("Responses");
            Map<String, Double> units = new LinkedHashMap<>();
            for (int i = 0; i < results.size(); i++) {
                ItemRead.Result result = results.get(i);
                result.addTo(responses.addObject());
                double readUnits = 2 * ConsumedCapacity.readUnits(result.size(), true);
                tickets[i].settle(readUnits);
                units.merge(reads.get(i).table().name(), readUnits, Double::sum);
            }
            ConsumedCapacity.reportEach(response, capacityMode, units);
            return response;
        }), tickets);
    }

    private ItemRead read(JsonNode element, int position) {
        if (!element.isObject()) {
            throw ApiError.serialization("Unexpected value type in payload");
        }
        RequestReader item = new RequestReader((ObjectNode) element);
        String path = "transactItems." + position + ".member.get";
        item.requirePresent("Get", path);
        item.validate();
        RequestReader get = new RequestReader(item.object("Get"));
        String tableName = get.tableName("TableName", path + ".tableName");
        get.requirePresent("Key", path + ".key");
        get.validate();
        var projection = ItemExpressions.projection(get);
        var table = catalog.requireForItems(tableName);
        var key = get.attributeMap("Key");
        try {
            return ItemRead.of(table, key, projection);
        } catch (ApiError e) {
            if (e.code() != io.dynamis.core.error.ErrorCode.VALIDATION) {
                throw e;
            }
            throw new InvalidKey(e);
        }
    }

    /** A Get whose key does not fit its table's schema: the transaction's cancellation reason. */
    private static final class InvalidKey extends RuntimeException {
        private final ApiError error;

        InvalidKey(ApiError error) {
            super(null, null, false, false);
            this.error = error;
        }

        ApiError error() {
            return error;
        }
    }
}
