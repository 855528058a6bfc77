package io.dynamis.item.operations;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dynamis.core.capacity.CapacityGuard;
import io.dynamis.core.capacity.ConsumedCapacity;
import io.dynamis.core.error.ApiError;
import io.dynamis.core.model.AttributeValue;
import io.dynamis.core.protocol.Operation;
import io.dynamis.core.query.KeyRange;
import io.dynamis.core.query.PageBuilder;
import io.dynamis.core.query.ReadPlan;
import io.dynamis.core.query.ReadRequest;
import io.dynamis.core.query.ReadTarget;
import io.dynamis.core.key.KeyCodec;
import io.dynamis.core.shard.ShardRouter;
import io.dynamis.core.table.PrimaryKeySchema;
import io.dynamis.core.table.TableDefinition;
import io.dynamis.item.catalog.TableCatalog;
import io.dynamis.item.storage.ItemStore;
import io.dynamis.item.storage.StoredItem;
import io.dynamis.item.shard.ShardOwnership;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * {@code DynamisReadItems}, internal: a Query or Scan executed against this shard's store, with the
 * key condition, filter and projection pushed down, answered in DynamoDB's response shape for the
 * part of the table this shard holds. query-service calls it; the gateway never routes it (it is not
 * a DynamoDB operation).
 *
 * <p>The body is {@code {"Operation": "Query" | "Scan", "Request": <the DynamoDB request>}}. The request
 * is validated again here (query-service already has, so this costs a parse-cache lookup), then bound
 * to the table, whose schema only this service knows.
 *
 * <p>A Query of one shard reads one partition, as GetItem reads one key: it runs on the event loop that
 * received it (no hand-off to a worker and back), and so does a Scan page of at most 100 items (Limit). Any
 * other Scan, or a Scan's run over this shard's hashes, may read a page of up to 1 MB across the table and is
 * moved to a worker thread first ({@link #blocking(ObjectNode)}: the dispatcher moves it).
 */
@ApplicationScoped
public class ReadItems implements Operation {

    /** The operation name query-service sends in {@code X-Amz-Target}. */
    public static final String NAME = ShardRouter.READ_ITEMS;

    /**
     * The largest Scan Limit read on the calling thread (an event loop): a page of up to this many items costs
     * about what a Query of a partition of as many items does, less than the hand-off to a worker and back.
     */
    static final int CALLING_THREAD_SCAN_LIMIT = 100;

    private final TableCatalog catalog;
    private final ItemStore store;
    private final CapacityGuard capacity;

    public ReadItems(TableCatalog catalog, ItemStore store, CapacityGuard capacity) {
        this.catalog = catalog;
        this.store = store;
        this.capacity = capacity;
    }

    @Override
    public String name() {
        return NAME;
    }

    /** Decided per request ({@link #blocking(ObjectNode)}): the request is parsed on the event loop first. */
    @Override
    public boolean blocking() {
        return false;
    }

    /** A Query of this shard's partition is read where it arrives; a Scan page, or a Scan's run, on a worker. */
    @Override
    public boolean blocking(ObjectNode json) {
        return !readsOnTheCallingThread(json);
    }

    @Override
    public CompletionStage<ObjectNode> execute(ObjectNode json) {
        return CompletableFuture.completedFuture(readPage(json));
    }

    /**
     * True for a read bounded as a Query of one partition is, read where it arrives: a Query of this shard's
     * partition, or a Scan page (or a Scan's run) of at most {@link #CALLING_THREAD_SCAN_LIMIT} items. False
     * for any other Scan, which may read a whole 1 MB page (a worker's).
     */
    static boolean readsOnTheCallingThread(ObjectNode json) {
        String operation = json.path("Operation").asText();
        if ("Query".equals(operation)) {
            return json.get("Hashes") == null;
        }
        JsonNode limit = json.path("Request").get("Limit");
        return "Scan".equals(operation) && limit != null && limit.isIntegralNumber()
                && limit.asLong() <= CALLING_THREAD_SCAN_LIMIT;
    }

    private ObjectNode readPage(ObjectNode json) {
        ReadRequest request = request(json);
        TableDefinition table = catalog.requireForItems(request.tableName());
        ReadTarget target = ReadTarget.resolve(request, table);
        if (target.isGlobalIndex()) {
            // global secondary indexes are read by query-service from its own store; it never forwards them here
            throw ApiError.validation("DynamisReadItems does not read global secondary indexes");
        }
        ReadPlan plan = ReadPlan.of(request, target);
        long earlierBytes = json.path("BytesRead").asLong(0); // read by the shards before this one in a Scan
        PageBuilder page = new PageBuilder(request, target).continuing(earlierBytes)
                .rawItems(json.path(ShardRouter.RAW_ITEMS).asBoolean(false));
        CapacityGuard.Ticket ticket = capacity.admitRead(table, null, plan.partitionHash(),
                ConsumedCapacity.readUnits(0, request.consistentRead()), request.kind() == ReadRequest.Kind.QUERY
                ? "Query" : "Scan");
        KeyRange range = plan.range();
        JsonNode hashes = json.get("Hashes");
        if (hashes != null) {
            // one run of a Scan over several shards: the hashes [from, to) of the slots this shard holds
            int from = hashes.path(0).asInt();
            int to = hashes.path(1).asInt();
            ShardOwnership.requireHashes(from, to);
            range = within(range, from, to);
        } else if ("Query".equals(json.path("Operation").asText())) {
            ShardOwnership.requireHash(hashOf(range.from()));
        } else {
            ShardOwnership.requireHashes(0, 65536); // a whole Scan of one shard is only right with one shard
        }
        read(plan, range, page);
        ticket.settle(earlierBytes == 0 ? page.consumedUnits()
                : Math.max(0, page.consumedUnits() - ConsumedCapacity.readUnits(earlierBytes, request.consistentRead())));
        ObjectNode response = page.response();
        if (hashes != null) {
            response.put("BytesRead", page.bytesRead());
        }
        return response;
    }

    /** The part of a range whose partition hashes are in {@code [from, to)}. */
    static KeyRange within(KeyRange range, int from, int to) {
        byte[] prefix = java.util.Arrays.copyOf(range.from(), KeyCodec.STORE_ID_BYTES);
        byte[] low = withHash(prefix, from);
        byte[] high = to >= 65536 ? KeyRange.successor(prefix) : withHash(prefix, to);
        byte[] start = io.dynamis.core.key.OrderedBytes.COMPARATOR.compare(range.from(), low) > 0 ? range.from() : low;
        byte[] end = range.to() == null ? high
                : high == null ? range.to()
                : io.dynamis.core.key.OrderedBytes.COMPARATOR.compare(range.to(), high) < 0 ? range.to() : high;
        return new KeyRange(start, end);
    }

    private static byte[] withHash(byte[] prefix, int hash) {
        byte[] key = java.util.Arrays.copyOf(prefix, prefix.length + KeyCodec.HASH_BYTES);
        key[prefix.length] = (byte) (hash >>> 8);
        key[prefix.length + 1] = (byte) hash;
        return key;
    }

    private static int hashOf(byte[] key) {
        return key.length < KeyCodec.STORE_ID_BYTES + KeyCodec.HASH_BYTES ? 0
                : ((key[KeyCodec.STORE_ID_BYTES] & 0xff) << 8) | (key[KeyCodec.STORE_ID_BYTES + 1] & 0xff);
    }

    private static ReadRequest request(ObjectNode json) {
        JsonNode request = json.get("Request");
        if (request == null || !request.isObject()) {
            throw ApiError.validation("DynamisReadItems needs a Request object");
        }
        return switch (json.path("Operation").asText("")) {
            case "Query" -> ReadRequest.query((ObjectNode) request);
            case "Scan" -> ReadRequest.scan((ObjectNode) request);
            default -> throw ApiError.validation("DynamisReadItems reads for a Query or a Scan only");
        };
    }

    /**
     * Offers the committed items of the plan's range to the page, in the plan's order, until it is
     * complete. Reading a local index whose entries lack attributes the request needs, each entry's item
     * is read from the table too (committed in the same commit as the entry) and charged as one more
     * item read, as DynamoDB charges the extra table reads.
     */
    private void read(ReadPlan plan, KeyRange range, PageBuilder page) {
        if (range.isEmpty()) {
            return;
        }
        ReadTarget target = plan.target();
        boolean fetch = target.fetchesFromTable(plan.request());
        // whole table items the page takes as stored, unless each must be checked against the key condition
        boolean asStored = !target.isIndex() && page.takesStoredItems() && !plan.checksEachItem();
        Iterable<Map.Entry<byte[], byte[]>> entries = target.isIndex()
                ? store.committedIndexRange(range.from(), range.to(), plan.forward())
                : store.committedRange(range.from(), range.to(), plan.forward());
        for (Map.Entry<byte[], byte[]> entry : entries) {
            byte[] stored = entry.getValue();
            if (asStored) {
                if (!page.offerStored(stored, StoredItem.JSON_OFFSET, StoredItem.size(stored))) {
                    return;
                }
                continue;
            }
            Map<String, AttributeValue> item = StoredItem.decode(stored);
            if (!plan.matchesKeyCondition(item)) {
                continue;
            }
            long fetchedSize = -1;
            if (fetch) {
                byte[] whole = store.get(tableKey(target, item));
                if (whole == null) {
                    continue; // cannot happen: an entry and its item change in the same commit
                }
                item = StoredItem.decode(whole);
                fetchedSize = StoredItem.size(whole);
            }
            if (!page.offer(item, StoredItem.size(stored), fetchedSize)) {
                return;
            }
        }
    }

    /** The storage key of the table item an index entry stands for. */
    private static byte[] tableKey(ReadTarget target, Map<String, AttributeValue> entry) {
        PrimaryKeySchema key = target.table().keySchema();
        return KeyCodec.encode(target.table().storeId(), entry.get(key.partitionKey().name()),
                key.hasSortKey() ? entry.get(key.sortKey().name()) : null);
    }
}
