package io.dynamis.cache.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dynamis.core.json.Json;
import io.dynamis.core.model.AttributeValue;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The primary key attribute names of each table, from item-service's DescribeTable, kept for a few
 * seconds: the write-through needs them to find the key of a written item.
 */
@ApplicationScoped
public class TableKeys {

    private static final long KEEP_MILLIS = 10_000;

    private record Known(List<String> names, long fetchedMillis) {
    }

    private final BackendClient backends;
    private final Map<String, Known> known = new ConcurrentHashMap<>();

    public TableKeys(BackendClient backends) {
        this.backends = backends;
    }

    /** The key of the item (its key attributes), or completes with null when the table is unknown. */
    public CompletionStage<Map<String, AttributeValue>> keyOf(String table, Map<String, AttributeValue> item) {
        return names(table).thenApply(names -> {
            if (names == null) {
                return null;
            }
            Map<String, AttributeValue> key = new HashMap<>();
            for (String name : names) {
                AttributeValue value = item.get(name);
                if (value == null) {
                    return null;
                }
                key.put(name, value);
            }
            return key;
        });
    }

    private CompletionStage<List<String>> names(String table) {
        Known entry = known.get(table);
        if (entry != null && System.currentTimeMillis() - entry.fetchedMillis() < KEEP_MILLIS) {
            return CompletableFuture.completedFuture(entry.names());
        }
        ObjectNode request = Json.object().put("TableName", table);
        return backends.send(Backend.ITEM, "DescribeTable", request).handle((answer, failure) -> {
            if (failure != null) {
                return null;
            }
            List<String> names = new ArrayList<>();
            for (JsonNode element : answer.path("Table").path("KeySchema")) {
                names.add(element.path("AttributeName").asText());
            }
            known.put(table, new Known(names, System.currentTimeMillis()));
            return names;
        });
    }
}
