package io.dynamis.item.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.dynamis.core.json.Json;
import io.dynamis.core.table.TableDefinition;
import io.dynamis.item.catalog.TableCatalog;
import io.dynamis.item.config.ItemServiceConfig;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A follower shard's catalog: definitions stored as the authority made them, catch-ups that never undo a newer change. */
class FollowerCatalogTest {

    @TempDir
    Path dir;

    /** A step run against a catalog of a fresh store. */
    private interface WithCatalog {
        void run(TableCatalog catalog) throws Exception;
    }

    private void withCatalog(WithCatalog step) throws Exception {
        ItemServiceConfig config = TestStores.config(dir, 64);
        try (TestStores.Open open = TestStores.Open.at(config)) {
            step.run(new TableCatalog(open.store(), open.writer()));
        }
    }

    @Test
    void aFollowerStoresTheAuthoritysDefinitionAsItIsAndDeletesIt() throws Exception {
        withCatalog(catalog -> {
            TableDefinition authoritys = TestStores.table(0).withExtra(Json.object());
            catalog.follow(authoritys).get(10, TimeUnit.SECONDS);
            assertEquals(authoritys, catalog.find(authoritys.name()));
            assertEquals(authoritys.storeId(), catalog.find(authoritys.name()).storeId());

            catalog.followDeleted(authoritys.name(), authoritys.storeId() + 1).get(10, TimeUnit.SECONDS);
            assertEquals(authoritys, catalog.find(authoritys.name()), "another table's deletion changes nothing");
            catalog.followDeleted(authoritys.name(), authoritys.storeId()).get(10, TimeUnit.SECONDS);
            assertNull(catalog.find(authoritys.name()));
        });
    }

    @Test
    void aCatchUpFromAnOlderSnapshotNeverUndoesAChangeHandedOverSince() throws Exception {
        withCatalog(catalog -> {
            TableDefinition before = TestStores.table(0).withExtra(Json.object());
            catalog.follow(before).get(10, TimeUnit.SECONDS);
            // a catch-up asked for the authority's catalog; meanwhile a newer change was handed over
            TableDefinition newer = before.withStatus("UPDATING");
            catalog.follow(newer).get(10, TimeUnit.SECONDS);
            // the catch-up's snapshot is older: neither its deletion nor its definition applies
            catalog.followDeleted(before.name(), before.storeId(), before).get(10, TimeUnit.SECONDS);
            catalog.follow(before.withStatus("CREATING"), before, true).get(10, TimeUnit.SECONDS);
            assertEquals(newer, catalog.find(before.name()), "the newer definition stays");
            // a catch-up that saw the table as it still is applies
            catalog.follow(before.withStatus("ACTIVE"), newer, true).get(10, TimeUnit.SECONDS);
            assertEquals("ACTIVE", catalog.find(before.name()).status());
        });
    }
}
