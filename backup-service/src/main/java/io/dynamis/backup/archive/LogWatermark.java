package io.dynamis.backup.archive;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dynamis.core.json.Json;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * How much of each item-service shard's log the archive holds without a gap.
 *
 * <p>A shard numbers its log entries 1, 2, 3, ... without gaps, over all its tables; the topic spreads
 * them over several partitions, which the consumer reads at different paces. The watermark of a shard
 * is the highest sequence number N such that every entry up to N is archived; entries above N that
 * arrived early wait in a pending set until the gap below them closes. Streams serve records only up to
 * the watermark (so no record is ever skipped), and a restore may only ask for a time whose records are
 * all below it. It is saved with the records, in the same commit.
 */
public final class LogWatermark {

    /** One shard's watermark: everything through {@code through} is archived; its commit time. */
    public record Mark(long through, long throughTimeMillis) {
    }

    private final ArchiveStore store;
    private final Map<Integer, Long> through = new HashMap<>();
    private final Map<Integer, Long> throughTime = new HashMap<>();
    private final Map<Integer, TreeMap<Long, Long>> pending = new HashMap<>();

    public LogWatermark(ArchiveStore store) {
        this.store = store;
        store.watermarks().forEach((shard, bytes) -> {
            JsonNode node = Json.readTree(bytes);
            through.put(shard, node.path("through").asLong());
            throughTime.put(shard, node.path("throughTimeMillis").asLong());
            TreeMap<Long, Long> waiting = new TreeMap<>();
            node.path("pending").fields().forEachRemaining(e -> waiting.put(Long.parseLong(e.getKey()), e.getValue().asLong()));
            pending.put(shard, waiting);
        });
    }

    /** The shard's mark, or null when nothing of it was archived yet. */
    public synchronized Mark mark(int shard) {
        Long at = through.get(shard);
        return at == null ? null : new Mark(at, throughTime.getOrDefault(shard, 0L));
    }

    /**
     * Notes an archived entry. The first entry ever seen of a shard starts its watermark just below the
     * lowest sequence of that first batch ({@code lowestOfBatch}): what came before it is not in the topic.
     */
    public synchronized void archived(int shard, long sequence, long commitTimeMillis, long lowestOfBatch) {
        through.putIfAbsent(shard, lowestOfBatch - 1);
        long at = through.get(shard);
        if (sequence <= at) {
            return;
        }
        TreeMap<Long, Long> waiting = pending.computeIfAbsent(shard, s -> new TreeMap<>());
        waiting.put(sequence, commitTimeMillis);
        while (!waiting.isEmpty() && waiting.firstKey() == at + 1) {
            at++;
            throughTime.put(shard, waiting.pollFirstEntry().getValue());
        }
        through.put(shard, at);
    }

    /**
     * The shards whose watermark waits on a missing entry, each with the sequence number it waits for and
     * how many entries above it are held meanwhile.
     */
    public synchronized Map<Integer, long[]> gaps() {
        Map<Integer, long[]> gaps = new HashMap<>();
        pending.forEach((shard, waiting) -> {
            if (!waiting.isEmpty()) {
                gaps.put(shard, new long[] {through.get(shard) + 1, waiting.size()});
            }
        });
        return gaps;
    }

    /** Writes the marks into the store (committed by the caller). */
    public synchronized void save() {
        through.forEach((shard, at) -> {
            ObjectNode node = Json.object().put("through", at).put("throughTimeMillis", throughTime.getOrDefault(shard, 0L));
            ObjectNode waiting = node.putObject("pending");
            pending.getOrDefault(shard, new TreeMap<>()).forEach((seq, time) -> waiting.put(Long.toString(seq), time));
            store.putWatermark(shard, Json.toBytes(node));
        });
    }
}
