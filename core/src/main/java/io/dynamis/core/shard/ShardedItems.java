package io.dynamis.core.shard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dynamis.core.error.ApiError;
import io.dynamis.core.item.DuplicateKeys;
import io.dynamis.core.error.ErrorCode;
import io.dynamis.core.json.AttributeValueCodec;
import io.dynamis.core.json.Json;
import io.dynamis.core.roles.ServiceChannel;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/**
 * item-service as a whole, over its shards: each operation sent where its items are, and answers of
 * several shards merged into one as DynamoDB gives it (see {@link ShardRouter}). A request whose shard
 * cannot be told (no such table, a key attribute missing, too many items in a batch) goes to shard 0 whole,
 * which answers DynamoDB's error for it.
 */
final class ShardedItems implements ServiceChannel {

    private static final int MAX_BATCH_GET_KEYS = 100;
    private static final int MAX_BATCH_WRITES = 25;
    private static final int MAX_TRANSACTION_ACTIONS = 100;

    private final ShardRouter router;
    private final ShardedTransactions transactions;

    ShardedItems(ShardRouter router) {
        this.router = router;
        this.transactions = new ShardedTransactions(router);
    }

    /** Operations on one item, sent to the shard of its partition key. */
    static boolean isKeyed(String operation) {
        return switch (operation) {
            case "PutItem", "GetItem", "UpdateItem", "DeleteItem" -> true;
            default -> false;
        };
    }

    /** Operations whose items may lie on several shards. */
    static boolean isSplit(String operation) {
        return switch (operation) {
            case "BatchGetItem", "BatchWriteItem", "TransactWriteItems", "TransactGetItems", "DescribeTable",
                    "DynamisLoadItems", ShardRouter.READ_ITEMS -> true;
            default -> false;
        };
    }

    @Override
    public CompletionStage<ObjectNode> call(String operation, ObjectNode request) {
        if (router.shardCount() == 1) {
            return router.shard(0).call(operation, request);
        }
        if (isKeyed(operation)) {
            return shardOfKeyed(operation, request)
                    .thenCompose(shard -> router.shard(shard).call(operation, request))
                    .whenComplete((answer, failure) -> answered(request, failure == null ? 200 : 400));
        }
        return switch (operation) {
            case "BatchGetItem" -> batchGet(request);
            case "BatchWriteItem" -> batchWrite(request);
            case "TransactWriteItems" -> transaction(operation, request, "TransactItems");
            case "TransactGetItems" -> transaction(operation, request, "TransactItems");
            case "DescribeTable" -> describeTable(request);
            case "DynamisLoadItems" -> loadItems(request);
            case ShardRouter.READ_ITEMS -> router.reads().read(request);
            default -> router.shard(0).call(operation, request);
        };
    }

    /** After an answer of a keyed operation: an error forgets the table's routing entry. */
    void answered(ObjectNode request, int status) {
        if (status != 200) {
            router.tables().forget(request.path("TableName").asText(null));
        }
    }

    /** The shard of a single-item request: of its {@code Item} (PutItem) or {@code Key}; 0 when it cannot be told. */
    CompletionStage<Integer> shardOfKeyed(String operation, ObjectNode request) {
        return shardOf(request.path("TableName").asText(null), request.get("PutItem".equals(operation) ? "Item" : "Key"));
    }

    /** The shard holding the item whose key (or whole item) is {@code key} in the table; 0 when it cannot be told. */
    private CompletionStage<Integer> shardOf(String table, JsonNode key) {
        if (table == null || key == null || !key.isObject()) {
            return CompletableFuture.completedFuture(0);
        }
        return router.tables().partitionKey(table).handle((attribute, failure) -> {
            if (failure != null) {
                return 0;
            }
            return shardOfValue(key.get(attribute));
        });
    }

    private int shardOfValue(JsonNode value) {
        if (value == null) {
            return 0;
        }
        try {
            return router.slots().shardOf(AttributeValueCodec.decode(value));
        } catch (RuntimeException invalid) {
            return 0; // not a key value: the shard answers the validation error
        }
    }

    /** The partition key attribute of every table named, or null when one of them cannot be resolved. */
    private CompletionStage<Map<String, String>> partitionKeys(Iterable<String> tables) {
        Map<String, String> keys = new TreeMap<>();
        CompletableFuture<Void> all = CompletableFuture.completedFuture(null);
        for (String table : tables) {
            all = all.thenCombine(router.tables().partitionKey(table), (ignored, attribute) -> {
                keys.put(table, attribute);
                return null;
            });
        }
        return all.handle((ignored, failure) -> failure == null ? keys : null);
    }

    // ---- BatchGetItem and BatchWriteItem ----

    /** BatchGetItem split by shard: Responses and UnprocessedKeys merged, an unreachable shard's keys unprocessed. */
    private CompletionStage<ObjectNode> batchGet(ObjectNode request) {
        JsonNode requestItems = request.get("RequestItems");
        if (requestItems != null && requestItems.isObject()) {
            try {
                for (JsonNode table : requestItems) { // answered before any table is looked up, as DynamoDB does
                    DuplicateKeys.reject(table.path("Keys"));
                }
            } catch (ApiError e) {
                return CompletableFuture.failedFuture(e);
            }
        }
        return split("BatchGetItem", request, MAX_BATCH_GET_KEYS, table -> table.path("Keys"), key -> key,
                (part, table, spec, key) -> {
                    ObjectNode mine = (ObjectNode) part.get(table);
                    if (mine == null) {
                        mine = ((ObjectNode) spec).deepCopy();
                        mine.putArray("Keys");
                        part.set(table, mine);
                    }
                    mine.withArray("Keys").add(key);
                }, ShardedItems::unprocessedKeys);
    }

    /** BatchWriteItem split by shard: UnprocessedItems merged, an unreachable shard's writes unprocessed. */
    private CompletionStage<ObjectNode> batchWrite(ObjectNode request) {
        return split("BatchWriteItem", request, MAX_BATCH_WRITES, Function.identity(), write -> {
            JsonNode item = write.path("PutRequest").get("Item");
            return item != null ? item : write.path("DeleteRequest").get("Key");
        }, (part, table, writes, write) -> part.withArray(table).add(write), ShardedItems::unprocessedItems);
    }

    /**
     * The request with only the tables whose key schema the router could not resolve (none found: all of
     * them): shard 0 answers their error (ResourceNotFoundException) without meeting another table's keys,
     * which may belong to another shard.
     */
    private ObjectNode unknownTablesOnly(ObjectNode request, JsonNode requestItems) {
        ObjectNode unknown = io.dynamis.core.json.Json.object();
        requestItems.fields().forEachRemaining(table -> {
            if (!router.tables().isKnown(table.getKey())) {
                unknown.set(table.getKey(), table.getValue());
            }
        });
        if (unknown.isEmpty()) {
            return request;
        }
        ObjectNode narrowed = request.deepCopy();
        narrowed.set("RequestItems", unknown);
        return narrowed;
    }

    /** Adds one element (a key, a write) of a table's entry in RequestItems to a shard's part of it. */
    private interface PartAdder {
        void add(ObjectNode partRequestItems, String table, JsonNode tableEntry, JsonNode element);
    }

    /**
     * A batch split by shard: each table's elements ({@code elements} of its RequestItems entry: keys or
     * writes) go to the shard of their key ({@code keyOf}: the key or item holding the partition key), and
     * the parts are sent at once and merged ({@link #splitAndMerge}). A request over {@code maxElements},
     * malformed, or naming a table the catalog does not know goes whole to shard 0, which answers its error.
     */
    private CompletionStage<ObjectNode> split(String operation, ObjectNode request, int maxElements,
            Function<JsonNode, JsonNode> elements, Function<JsonNode, JsonNode> keyOf, PartAdder adder, Unprocessed unprocessed) {
        JsonNode requestItems = request.get("RequestItems");
        if (requestItems == null || !requestItems.isObject() || count(requestItems, elements) > maxElements) {
            return router.shard(0).call(operation, request);
        }
        return partitionKeys(requestItems::fieldNames).thenCompose(keys -> {
            if (keys == null) {
                return router.shard(0).call(operation, unknownTablesOnly(request, requestItems));
            }
            Map<Integer, ObjectNode> parts = new TreeMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> tables = requestItems.fields(); tables.hasNext(); ) {
                Map.Entry<String, JsonNode> table = tables.next();
                if (!elements.apply(table.getValue()).isArray()) {
                    return router.shard(0).call(operation, request);
                }
                for (JsonNode element : elements.apply(table.getValue())) {
                    JsonNode key = keyOf.apply(element);
                    int shard = key != null && key.isObject() ? shardOfValue(key.get(keys.get(table.getKey()))) : 0;
                    ObjectNode part = parts.computeIfAbsent(shard, s -> withoutRequestItems(request));
                    adder.add((ObjectNode) part.get("RequestItems"), table.getKey(), table.getValue(), element);
                }
            }
            return splitAndMerge(operation, request, parts, unprocessed);
        });
    }

    private static int count(JsonNode requestItems, Function<JsonNode, JsonNode> elements) {
        int count = 0;
        for (JsonNode table : requestItems) {
            count += elements.apply(table).size();
        }
        return count;
    }

    private static ObjectNode withoutRequestItems(ObjectNode request) {
        ObjectNode part = Json.object();
        request.fields().forEachRemaining(field -> {
            if (!"RequestItems".equals(field.getKey())) {
                part.set(field.getKey(), field.getValue());
            }
        });
        part.putObject("RequestItems");
        return part;
    }

    /** How the part of an unreachable shard is added to the merged answer as unprocessed. */
    private interface Unprocessed {
        void add(ObjectNode merged, ObjectNode part);
    }

    /**
     * Sends each shard its part, all at once, and merges the answers in shard order: arrays under the
     * same table appended (Responses, UnprocessedKeys' Keys, UnprocessedItems, ItemCollectionMetrics) and
     * ConsumedCapacity added up per table. A shard that cannot be reached has its part answered as
     * unprocessed (the client retries it, as after throttling); any other error of a shard is the answer
     * (the shards that succeeded have applied their part: see docs/architecture.md). With every shard
     * unreachable, the answer is their ServiceUnavailableException.
     */
    private CompletionStage<ObjectNode> splitAndMerge(String operation, ObjectNode request, Map<Integer, ObjectNode> parts,
            Unprocessed unprocessed) {
        if (parts.size() <= 1) {
            // one shard's items, or none (an empty request: shard 0 answers DynamoDB's error for it)
            return router.shard(parts.isEmpty() ? 0 : parts.keySet().iterator().next()).call(operation, request);
        }
        List<ObjectNode> sent = new ArrayList<>(parts.values());
        List<CompletableFuture<Outcome>> outcomes = new ArrayList<>();
        parts.forEach((shard, part) -> outcomes.add(router.shard(shard).call(operation, part).toCompletableFuture()
                .handle(Outcome::new)));
        return CompletableFuture.allOf(outcomes.toArray(CompletableFuture[]::new)).thenApply(done -> {
            ObjectNode merged = Json.object();
            ApiError unavailable = null;
            int answered = 0;
            for (int i = 0; i < outcomes.size(); i++) {
                Outcome outcome = outcomes.get(i).join();
                if (outcome.answer() != null) {
                    mergeAnswer(merged, outcome.answer());
                    answered++;
                    continue;
                }
                ApiError error = outcome.error();
                if (error.code() != ErrorCode.SERVICE_UNAVAILABLE) {
                    throw error;
                }
                unavailable = error;
                unprocessed.add(merged, sent.get(i));
            }
            if (answered == 0) {
                throw unavailable;
            }
            return merged;
        });
    }

    /** A shard's answer, or its failure as the ApiError it is (anything else: ServiceUnavailable). */
    record Outcome(ObjectNode answer, Throwable failure) {
        ApiError error() {
            Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
            return cause instanceof ApiError error ? error : ApiError.serviceUnavailable("item-service is not available: " + cause);
        }

        /** True when the shard refused a transaction's part with a TransactionCanceledException. */
        boolean canceled() {
            return failure != null && error().code() == ErrorCode.TRANSACTION_CANCELED;
        }
    }

    /** Adds one shard's answer to the merged one (see {@link #splitAndMerge}). */
    static void mergeAnswer(ObjectNode merged, ObjectNode answer) {
        answer.fields().forEachRemaining(field -> {
            String name = field.getKey();
            JsonNode value = field.getValue();
            if ("ConsumedCapacity".equals(name) && value.isArray()) {
                ArrayNode into = merged.withArray("ConsumedCapacity");
                for (JsonNode table : value) {
                    ObjectNode same = null;
                    for (JsonNode existing : into) {
                        if (existing.path("TableName").equals(table.path("TableName"))) {
                            same = (ObjectNode) existing;
                        }
                    }
                    if (same == null) {
                        into.add(table.deepCopy());
                    } else {
                        addNumbers(same, (ObjectNode) table);
                    }
                }
            } else if (value.isObject()) {
                ObjectNode into = merged.with(name);
                value.fields().forEachRemaining(table -> appendTable(into, table.getKey(), table.getValue()));
            } else {
                merged.set(name, value);
            }
        });
    }

    /** Appends a table's entry of Responses, UnprocessedKeys (its Keys) or UnprocessedItems / ItemCollectionMetrics. */
    private static void appendTable(ObjectNode into, String table, JsonNode value) {
        JsonNode existing = into.get(table);
        if (existing == null) {
            into.set(table, value.deepCopy());
        } else if (existing.isArray() && value.isArray()) {
            ((ArrayNode) existing).addAll((ArrayNode) value);
        } else if (existing.isObject() && value.path("Keys").isArray()) {
            ((ObjectNode) existing).withArray("Keys").addAll((ArrayNode) value.get("Keys"));
        }
    }

    /** Adds every number of {@code from} to the same field of {@code into}, recursively (capacity units). */
    static void addNumbers(ObjectNode into, ObjectNode from) {
        from.fields().forEachRemaining(field -> {
            JsonNode mine = into.get(field.getKey());
            if (field.getValue().isNumber()) {
                into.put(field.getKey(), (mine == null ? 0 : mine.asDouble()) + field.getValue().asDouble());
            } else if (field.getValue().isObject()) {
                if (mine == null || !mine.isObject()) {
                    into.set(field.getKey(), field.getValue().deepCopy());
                } else {
                    addNumbers((ObjectNode) mine, (ObjectNode) field.getValue());
                }
            }
        });
    }

    private static void unprocessedKeys(ObjectNode merged, ObjectNode part) {
        ObjectNode into = merged.with("UnprocessedKeys");
        part.get("RequestItems").fields().forEachRemaining(table -> appendTable(into, table.getKey(), table.getValue()));
    }

    private static void unprocessedItems(ObjectNode merged, ObjectNode part) {
        ObjectNode into = merged.with("UnprocessedItems");
        part.get("RequestItems").fields().forEachRemaining(table -> appendTable(into, table.getKey(), table.getValue()));
    }

    // ---- transactions ----

    /**
     * A transaction goes whole to the shard of its items when they are all on one; across shards it is a
     * two-phase commit ({@link ShardedTransactions}). One whose shards cannot be told (malformed, a table
     * not known, over the action limit) goes whole to shard 0, which answers DynamoDB's error for it.
     */
    private CompletionStage<ObjectNode> transaction(String operation, ObjectNode request, String itemsField) {
        JsonNode actions = request.get(itemsField);
        if (actions == null || !actions.isArray() || actions.isEmpty() || actions.size() > MAX_TRANSACTION_ACTIONS) {
            return router.shard(0).call(operation, request);
        }
        List<String> tables = new ArrayList<>();
        List<JsonNode> keys = new ArrayList<>();
        for (JsonNode action : actions) {
            Iterator<Map.Entry<String, JsonNode>> kinds = action.fields();
            if (!kinds.hasNext()) {
                return router.shard(0).call(operation, request);
            }
            Map.Entry<String, JsonNode> kind = kinds.next();
            tables.add(kind.getValue().path("TableName").asText(null));
            keys.add(kind.getValue().get("Put".equals(kind.getKey()) ? "Item" : "Key"));
        }
        if (tables.contains(null)) {
            return router.shard(0).call(operation, request);
        }
        return partitionKeys(new TreeSet<>(tables)).thenCompose(partitionKeys -> {
            if (partitionKeys == null) {
                return router.shard(0).call(operation, request);
            }
            List<Integer> shards = new ArrayList<>();
            for (int i = 0; i < keys.size(); i++) {
                JsonNode key = keys.get(i);
                shards.add(key != null && key.isObject() ? shardOfValue(key.get(partitionKeys.get(tables.get(i)))) : 0);
            }
            if (new TreeSet<>(shards).size() == 1) {
                return router.shard(shards.get(0)).call(operation, request);
            }
            return "TransactWriteItems".equals(operation) ? transactions.write(request, shards)
                    : transactions.read(request, shards);
        });
    }

    // ---- DescribeTable and restores ----

    /**
     * DescribeTable: shard 0's description (the catalog authority's, with the global indexes' numbers from
     * query-service), its ItemCount, TableSizeBytes and local indexes' numbers the sums over every shard.
     * A shard that does not answer leaves its part out (DynamoDB's numbers are approximate too) and is logged.
     */
    private CompletionStage<ObjectNode> describeTable(ObjectNode request) {
        CompletionStage<ObjectNode> described = router.shard(0).call("DescribeTable", request);
        List<CompletableFuture<ObjectNode>> others = new ArrayList<>();
        for (int shard = 1; shard < router.shardCount(); shard++) {
            others.add(router.shard(shard).call("DynamisTableStatistics", request.deepCopy()).toCompletableFuture()
                    .exceptionally(failure -> null));
        }
        return described.thenCompose(answer -> CompletableFuture.allOf(others.toArray(CompletableFuture[]::new)).thenApply(done -> {
            ObjectNode table = (ObjectNode) answer.get("Table");
            for (CompletableFuture<ObjectNode> other : others) {
                ObjectNode statistics = other.join();
                if (statistics != null && table != null) {
                    addStatistics(table, statistics.path("Table"));
                }
            }
            return answer;
        }));
    }

    /** Adds one shard's table and local-index numbers to a description. */
    static void addStatistics(ObjectNode table, JsonNode shard) {
        add(table, "ItemCount", shard.path("ItemCount"));
        add(table, "TableSizeBytes", shard.path("TableSizeBytes"));
        for (JsonNode index : table.path("LocalSecondaryIndexes")) {
            for (JsonNode other : shard.path("LocalSecondaryIndexes")) {
                if (other.path("IndexName").equals(index.path("IndexName"))) {
                    add((ObjectNode) index, "ItemCount", other.path("ItemCount"));
                    add((ObjectNode) index, "IndexSizeBytes", other.path("IndexSizeBytes"));
                }
            }
        }
    }

    private static void add(ObjectNode into, String field, JsonNode value) {
        if (value.isNumber()) {
            into.put(field, into.path(field).asLong(0) + value.asLong());
        }
    }

    /** A restore's items ({@code DynamisLoadItems}), each sent to its shard; completes once every shard stored its part. */
    private CompletionStage<ObjectNode> loadItems(ObjectNode request) {
        String table = request.path("TableName").asText(null);
        return router.tables().partitionKey(table).thenCompose(attribute -> {
            Map<Integer, ObjectNode> parts = new TreeMap<>();
            for (JsonNode item : request.path("Items")) {
                int shard = shardOfValue(item.get(attribute));
                parts.computeIfAbsent(shard, s -> {
                    ObjectNode part = request.deepCopy();
                    part.putArray("Items");
                    return part;
                }).withArray("Items").add(item);
            }
            CompletableFuture<?>[] loads = parts.entrySet().stream()
                    .map(part -> router.shard(part.getKey()).call("DynamisLoadItems", part.getValue()).toCompletableFuture())
                    .toArray(CompletableFuture[]::new);
            return CompletableFuture.allOf(loads).thenApply(done -> Json.object());
        });
    }
}
