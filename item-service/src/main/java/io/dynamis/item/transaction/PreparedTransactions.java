package io.dynamis.item.transaction;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dynamis.core.json.AttributeValueCodec;
import io.dynamis.core.json.Json;
import io.dynamis.core.key.PrimaryKeys;
import io.dynamis.core.roles.Plays;
import io.dynamis.core.roles.Role;
import io.dynamis.core.roles.RoleEvents.RoleStart;
import io.dynamis.core.roles.RoleEvents.RoleStop;
import io.dynamis.core.shard.ShardRouter;
import io.dynamis.core.table.TableDefinition;
import io.dynamis.item.catalog.TableCatalog;
import io.dynamis.item.config.ItemServiceConfig;
import io.dynamis.item.storage.ItemStore;
import io.dynamis.item.storage.PreparedTransaction;
import io.dynamis.item.storage.StoreWriter;
import io.dynamis.item.storage.StoreWrites;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * The participant side of cross-shard transactions on this shard: applies or drops a prepared part when
 * its decision arrives ({@code DynamisTransactFinish}), and resolves the parts whose decision does not come:
 * a part prepared {@link #ASK_AFTER_MILLIS} ago or more (a router that died, a coordinator shard that
 * crashed, this shard restarted) is asked of its coordinator shard ({@code DynamisTransactStatus}), which
 * answers its decision or, having none, records an abort. Until then its items stay held.
 */
@ApplicationScoped
public class PreparedTransactions {

    private static final Logger LOG = Logger.getLogger(PreparedTransactions.class);
    static final long ASK_AFTER_MILLIS = 5_000;
    static final long RESOLVE_EVERY_MILLIS = 1_000;

    private final StoreWriter writer;
    private final ItemStore store;
    private final TableCatalog catalog;
    private final ShardRouter router;
    private final ItemServiceConfig config;
    private final Set<String> asking = ConcurrentHashMap.newKeySet();
    private ScheduledExecutorService resolver;

    public PreparedTransactions(StoreWriter writer, ItemStore store, TableCatalog catalog, ShardRouter router,
            ItemServiceConfig config) {
        this.writer = writer;
        this.store = store;
        this.catalog = catalog;
        this.router = router;
        this.config = config;
    }

    /** Applies ({@code commit}) or drops a transaction's prepared part, once durable; nothing when there is none. */
    public CompletableFuture<Void> finish(String id, boolean commit) {
        return writer.submit(writes -> {
            finish(writes, id, commit);
            return null;
        });
    }

    /**
     * On the writer thread: removes the prepared record, releases its items and, for a commit, stores each
     * action's new image (its change-log records written now), all in the commit being assembled. An action of
     * a table deleted since (or deleted and created again) is left out: its items went with the table.
     */
    public void finish(StoreWrites writes, String id, boolean commit) {
        PreparedTransaction prepared = writes.removePrepared(id);
        if (prepared == null || !commit) {
            return;
        }
        for (PreparedTransaction.Action action : prepared.actions()) {
            if (action.check()) {
                continue;
            }
            TableDefinition table = catalog.find(action.table());
            if (table == null || table.storeId() != action.storeId()) {
                LOG.warnf("Transaction %s: table %s was deleted since it prepared; its action is left out", id, action.table());
                continue;
            }
            PrimaryKeys.Key key = PrimaryKeys.ofKey(table.keySchema(), AttributeValueCodec.decodeItem(action.key()));
            if (action.newStored() != null) {
                writes.putItem(table, key, action.storageKey(), action.newStored());
            } else {
                writes.removeItem(table, key, action.storageKey());
            }
        }
    }

    void onStart(@Observes @Plays(Role.ITEM) RoleStart event) {
        if (config.shards() <= 1) {
            return; // one shard: no transaction is ever prepared
        }
        resolver = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "transaction-resolver");
            thread.setDaemon(true);
            return thread;
        });
        resolver.scheduleWithFixedDelay(this::resolve, RESOLVE_EVERY_MILLIS, RESOLVE_EVERY_MILLIS, TimeUnit.MILLISECONDS);
    }

    void onStop(@Observes @Plays(Role.ITEM) RoleStop event) {
        if (resolver != null) {
            resolver.shutdownNow();
        }
    }

    /** Asks the coordinator shard of every part prepared long enough ago for its decision, and applies it. */
    void resolve() {
        try {
            long now = System.currentTimeMillis();
            for (Map.Entry<String, byte[]> entry : Map.copyOf(store.preparedTransactions()).entrySet()) {
                PreparedTransaction prepared = PreparedTransaction.decode(entry.getValue());
                if (now - prepared.preparedMillis() < ASK_AFTER_MILLIS || !asking.add(prepared.id())) {
                    continue;
                }
                ObjectNode request = Json.object().put("TransactionId", prepared.id());
                router.shard(prepared.coordinator()).call("DynamisTransactStatus", request).toCompletableFuture()
                        .thenCompose(answer -> {
                            boolean commit = "Committed".equals(answer.path("Outcome").asText());
                            LOG.infof("Transaction %s: its coordinator shard %d says %s", prepared.id(),
                                    prepared.coordinator(), answer.path("Outcome").asText());
                            return finish(prepared.id(), commit);
                        })
                        .whenComplete((done, failure) -> {
                            asking.remove(prepared.id());
                            if (failure != null) {
                                LOG.debugf("Transaction %s: no decision from coordinator shard %d yet: %s", prepared.id(),
                                        prepared.coordinator(), failure.toString());
                            }
                        });
            }
        } catch (RuntimeException e) {
            LOG.warn("Resolving prepared transactions failed; trying again", e);
        }
    }
}
