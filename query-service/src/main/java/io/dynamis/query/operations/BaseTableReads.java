package io.dynamis.query.operations;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dynamis.core.query.ReadRequest;
import io.dynamis.query.client.ItemServiceClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletionStage;

/**
 * Executes a validated Query or Scan on a base table by pushing it down to item-service, which reads
 * its store with the key condition, filter and projection applied and answers a DynamoDB page.
 *
 * <p>With several item-service shards the router (core's {@code ShardRouter}, {@code ShardedReads})
 * sends a Query to the shard of its partition and visits the shards of a Scan's hash range in hash
 * order, carrying Limit and the 1 MB budget from one shard to the next, and merges their pages.
 */
@ApplicationScoped
public class BaseTableReads {

    private final ItemServiceClient itemService;

    public BaseTableReads(ItemServiceClient itemService) {
        this.itemService = itemService;
    }

    /**
     * Reads for {@code operation} ("Query" or "Scan"); {@code json} is the client's request, already validated;
     * {@code forClient}: the page is written straight to the client (see {@link ItemServiceClient#read(String,
     * ObjectNode, boolean)}).
     */
    public CompletionStage<ObjectNode> read(String operation, ReadRequest request, ObjectNode json, boolean forClient) {
        return itemService.read(operation, json, forClient);
    }
}
