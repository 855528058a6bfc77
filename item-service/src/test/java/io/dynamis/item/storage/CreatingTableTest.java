package io.dynamis.item.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.dynamis.core.error.ApiError;
import io.dynamis.core.error.ErrorCode;
import io.dynamis.core.json.Json;
import io.dynamis.core.table.TableDefinition;
import io.dynamis.item.catalog.TableCatalog;
import io.dynamis.item.config.ItemServiceConfig;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A table CREATING (a restore's target while it loads) is not there for item operations, as in DynamoDB. */
class CreatingTableTest {

    @TempDir
    Path dir;

    @Test
    void itemOperationsFindACreatingTableOnlyOnceItIsActive() throws Exception {
        ItemServiceConfig config = TestStores.config(dir, 64);
        try (TestStores.Open open = TestStores.Open.at(config)) {
            TableCatalog catalog = new TableCatalog(open.store(), open.writer());
            TableDefinition requested = TestStores.table(0).withExtra(Json.object()).withStatus("CREATING");
            catalog.create(requested).get(10, TimeUnit.SECONDS);

            ApiError error = assertThrows(ApiError.class, () -> catalog.requireForItems(requested.name()));
            assertEquals(ErrorCode.RESOURCE_NOT_FOUND, error.code());
            assertEquals("Requested resource not found", error.getMessage());
            assertEquals("CREATING", catalog.require(requested.name()).status());

            catalog.update(requested.name(), table -> table.withStatus("ACTIVE")).get(10, TimeUnit.SECONDS);
            assertEquals("ACTIVE", catalog.requireForItems(requested.name()).status());
        }
    }
}
