package io.dynamis.item.operations;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dynamis.core.capacity.CapacityGuard;
import io.dynamis.core.capacity.ConsumedCapacity;
import io.dynamis.core.error.ApiError;
import io.dynamis.core.item.DuplicateKeys;
import io.dynamis.core.expression.ItemExpressions;
import io.dynamis.core.expression.Projection;
import io.dynamis.core.item.BatchGetResponse;
import io.dynamis.core.json.AttributeValueCodec;
import io.dynamis.core.protocol.Operation;
import io.dynamis.core.protocol.RequestReader;
import io.dynamis.core.table.TableDefinition;
import io.dynamis.item.catalog.TableCatalog;
import io.dynamis.item.storage.ItemStore;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * BatchGetItem: up to 100 items by key over one or more tables, each table with its own projection
 * and read consistency. Like DynamoDB, a response stops growing at 16 MB: the keys not read by then
 * come back in {@code UnprocessedKeys}, for the caller to ask again. With capacity enforced, so do the keys
 * whose table has no read capacity left; when no key could be read, the answer is the throttling exception.
 */
@ApplicationScoped
public class BatchGetItem implements Operation {

    static final int MAX_KEYS = 100;

    private final TableCatalog catalog;
    private final ItemStore store;
    private final CapacityGuard capacity;

    public BatchGetItem(TableCatalog catalog, ItemStore store, CapacityGuard capacity) {
        this.catalog = catalog;
        this.store = store;
        this.capacity = capacity;
    }

    @Override
    public String name() {
        return "BatchGetItem";
    }

    private record TableReads(String tableName, ObjectNode keysAndAttributes, boolean consistent, List<ItemRead> reads) {
    }

    @Override
    public CompletionStage<ObjectNode> execute(ObjectNode json) {
        RequestReader request = new RequestReader(json);
        ObjectNode requestItems = BatchRequests.requestItems(request, name(), MAX_KEYS);
        String capacityMode = ConsumedCapacity.mode(request);
        request.validate();

        List<TableReads> tables = new ArrayList<>();
        int total = 0;
        var fields = requestItems.fields();
        while (fields.hasNext()) {
            var entry = fields.next();
            if (!entry.getValue().isObject()) {
                throw ApiError.serialization("Unexpected value type in payload");
            }
            ObjectNode keysAndAttributes = (ObjectNode) entry.getValue();
            RequestReader tableRequest = new RequestReader(keysAndAttributes);
            ArrayNode keys = tableRequest.list("Keys");
            if (keys == null) {
                tableRequest.requirePresent("Keys", "requestItems." + entry.getKey() + ".member.keys");
            } else if (keys.isEmpty() || keys.size() > MAX_KEYS) {
                tableRequest.violation("Value '" + keys + "' at 'requestItems." + entry.getKey() + ".member.keys' failed"
                        + " to satisfy constraint: Member must have length " + (keys.isEmpty()
                        ? "greater than or equal to 1" : "less than or equal to " + MAX_KEYS));
            }
            tableRequest.validate();
            total += keys.size();
            boolean consistent = Boolean.TRUE.equals(tableRequest.bool("ConsistentRead"));
            tables.add(new TableReads(entry.getKey(), keysAndAttributes, consistent, new ArrayList<>()));
        }
        if (total > MAX_KEYS) {
            throw ApiError.validation("Too many items requested for the BatchGetItem call");
        }
        rejectMixedProjections(tables);
        // the request is validated whole (projections, keys given twice) before any table is looked up
        List<Projection> projections = new ArrayList<>();
        List<List<JsonNode>> keysByTable = new ArrayList<>();
        for (TableReads tableReads : tables) {
            RequestReader tableRequest = new RequestReader(tableReads.keysAndAttributes());
            projections.add(ItemExpressions.projection(tableRequest));
            keysByTable.add(distinctKeys(tableRequest.list("Keys")));
        }
        Set<ByteBuffer> seen = new HashSet<>();
        for (int i = 0; i < tables.size(); i++) {
            TableReads tableReads = tables.get(i);
            TableDefinition table = catalog.requireForItems(tableReads.tableName());
            for (JsonNode key : keysByTable.get(i)) {
                ItemRead read = ItemRead.of(table, AttributeValueCodec.decodeItem(key), projections.get(i));
                if (!seen.add(read.identity())) {
                    throw DuplicateKeys.error();
                }
                tableReads.reads().add(read);
            }
        }
        return CompletableFuture.completedFuture(read(tables, capacityMode));
    }

    /**
     * One table's keys, each an object (a value of another type is a serialization error, found while the request
     * is read, before any rule); the same key written twice is DynamoDB's duplicates error, table or no table
     * ({@link DuplicateKeys}; keys equal only once decoded, such as {@code 1} and {@code 1.0}, are found when the
     * table's key schema is known).
     */
    private static List<JsonNode> distinctKeys(ArrayNode keys) {
        List<JsonNode> given = new ArrayList<>(keys.size());
        for (JsonNode key : keys) {
            if (!key.isObject()) {
                throw ApiError.serialization("Unexpected value type in payload");
            }
            given.add(key);
        }
        DuplicateKeys.reject(keys);
        return given;
    }

    /** Like DynamoDB, one request uses either ProjectionExpression or AttributesToGet, over all its tables. */
    private static void rejectMixedProjections(List<TableReads> tables) {
        boolean expression = tables.stream().anyMatch(t -> t.keysAndAttributes().hasNonNull("ProjectionExpression"));
        boolean legacy = tables.stream().anyMatch(t -> t.keysAndAttributes().hasNonNull("AttributesToGet"));
        if (expression && legacy) {
            throw ApiError.validation("Can not use both expression and non-expression parameters in the same request:"
                    + " Non-expression parameters: {AttributesToGet} Expression parameters: {ProjectionExpression}");
        }
    }

    private ObjectNode read(List<TableReads> tables, String capacityMode) {
        BatchGetResponse response = new BatchGetResponse();
        ApiError throttle = null;
        TableDefinition throttledTable = null;
        boolean anyRead = false;
        for (TableReads tableReads : tables) {
            response.table(tableReads.tableName(), tableReads.keysAndAttributes());
            for (ItemRead read : tableReads.reads()) {
                if (response.isFull()) {
                    response.unprocessed(AttributeValueCodec.encodeItem(read.key().toMap(read.table().keySchema())));
                    continue;
                }
                CapacityGuard.Ticket ticket;
                try {
                    ticket = capacity.admitRead(read.table(), null, read.partitionHash(),
                            ConsumedCapacity.readUnits(0, tableReads.consistent()), name(), true);
                } catch (ApiError throttled) {
                    if (throttle == null) {
                        throttle = throttled;
                        throttledTable = read.table();
                    }
                    response.unprocessed(AttributeValueCodec.encodeItem(read.key().toMap(read.table().keySchema())));
                    continue;
                }
                ItemRead.Result result = read.from(store::get);
                ticket.settle(ConsumedCapacity.readUnits(result.size(), tableReads.consistent()));
                response.read(result.item(), result.size(), tableReads.consistent());
                anyRead = true;
            }
        }
        if (throttle != null && !anyRead) {
            capacity.throttledRequest(throttledTable, true, name());
            throw throttle;
        }
        return response.build(capacityMode);
    }
}
