package io.dynamis.query.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dynamis.core.json.Json;
import io.dynamis.core.model.AttributeValue;
import io.dynamis.core.table.IndexDefinition;
import io.dynamis.core.table.KeyAttribute;
import io.dynamis.core.table.PrimaryKeySchema;
import io.dynamis.core.table.TableDefinition;
import io.dynamis.query.client.ItemServiceClient;
import io.dynamis.query.config.QueryServiceConfig;
import java.lang.reflect.Proxy;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The catalog cache never keeps a definition fetched before a {@link CatalogClient#forget}: an index made
 * ACTIVE while a fetch was on its way must not be read as CREATING for the next second.
 */
class CatalogClientTest {

    private static final PrimaryKeySchema KEY = new PrimaryKeySchema(new KeyAttribute("pk", AttributeValue.Type.S), null);

    private static TableDefinition table(String indexStatus) {
        IndexDefinition index = new IndexDefinition("byG", true,
                new PrimaryKeySchema(new KeyAttribute("g", AttributeValue.Type.S), null), IndexDefinition.KEYS_ONLY,
                List.of(), 0, 0, indexStatus);
        return new TableDefinition("t", "table-1", 1, 0, KEY, List.of(KEY.partitionKey()),
                TableDefinition.PAY_PER_REQUEST, 0, 0, "ACTIVE", null, List.of(index));
    }

    /** item-service's catalog as a queue of answers; each call may run something while it is "on its way". */
    private static final class Answers extends ItemServiceClient {
        final Deque<TableDefinition> tables = new ArrayDeque<>();
        Runnable duringNextCall = () -> { };
        int calls;

        Answers() {
            super(null);
        }

        @Override
        public ObjectNode callAndWait(String operation, ObjectNode request) {
            calls++;
            Runnable during = duringNextCall;
            duringNextCall = () -> { };
            during.run();
            ObjectNode answer = Json.object();
            answer.set("Table", Json.MAPPER.valueToTree(tables.removeFirst()));
            return answer;
        }
    }

    private static QueryServiceConfig cachingForOneSecond() {
        return (QueryServiceConfig) Proxy.newProxyInstance(QueryServiceConfig.class.getClassLoader(),
                new Class<?>[] {QueryServiceConfig.class}, (proxy, method, args) -> {
                    if (method.getName().equals("catalogCacheMillis")) {
                        return 1_000L;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    @Test
    void aDefinitionFetchedAcrossAForgetIsNotCached() {
        Answers itemService = new Answers();
        CatalogClient catalog = new CatalogClient(itemService, cachingForOneSecond());
        itemService.tables.add(table("CREATING"));
        itemService.tables.add(table("ACTIVE"));
        itemService.duringNextCall = () -> catalog.forget("t"); // the index is activated while this fetch is answered

        assertEquals("CREATING", catalog.require("t").index("byG").status());
        assertEquals("ACTIVE", catalog.require("t").index("byG").status(), "fetched again, not the stale definition");
        assertEquals(2, itemService.calls);
    }

    @Test
    void aDefinitionIsReusedWithinTheCacheTime() {
        Answers itemService = new Answers();
        CatalogClient catalog = new CatalogClient(itemService, cachingForOneSecond());
        itemService.tables.add(table("ACTIVE"));

        catalog.require("t");
        catalog.require("t");
        assertEquals(1, itemService.calls);
    }
}
