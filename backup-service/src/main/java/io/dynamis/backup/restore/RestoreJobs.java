package io.dynamis.backup.restore;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dynamis.backup.archive.ArchiveStore;
import io.dynamis.backup.client.ItemServiceClient;
import io.dynamis.backup.config.BackupServiceConfig;
import io.dynamis.core.json.Json;
import io.dynamis.core.protocol.RequestReader;
import io.dynamis.core.roles.Plays;
import io.dynamis.core.roles.Role;
import io.dynamis.core.roles.RoleEvents.RoleStart;
import io.dynamis.core.roles.RoleEvents.RoleStop;
import io.dynamis.core.table.PrimaryKeySchema;
import io.dynamis.core.table.TableDefinition;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.function.LongConsumer;
import org.jboss.logging.Logger;

/**
 * Restores: how a table comes back, from a point in time or from a backup, always into a new table.
 *
 * <p>A restore creates its target table through item-service, CREATING, with the source's indexes
 * (unless overridden) and a RestoreSummary; the request is answered then. A job of its own then counts
 * the items of the state to restore, puts them in item-service's key order ({@link KeyOrder}), and streams them
 * to item-service in batches, one in flight while the next is read ({@code DynamisLoadItems}: one commit each, through the single writer, so local indexes are written
 * with the items and the change log carries them to query-service, which builds the global indexes);
 * last, the table becomes ACTIVE. Each restore is recorded with its state and progress (items loaded
 * of the total, percent, estimated time left) for the admin API. A restore cut short by a stop of this
 * service is marked FAILED at the next start; its target table stays CREATING until deleted.
 */
@ApplicationScoped
public class RestoreJobs {

    private static final Logger LOG = Logger.getLogger(RestoreJobs.class);

    /**
     * Where a restore's items come from: tells how many there are ({@code total}, once, before the first item),
     * then hands each item of the state to {@code sink}, as DynamoDB JSON bytes.
     */
    public interface ItemSource {
        void forEach(LongConsumer total, Consumer<byte[]> sink);
    }

    private final ItemServiceClient itemService;
    private final ArchiveStore store;
    private final BackupServiceConfig config;
    private final Map<String, ObjectNode> live = new ConcurrentHashMap<>();
    private final ExecutorService jobs = Executors.newFixedThreadPool(2, r -> {
        Thread thread = new Thread(r, "restore");
        thread.setDaemon(true);
        return thread;
    });

    public RestoreJobs(ItemServiceClient itemService, ArchiveStore store, BackupServiceConfig config) {
        this.itemService = itemService;
        this.store = store;
        this.config = config;
    }

    void start(@Observes @Plays(Role.BACKUP) RoleStart event) {
        KeyOrder.emptySpillFolder(spillFolder());
        synchronized (store.lock()) {
            for (Map.Entry<String, byte[]> entry : List.copyOf(store.restores().entrySet())) {
                ObjectNode restore = (ObjectNode) Json.readTree(entry.getValue());
                if ("IN_PROGRESS".equals(restore.path("Status").asText())) {
                    restore.put("Status", "FAILED").put("Failure", "backup-service stopped during the restore");
                    store.restores().put(entry.getKey(), Json.toBytes(restore));
                }
            }
            store.db().checkpoint();
        }
    }

    void stop(@Observes @Plays(Role.BACKUP) RoleStop event) {
        jobs.shutdownNow();
    }

    /**
     * Starts a restore of {@code source} into a new table; answers the target's TableDescription
     * (CREATING, with its RestoreSummary) once the table exists.
     */
    public ObjectNode start(String targetName, TableDefinition sourceDefinition, RequestReader overrides,
            ObjectNode summary, ItemSource source) {
        if (itemService.table(targetName) != null) {
            throw io.dynamis.core.error.ApiError.tableAlreadyExists(targetName);
        }
        ObjectNode createTable = RestoreTargets.createTable(targetName, sourceDefinition, overrides);
        summary.put("RestoreInProgress", true);
        ObjectNode description = itemService.createRestoredTable(createTable, summary);
        String tableId = description.path("TableId").asText();
        ObjectNode restore = Json.object();
        restore.put("RestoreId", UUID.randomUUID().toString());
        restore.put("TargetTableName", targetName);
        restore.put("TargetTableId", tableId);
        restore.put("TargetTableArn", description.path("TableArn").asText());
        for (String member : new String[] {"SourceTableArn", "SourceBackupArn"}) {
            if (summary.hasNonNull(member)) {
                restore.put(member, summary.get(member).asText());
            }
        }
        restore.put("RestoreDateTimeMillis", summary.path("RestoreDateTimeMillis").asLong());
        restore.put("Status", "IN_PROGRESS");
        restore.put("ItemsTotal", -1);
        restore.put("ItemsLoaded", 0);
        restore.put("StartedMillis", System.currentTimeMillis());
        save(restore);
        PrimaryKeySchema keySchema = sourceDefinition.keySchema();
        jobs.submit(() -> run(restore, keySchema, source));
        return description;
    }

    /** Every restore this service ran or runs, newest first, with its progress. */
    public List<ObjectNode> list() {
        List<ObjectNode> all = new ArrayList<>();
        for (byte[] bytes : store.restores().values()) {
            ObjectNode restore = (ObjectNode) Json.readTree(bytes);
            ObjectNode current = live.get(restore.path("RestoreId").asText());
            if (current != null) {
                synchronized (current) {
                    restore = current.deepCopy();
                }
            }
            all.add(progress(restore));
        }
        all.sort((a, b) -> Long.compare(b.path("StartedMillis").asLong(), a.path("StartedMillis").asLong()));
        return all;
    }

    /** Where a restore's sorted runs wait for their merge: beside the archive, never in the system's temp folder. */
    private Path spillFolder() {
        return Path.of(config.dataDir(), "restore-runs");
    }

    private void run(ObjectNode restore, PrimaryKeySchema keySchema, ItemSource source) {
        String id = restore.path("RestoreId").asText();
        live.put(id, restore);
        String table = restore.path("TargetTableName").asText();
        String tableId = restore.path("TargetTableId").asText();
        try {
            // one batch in flight: the next one is read and assembled while item-service commits the last
            Loader loader = new Loader(restore, table, tableId);
            long loaded;
            // the items go to item-service in its own key order (KeyOrder): the writer then appends to its tree
            try (KeyOrder ordered = new KeyOrder(keySchema, spillFolder(), loader::add)) {
                source.forEach(total -> {
                    synchronized (restore) {
                        restore.put("ItemsTotal", total);
                    }
                }, ordered::add);
                ordered.finish();
                loaded = loader.finish();
            }
            itemService.finishRestore(table, tableId);
            synchronized (restore) {
                restore.put("ItemsLoaded", loaded);
                restore.put("Status", "COMPLETED").put("FinishedMillis", System.currentTimeMillis());
            }
            LOG.infof("Restored %d item(s) into %s", loaded, table);
        } catch (RuntimeException e) {
            LOG.errorf(e, "Restore into %s failed", table);
            synchronized (restore) {
                restore.put("Status", "FAILED").put("Failure", String.valueOf(e.getMessage()))
                        .put("FinishedMillis", System.currentTimeMillis());
            }
        } finally {
            synchronized (restore) {
                save(restore);
            }
            live.remove(id);
        }
    }

    /**
     * Sends a restore's items to item-service in batches, one batch in flight while the next is assembled,
     * and keeps the restore's progress; a failed batch fails the restore (at the next batch or at the end).
     */
    private final class Loader {
        private final ObjectNode restore;
        private final String table;
        private final String tableId;
        private List<JsonNode> batch = new ArrayList<>(config.restoreBatchItems());
        private CompletableFuture<Void> inFlight = CompletableFuture.completedFuture(null);
        private long loaded;

        Loader(ObjectNode restore, String table, String tableId) {
            this.restore = restore;
            this.table = table;
            this.tableId = tableId;
        }

        void add(byte[] item) {
            batch.add(Json.readTree(item));
            if (batch.size() == config.restoreBatchItems()) {
                send();
            }
        }

        /** Sends what is left and waits for every batch; answers how many items were loaded. */
        long finish() {
            if (!batch.isEmpty()) {
                send();
            }
            awaitInFlight();
            return loaded;
        }

        private void send() {
            awaitInFlight();
            List<JsonNode> sent = batch;
            batch = new ArrayList<>(config.restoreBatchItems());
            inFlight = itemService.loadItems(table, tableId, sent).thenRun(() -> {
                synchronized (restore) {
                    loaded += sent.size();
                    restore.put("ItemsLoaded", loaded);
                }
            });
        }

        private void awaitInFlight() {
            try {
                inFlight.join();
            } catch (java.util.concurrent.CompletionException e) {
                throw e.getCause() instanceof RuntimeException runtime ? runtime : e;
            }
        }
    }

    private void save(ObjectNode restore) {
        synchronized (store.lock()) {
            store.restores().put(restore.path("RestoreId").asText(), Json.toBytes(restore));
            store.db().checkpoint();
        }
    }

    /** Adds the derived progress: percent done and estimated seconds left. */
    private static ObjectNode progress(ObjectNode restore) {
        long total = restore.path("ItemsTotal").asLong(-1);
        long loaded = restore.path("ItemsLoaded").asLong(0);
        if ("COMPLETED".equals(restore.path("Status").asText())) {
            restore.put("PercentDone", 100.0);
            restore.put("SecondsLeft", 0);
        } else if (total > 0) {
            restore.put("PercentDone", Math.floor(1000.0 * loaded / total) / 10);
            long elapsed = System.currentTimeMillis() - restore.path("StartedMillis").asLong();
            if (loaded > 0) {
                restore.put("SecondsLeft", (long) Math.ceil(elapsed / 1000.0 * (total - loaded) / loaded));
            }
        } else if (total == 0) {
            restore.put("PercentDone", 100.0);
        }
        return restore;
    }

    /** The restores as an array, for the admin listing. */
    public ArrayNode listJson() {
        ArrayNode array = Json.MAPPER.createArrayNode();
        list().forEach(array::add);
        return array;
    }
}
