package io.dynamis.backup.streams;

import java.util.List;

/**
 * One page of a DescribeStream shard list, as DynamoDB pages it: the shards whose ids come after
 * {@code ExclusiveStartShardId} in id order (an id that is no shard of the stream still marks a place in
 * that order, so paging never fails and never repeats a shard), at most {@code Limit} of them, and
 * {@code LastEvaluatedShardId} — the last id returned — only when shards remain after it.
 *
 * @param shardIds             the page's shard ids, in order
 * @param lastEvaluatedShardId where the next page starts, or null when this is the last page
 */
record ShardPage(List<String> shardIds, String lastEvaluatedShardId) {

    /** DescribeStream's default and largest Limit. */
    static final int MAX_LIMIT = 100;

    /** The page of {@code sortedIds} (ascending) after {@code exclusiveStart} (null: from the first). */
    static ShardPage of(List<String> sortedIds, String exclusiveStart, int limit) {
        int from = 0;
        while (from < sortedIds.size() && exclusiveStart != null && sortedIds.get(from).compareTo(exclusiveStart) <= 0) {
            from++;
        }
        int to = Math.min(sortedIds.size(), from + limit);
        List<String> page = List.copyOf(sortedIds.subList(from, to));
        return new ShardPage(page, to < sortedIds.size() ? page.get(page.size() - 1) : null);
    }
}
