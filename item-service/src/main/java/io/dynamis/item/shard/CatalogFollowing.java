package io.dynamis.item.shard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dynamis.core.json.Json;
import io.dynamis.core.roles.Plays;
import io.dynamis.core.roles.Role;
import io.dynamis.core.roles.RoleEvents.RoleStart;
import io.dynamis.core.roles.RoleEvents.RoleStop;
import io.dynamis.core.shard.ShardRouter;
import io.dynamis.core.table.TableDefinition;
import io.dynamis.item.catalog.TableCatalog;
import io.dynamis.item.config.ItemServiceConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * The table catalog on every shard. Decision: shard 0 is the catalog authority. Every table operation is
 * routed to it; it allocates the table's id and store ids and commits the change, then hands the stored
 * definition (or the deletion) to every other shard ({@code DynamisFollowCatalog}), which stores it as it
 * is, and answers once they all have, or after {@link #PUBLISH_TIMEOUT_SECONDS}. A follower that missed a
 * change (it was down) catches up from the authority's whole catalog ({@code DynamisCatalogSnapshot}) when
 * it starts and every {@link #SYNC_SECONDS} after, so the shards converge to the authority's catalog; until
 * then an item request for a table it does not know yet is ResourceNotFoundException, which is what a
 * client sees of a table being created.
 */
@ApplicationScoped
public class CatalogFollowing {

    private static final Logger LOG = Logger.getLogger(CatalogFollowing.class);
    static final long PUBLISH_TIMEOUT_SECONDS = 10;
    static final long SYNC_SECONDS = 5;

    private final ItemServiceConfig config;
    private final ShardRouter router;
    private final TableCatalog catalog;
    private ScheduledExecutorService sync;

    public CatalogFollowing(ItemServiceConfig config, ShardRouter router, TableCatalog catalog) {
        this.config = config;
        this.router = router;
        this.catalog = catalog;
    }

    /** True when this shard is the catalog authority of a cluster with followers. */
    public boolean leads() {
        return config.shards() > 1 && config.shard() == 0;
    }

    /** Hands a committed definition to every follower; completes (never exceptionally) once they took it. */
    public CompletableFuture<Void> publish(TableDefinition table) {
        ObjectNode request = Json.object();
        request.set("Table", Json.MAPPER.valueToTree(table));
        return toFollowers(request, "table " + table.name());
    }

    /** Tells every follower that the table with that store id was deleted. */
    public CompletableFuture<Void> publishDeleted(TableDefinition table) {
        return toFollowers(Json.object().put("DeletedTable", table.name()).put("StoreId", table.storeId()),
                "deletion of table " + table.name());
    }

    private CompletableFuture<Void> toFollowers(ObjectNode request, String what) {
        if (!leads()) {
            return CompletableFuture.completedFuture(null);
        }
        List<CompletableFuture<?>> calls = new ArrayList<>();
        for (int shard = 1; shard < router.shardCount(); shard++) {
            int follower = shard;
            calls.add(router.shard(shard).call("DynamisFollowCatalog", request.deepCopy()).toCompletableFuture()
                    .orTimeout(PUBLISH_TIMEOUT_SECONDS, TimeUnit.SECONDS)
                    .handle((answer, failure) -> {
                        if (failure != null) {
                            LOG.warnf("shard %d did not take the %s (it catches up within %d s of being back): %s",
                                    follower, what, SYNC_SECONDS, failure.toString());
                        }
                        return null;
                    }));
        }
        return CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new));
    }

    void onStart(@Observes @Plays(Role.ITEM) RoleStart event) {
        if (config.shards() == 1 || config.shard() == 0) {
            return;
        }
        sync = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "catalog-follower");
            thread.setDaemon(true);
            return thread;
        });
        sync.scheduleWithFixedDelay(this::syncSafely, 0, SYNC_SECONDS, TimeUnit.SECONDS);
    }

    void onStop(@Observes @Plays(Role.ITEM) RoleStop event) {
        if (sync != null) {
            sync.shutdownNow();
        }
    }

    private void syncSafely() {
        try {
            sync();
        } catch (RuntimeException e) {
            LOG.debugf("catalog sync with shard 0 failed (retried in %d s): %s", SYNC_SECONDS, e.toString());
        }
    }

    /**
     * Makes this follower's catalog the authority's: tables stored as shard 0 has them, others deleted. A
     * change handed over by shard 0 while the snapshot was on its way is newer than the snapshot, so each
     * change here applies only if the table is still as it was before the snapshot was asked for.
     */
    void sync() {
        Map<String, TableDefinition> before = new HashMap<>();
        catalog.all().forEach(table -> before.put(table.name(), table));
        JsonNode answer = router.shard(0).callAndWait("DynamisCatalogSnapshot", Json.object());
        Map<String, TableDefinition> authority = new HashMap<>();
        for (JsonNode table : answer.path("Tables")) {
            TableDefinition definition = Json.MAPPER.convertValue(table, TableDefinition.class);
            authority.put(definition.name(), definition);
        }
        for (TableDefinition mine : before.values()) {
            TableDefinition theirs = authority.get(mine.name());
            if (theirs == null) {
                catalog.followDeleted(mine.name(), mine.storeId(), mine).join();
            }
        }
        for (TableDefinition theirs : authority.values()) {
            TableDefinition mine = before.get(theirs.name());
            if (mine == null || !Json.MAPPER.valueToTree(mine).equals(Json.MAPPER.valueToTree(theirs))) {
                catalog.follow(theirs, mine, true).join();
            }
        }
    }
}
