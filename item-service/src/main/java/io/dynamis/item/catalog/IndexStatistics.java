package io.dynamis.item.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dynamis.core.json.Json;
import io.dynamis.core.protocol.PooledServiceClient;
import io.dynamis.core.roles.Role;
import io.dynamis.core.roles.ServiceChannel;
import io.dynamis.core.roles.ServiceChannels;
import io.dynamis.core.table.IndexDefinition;
import io.dynamis.core.table.TableDefinition;
import io.dynamis.item.config.ItemServiceConfig;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * ItemCount and IndexSizeBytes of a table's global secondary indexes, which query-service keeps (it owns
 * them), asked for through its internal {@code DynamisDescribeIndexStatistics} operation. DynamoDB
 * refreshes these numbers only every few hours, so when query-service does not answer quickly the
 * description keeps 0 rather than failing.
 */
@ApplicationScoped
public class IndexStatistics {

    private static final Logger LOG = Logger.getLogger(IndexStatistics.class);
    private static final String STATISTICS = "DynamisDescribeIndexStatistics";
    private static final String BACKFILL = "DynamisBackfillIndexes";
    private static final long TIMEOUT_MILLIS = 2000;

    private final ServiceChannel queryService;

    public IndexStatistics(ServiceChannels channels, Vertx vertx, ItemServiceConfig config) {
        this.queryService = channels.to(Role.QUERY, () -> new PooledServiceClient(vertx, "query-service",
                config.queryServiceUrl(), 4, TIMEOUT_MILLIS));
    }

    /**
     * Sets ItemCount and IndexSizeBytes of each GlobalSecondaryIndexes entry of a table description, and
     * Backfilling on an index still CREATING.
     */
    public void fill(TableDefinition table, ObjectNode description) {
        JsonNode globals = description.get("GlobalSecondaryIndexes");
        if (globals == null || !globals.isArray() || globals.isEmpty()) {
            return;
        }
        markBackfilling(description);
        ObjectNode request = Json.object();
        request.put("TableId", table.tableId());
        var names = request.putArray("IndexNames");
        table.indexes().stream().filter(IndexDefinition::global).forEach(index -> names.add(index.name()));
        JsonNode stats;
        try {
            stats = queryService.call(STATISTICS, request).toCompletableFuture()
                    .get(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS).path("Indexes");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        } catch (Exception e) {
            LOG.debugf("index statistics unavailable: %s", e.toString());
            return;
        }
        for (JsonNode entry : globals) {
            JsonNode index = stats.path(entry.path("IndexName").asText());
            if (index.isObject() && entry instanceof ObjectNode node) {
                node.put("IndexSizeBytes", index.path("IndexSizeBytes").asLong(0));
                node.put("ItemCount", index.path("ItemCount").asLong(0));
            }
        }
    }

    /** Sets Backfilling on each global index of a table description that is still CREATING. */
    public static void markBackfilling(ObjectNode description) {
        for (JsonNode entry : description.path("GlobalSecondaryIndexes")) {
            if ("CREATING".equals(entry.path("IndexStatus").asText()) && entry instanceof ObjectNode node) {
                node.put("Backfilling", true);
            }
        }
    }

    /**
     * Tells query-service that the table's global indexes changed (UpdateTable created or deleted one):
     * it forgets its cached definition before this completes, so the caller's next read sees the change,
     * and backfills the indexes still CREATING in the background. Completes, never exceptionally, once
     * query-service answered or after 2 s.
     */
    public CompletableFuture<Void> indexesChanged(TableDefinition table) {
        ObjectNode request = Json.object();
        request.put("TableName", table.name());
        return queryService.call(BACKFILL, request).toCompletableFuture()
                .orTimeout(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS)
                .handle((answer, failure) -> {
                    if (failure != null) {
                        LOG.warnf("query-service did not take the index change of %s: %s", table.name(), failure.toString());
                    }
                    return null;
                });
    }
}
