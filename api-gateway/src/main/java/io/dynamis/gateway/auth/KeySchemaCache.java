package io.dynamis.gateway.auth;

import com.fasterxml.jackson.databind.JsonNode;
import io.dynamis.core.json.Json;
import io.dynamis.gateway.rest.RequestIds;
import io.dynamis.gateway.routing.OwningService;
import io.dynamis.gateway.routing.ServiceClients;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The partition keys of tables and their indexes, which {@code dynamodb:LeadingKeys} is made of, from
 * item-service's DescribeTable, each kept for {@link #TTL_NANOS} (a table deleted and created again with
 * another key is seen within that time). A table that does not exist has no schema: its requests are
 * authorized with every key-typed attribute of their keys as leading keys, the stricter reading.
 */
final class KeySchemaCache implements RequestAuthorizations.KeySchemas {

    static final long TTL_NANOS = 1_000_000_000L;
    private static final String TABLE = "";

    private record Entry(Map<String, String> partitionKeys, long fetchedNanos) {
    }

    private final ServiceClients services;
    private final Map<String, Entry> tables = new ConcurrentHashMap<>();

    KeySchemaCache(ServiceClients services) {
        this.services = services;
    }

    @Override
    public String partitionKey(String table, String index) {
        Entry entry = tables.get(table);
        return entry == null ? null : entry.partitionKeys().get(index == null ? TABLE : index);
    }

    /** Makes sure every table's schema is fresh; never fails (an unknown table has none). */
    Future<Void> load(Set<String> names) {
        long now = System.nanoTime();
        List<Future<Void>> loads = new ArrayList<>();
        for (String name : names) {
            Entry entry = tables.get(name);
            if (entry == null || now - entry.fetchedNanos() > TTL_NANOS) {
                loads.add(fetch(name, now));
            }
        }
        return loads.isEmpty() ? Future.succeededFuture() : Future.join(loads).<Void>mapEmpty().otherwiseEmpty();
    }

    private Future<Void> fetch(String name, long now) {
        byte[] request = Json.toBytes(Json.object().put("TableName", name));
        return services.forward(OwningService.ITEM, "DynamoDB_20120810.DescribeTable", RequestIds.next(),
                Buffer.buffer(request)).map(answer -> {
                    Map<String, String> keys = new HashMap<>();
                    if (answer.status() == 200) {
                        JsonNode table = Json.readTree(answer.body().getBytes()).path("Table");
                        put(keys, TABLE, table.path("KeySchema"));
                        for (String kind : new String[] {"GlobalSecondaryIndexes", "LocalSecondaryIndexes"}) {
                            for (JsonNode index : table.path(kind)) {
                                put(keys, index.path("IndexName").asText(), index.path("KeySchema"));
                            }
                        }
                    }
                    tables.put(name, new Entry(Map.copyOf(keys), now));
                    if (tables.size() > 10_000) {
                        tables.clear();
                    }
                    return null;
                });
    }

    private static void put(Map<String, String> keys, String index, JsonNode schema) {
        for (JsonNode key : schema) {
            if ("HASH".equals(key.path("KeyType").asText())) {
                keys.put(index, key.path("AttributeName").asText());
            }
        }
    }
}
