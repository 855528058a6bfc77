package io.dynamis.gateway.auth;

import com.fasterxml.jackson.databind.JsonNode;
import io.dynamis.core.json.Json;
import io.dynamis.gateway.rest.RequestIds;
import io.dynamis.gateway.routing.OwningService;
import io.dynamis.gateway.routing.ServiceClients;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The partition keys of tables and their indexes, which {@code dynamodb:LeadingKeys} is made of, from
 * item-service's DescribeTable, each kept a second ({@link RefreshingCache}: a table deleted and created again with
 * another key is seen within that time). A table that does not exist has no schema: its requests are
 * authorized with every key-typed attribute of their keys as leading keys, the stricter reading.
 */
final class KeySchemaCache implements RequestAuthorizations.KeySchemas {

    private static final String TABLE = "";

    private final ServiceClients services;
    /** Each table's partition key attribute, and each of its indexes' (by index name; the table's: {@link #TABLE}). */
    private final RefreshingCache<Map<String, String>> tables = new RefreshingCache<>(this::fetch);

    KeySchemaCache(ServiceClients services) {
        this.services = services;
    }

    @Override
    public String partitionKey(String table, String index) {
        Map<String, String> keys = tables.get(table);
        return keys == null ? null : keys.get(index == null ? TABLE : index);
    }

    /** Makes sure every table's schema is fresh; never fails (an unknown table has none). */
    Future<Void> load(Set<String> names) {
        return tables.load(names).otherwiseEmpty();
    }

    private Future<Map<String, String>> fetch(String name) {
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
                    return Map.copyOf(keys);
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
