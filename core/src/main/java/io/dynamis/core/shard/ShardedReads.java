package io.dynamis.core.shard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dynamis.core.json.AttributeValueCodec;
import io.dynamis.core.json.Json;
import io.dynamis.core.key.KeyCodec;
import io.dynamis.core.query.KeyRange;
import io.dynamis.core.query.ReadPlan;
import io.dynamis.core.query.ReadRequest;
import io.dynamis.core.table.TableDefinition;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Query and Scan of a base table or a local index ({@code DynamisReadItems}) over the shards.
 *
 * <p>A Query reads one partition, so one shard: the request goes there unchanged and its page is the
 * answer. A Scan reads its hash range (every hash, or a parallel-scan segment's slice
 * {@code [i * 65536 / n, (i + 1) * 65536 / n)}) as the slot map's runs within it, in hash order, one
 * shard after the other. Each shard is told the run it reads ({@code Hashes}) and what the page has read so
 * far ({@code BytesRead}, and Limit less the items already evaluated), so DynamoDB's page rules hold across
 * shards: the page ends when Limit items have been evaluated or more than 1 MB has been read, with the key
 * of the last item evaluated as LastEvaluatedKey. A request resuming from a LastEvaluatedKey starts in the
 * run holding that key's partition hash, after the key, so segments stay disjoint and cover the table and
 * every item is read exactly once. Items are concatenated, Count and ScannedCount added up; the capacity
 * is the last shard's, which is charged for the whole page's bytes.
 */
final class ShardedReads {

    private static final int HASHES = 65536;

    private final ShardRouter router;

    ShardedReads(ShardRouter router) {
        this.router = router;
    }

    /** A {@code DynamisReadItems} body: {@code {"Operation": "Query" | "Scan", "Request": ...}}. */
    CompletionStage<ObjectNode> read(ObjectNode body) {
        JsonNode request = body.get("Request");
        String table = request == null ? null : request.path("TableName").asText(null);
        if (table == null || !request.isObject()) {
            return router.shard(0).call(ShardRouter.READ_ITEMS, body);
        }
        boolean query = "Query".equals(body.path("Operation").asText());
        return router.tables().definition(table).handle((definition, failure) -> definition).thenCompose(definition -> {
            if (definition == null) {
                return router.shard(0).call(ShardRouter.READ_ITEMS, body);
            }
            return query ? query(body, (ObjectNode) request, definition) : scan(body, (ObjectNode) request, definition);
        });
    }

    private CompletionStage<ObjectNode> query(ObjectNode body, ObjectNode request, TableDefinition table) {
        int shard;
        try {
            KeyRange range = ReadPlan.of(ReadRequest.query(request.deepCopy()), table).range();
            shard = router.slots().shardOfHash(hashOf(range.from()));
        } catch (RuntimeException invalid) {
            shard = 0; // the shard answers the request's error
        }
        return router.shard(shard).call(ShardRouter.READ_ITEMS, body);
    }

    /** The partition hash a storage key (or a partition's prefix) carries after its store id. */
    static int hashOf(byte[] key) {
        return ((key[KeyCodec.STORE_ID_BYTES] & 0xff) << 8) | (key[KeyCodec.STORE_ID_BYTES + 1] & 0xff);
    }

    private CompletionStage<ObjectNode> scan(ObjectNode body, ObjectNode request, TableDefinition table) {
        int from = 0;
        int to = HASHES;
        if (request.path("Segment").canConvertToInt() && request.path("TotalSegments").canConvertToInt()
                && request.path("TotalSegments").asInt() > 0) {
            long segment = request.path("Segment").asInt();
            long total = request.path("TotalSegments").asInt();
            from = (int) (segment * HASHES / total);
            to = (int) ((segment + 1) * HASHES / total);
        }
        JsonNode start = request.get("ExclusiveStartKey");
        if (start != null && start.isObject()) {
            JsonNode partition = start.get(table.keySchema().partitionKey().name());
            try {
                int hash = KeyCodec.partitionHash(AttributeValueCodec.decode(partition));
                if (hash >= from && hash < to) {
                    from = runStart(hash, from); // the runs before the key's are done; its own resumes after it
                }
            } catch (RuntimeException invalid) {
                return router.shard(0).call(ShardRouter.READ_ITEMS, body); // the shard answers the error
            }
        }
        List<SlotMap.Run> runs = router.slots().runsWithin(from, to);
        if (runs.isEmpty()) {
            return router.shard(0).call(ShardRouter.READ_ITEMS, body);
        }
        Page page = new Page(request.path("Limit").canConvertToInt() ? request.path("Limit").asInt() : -1,
                request.path("Select").asText("").equals("COUNT") ? null : Json.MAPPER.createArrayNode());
        return next(body, runs, 0, page, start != null && start.isObject());
    }

    /** The first hash of the run holding {@code hash}, not below {@code from}. */
    private int runStart(int hash, int from) {
        for (SlotMap.Run run : router.slots().runs()) {
            if (hash >= run.fromHash() && hash < run.toHash()) {
                return Math.max(from, run.fromHash());
            }
        }
        return from;
    }

    /** What the shards read so far for one page. */
    private static final class Page {
        int limitLeft;
        final ArrayNode items;
        long count;
        long scanned;
        long bytesRead;

        Page(int limit, ArrayNode items) {
            this.limitLeft = limit;
            this.items = items;
        }
    }

    private CompletionStage<ObjectNode> next(ObjectNode body, List<SlotMap.Run> runs, int index, Page page, boolean resuming) {
        SlotMap.Run run = runs.get(index);
        ObjectNode part = body.deepCopy();
        part.remove(ShardRouter.RAW_ITEMS); // the pages are merged here: read, not passed on
        ObjectNode request = (ObjectNode) part.get("Request");
        if (index > 0 || !resuming) {
            request.remove("ExclusiveStartKey");
        }
        if (page.limitLeft >= 0) {
            request.put("Limit", page.limitLeft);
        }
        part.putArray("Hashes").add(run.fromHash()).add(run.toHash());
        part.put("BytesRead", page.bytesRead);
        return router.shard(run.shard()).call(ShardRouter.READ_ITEMS, part).thenCompose(answer -> {
            if (page.items != null) {
                page.items.addAll((ArrayNode) answer.withArray("Items"));
            }
            page.count += answer.path("Count").asLong();
            page.scanned += answer.path("ScannedCount").asLong();
            page.bytesRead = answer.path("BytesRead").asLong(page.bytesRead);
            if (page.limitLeft >= 0) {
                page.limitLeft -= answer.path("ScannedCount").asInt();
            }
            boolean last = answer.has("LastEvaluatedKey") || index == runs.size() - 1;
            if (!last) {
                return next(body, runs, index + 1, page, resuming);
            }
            ObjectNode merged = Json.object();
            if (page.items != null) {
                merged.set("Items", page.items);
            }
            merged.put("Count", page.count);
            merged.put("ScannedCount", page.scanned);
            if (answer.has("LastEvaluatedKey")) {
                merged.set("LastEvaluatedKey", answer.get("LastEvaluatedKey"));
            }
            if (answer.has("ConsumedCapacity")) {
                merged.set("ConsumedCapacity", answer.get("ConsumedCapacity"));
            }
            return CompletableFuture.completedFuture(merged);
        });
    }
}
