package io.dynamis.item.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dynamis.core.json.Json;
import io.dynamis.core.protocol.AmzTarget;
import io.dynamis.core.table.IndexDefinition;
import io.dynamis.core.table.TableDefinition;
import io.dynamis.item.config.ItemServiceConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
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
    private static final String TARGET = "DynamoDB_20120810.DynamisDescribeIndexStatistics";
    private static final String BACKFILL_TARGET = "DynamoDB_20120810.DynamisBackfillIndexes";

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    private final URI uri;

    public IndexStatistics(ItemServiceConfig config) {
        this.uri = URI.create(config.queryServiceUrl() + "/");
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
            HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(uri)
                    .timeout(Duration.ofSeconds(2))
                    .header("Content-Type", "application/x-amz-json-1.0")
                    .header(AmzTarget.HEADER, TARGET)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(Json.toBytes(request)))
                    .build(), HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200) {
                return;
            }
            stats = Json.readTree(response.body()).path("Indexes");
        } catch (java.io.IOException | RuntimeException e) {
            LOG.debugf("index statistics unavailable: %s", e.toString());
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
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
    public java.util.concurrent.CompletableFuture<Void> indexesChanged(TableDefinition table) {
        ObjectNode request = Json.object();
        request.put("TableName", table.name());
        return http.sendAsync(HttpRequest.newBuilder(uri)
                        .timeout(Duration.ofSeconds(2))
                        .header("Content-Type", "application/x-amz-json-1.0")
                        .header(AmzTarget.HEADER, BACKFILL_TARGET)
                        .POST(HttpRequest.BodyPublishers.ofByteArray(Json.toBytes(request)))
                        .build(), HttpResponse.BodyHandlers.discarding())
                .handle((response, failure) -> {
                    if (failure != null || response.statusCode() != 200) {
                        LOG.warnf("query-service did not take the index change of %s: %s", table.name(),
                                failure != null ? failure.toString() : "status " + response.statusCode());
                    }
                    return null;
                });
    }
}
