package io.dynamis.query.operations;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dynamis.core.query.ReadRequest;
import io.dynamis.query.client.ItemServiceClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * Executes a validated Query or Scan on a base table by pushing it down to item-service, which reads
 * its store with the key condition, filter and projection applied and answers a DynamoDB page.
 *
 * <p>The local default runs one item-service shard, so the shard's page is the answer. This class is
 * where several shards will be routed and merged: a Query reads one partition, hence one shard, whose
 * page passes through; a Scan (and each parallel-scan segment, a slice of the partition hashes) will
 * visit the shards owning its hash slice in hash order, carrying Limit and the 1 MB budget from one
 * shard to the next, and {@link #merge} will concatenate their items and add up the counts and the
 * capacity, with the last shard's LastEvaluatedKey.
 */
@ApplicationScoped
public class BaseTableReads {

    private final ItemServiceClient itemService;

    public BaseTableReads(ItemServiceClient itemService) {
        this.itemService = itemService;
    }

    /** Reads for {@code operation} ("Query" or "Scan"); {@code json} is the client's request, already validated. */
    public CompletionStage<ObjectNode> read(String operation, ReadRequest request, ObjectNode json) {
        return itemService.read(operation, json).thenApply(page -> merge(List.of(page)));
    }

    /** The answers of the shards read, in read order, as one answer. One shard today: its page, unchanged. */
    static ObjectNode merge(List<ObjectNode> pages) {
        if (pages.size() != 1) {
            throw new UnsupportedOperationException("reads span one item-service shard until sharding is built");
        }
        return pages.get(0);
    }
}
