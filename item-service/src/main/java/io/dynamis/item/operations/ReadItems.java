package io.dynamis.item.operations;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dynamis.core.error.ApiError;
import io.dynamis.core.model.AttributeValue;
import io.dynamis.core.protocol.Operation;
import io.dynamis.core.query.KeyRange;
import io.dynamis.core.query.PageBuilder;
import io.dynamis.core.query.ReadPlan;
import io.dynamis.core.query.ReadRequest;
import io.dynamis.core.table.TableDefinition;
import io.dynamis.item.catalog.TableCatalog;
import io.dynamis.item.storage.ItemStore;
import io.dynamis.item.storage.StoredItem;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.NavigableMap;
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
 */
@ApplicationScoped
public class ReadItems implements Operation {

    /** The operation name query-service sends in {@code X-Amz-Target}. */
    public static final String NAME = "DynamisReadItems";

    private final TableCatalog catalog;
    private final ItemStore store;

    public ReadItems(TableCatalog catalog, ItemStore store) {
        this.catalog = catalog;
        this.store = store;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public CompletionStage<ObjectNode> execute(ObjectNode json) {
        ReadRequest request = request(json);
        TableDefinition table = catalog.requireForItems(request.tableName());
        if (request.indexName() != null) {
            // global indexes are query-service's; local ones are not built yet
            throw ApiError.validation("IndexName is not supported by Dynamis yet");
        }
        ReadPlan plan = ReadPlan.of(request, table);
        PageBuilder page = new PageBuilder(request, table.keySchema());
        read(plan, page);
        return CompletableFuture.completedFuture(page.response());
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

    /** Offers the committed items of the plan's range to the page, in the plan's order, until it is complete. */
    private void read(ReadPlan plan, PageBuilder page) {
        KeyRange range = plan.range();
        if (range.isEmpty()) {
            return;
        }
        NavigableMap<byte[], byte[]> entries = store.range(range.from(), range.to());
        if (!plan.forward()) {
            entries = entries.descendingMap();
        }
        for (Map.Entry<byte[], byte[]> entry : entries.entrySet()) {
            byte[] stored = store.committed(entry.getKey(), entry.getValue());
            if (stored == null) {
                continue; // written by a group commit that is not durable yet
            }
            Map<String, AttributeValue> item = StoredItem.decode(stored);
            if (!plan.matchesKeyCondition(item)) {
                continue;
            }
            if (!page.offer(item, StoredItem.size(stored))) {
                return;
            }
        }
    }
}
