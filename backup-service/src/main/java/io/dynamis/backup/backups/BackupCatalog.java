package io.dynamis.backup.backups;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dynamis.backup.archive.ArchiveStore;
import io.dynamis.backup.archive.ArchivedTable;
import io.dynamis.backup.archive.TableStates;
import io.dynamis.backup.client.TableShapes;
import io.dynamis.backup.pitr.ContinuousBackups;
import io.dynamis.core.error.ApiError;
import io.dynamis.core.json.Json;
import io.dynamis.core.table.IndexDefinition;
import io.dynamis.core.table.TableDefinition;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * On-demand backups: a frozen copy of a table's state, taken from the archive (the table's copy plus its
 * records up to the moment the backup is asked for, once the archive has caught up with item-service),
 * stored in the archive's file with the table's definition. A backup is AVAILABLE once CreateBackup
 * answers and stays until DeleteBackup, whatever happens to its table. A table with point-in-time
 * recovery that is deleted gets a SYSTEM backup of its last state, named {@code <table>$DeletedTableBackup}.
 */
@ApplicationScoped
public class BackupCatalog {

    private static final int COMMIT_EVERY = 10_000;

    private final ArchiveStore store;
    private final TableStates states;
    private final ContinuousBackups continuousBackups;

    public BackupCatalog(ArchiveStore store, TableStates states, ContinuousBackups continuousBackups) {
        this.store = store;
        this.states = states;
        this.continuousBackups = continuousBackups;
    }

    /** Takes a backup of the table's current state; returns its record. */
    public ObjectNode create(ArchivedTable table, TableDefinition definition, String name, String type) {
        long at = states.awaitCaughtUp();
        long id = store.allocateId();
        long[] counts = {0, 0};
        states.forEachItem(table, at, item -> {
            synchronized (store.lock()) {
                store.putBackupItem(id, counts[0]++, item);
                counts[1] += item.length;
                if (counts[0] % COMMIT_EVERY == 0) {
                    store.db().checkpoint();
                }
            }
        });
        long now = System.currentTimeMillis();
        String tableArn = continuousBackups.tableArnPrefix() + definition.name();
        ObjectNode backup = Json.object();
        backup.put("BackupArn", String.format("%s/backup/%017d-%08x", tableArn, now,
                ThreadLocalRandom.current().nextInt()));
        backup.put("BackupName", name);
        backup.put("BackupType", type);
        backup.put("BackupStatus", "AVAILABLE");
        backup.put("BackupCreationMillis", now);
        backup.put("StateMillis", at);
        backup.put("BackupSizeBytes", counts[1]);
        backup.put("ItemCount", counts[0]);
        backup.put("BackupId", id);
        backup.put("TableArn", tableArn);
        backup.set("Table", Json.MAPPER.valueToTree(definition));
        synchronized (store.lock()) {
            store.backups().put(backup.get("BackupArn").asText(), Json.toBytes(backup));
            store.db().checkpoint();
        }
        return backup;
    }

    /** The backup of that ARN, or BackupNotFoundException. */
    public ObjectNode require(String arn) {
        byte[] bytes = arn == null ? null : store.backups().get(arn);
        if (bytes == null) {
            throw ApiError.backupNotFound(arn);
        }
        return (ObjectNode) Json.readTree(bytes);
    }

    public List<ObjectNode> all() {
        List<ObjectNode> all = new ArrayList<>();
        store.backups().values().forEach(bytes -> all.add((ObjectNode) Json.readTree(bytes)));
        all.sort((a, b) -> {
            int byTime = Long.compare(a.path("BackupCreationMillis").asLong(), b.path("BackupCreationMillis").asLong());
            return byTime != 0 ? byTime : a.path("BackupArn").asText().compareTo(b.path("BackupArn").asText());
        });
        return all;
    }

    /** Deletes the backup and its items; returns its record. */
    public ObjectNode delete(String arn) {
        ObjectNode backup = require(arn);
        synchronized (store.lock()) {
            store.removeBackupItems(backup.path("BackupId").asLong());
            store.backups().remove(arn);
            store.db().checkpoint();
        }
        return backup;
    }

    /** The items of a backup, as DynamoDB JSON bytes (a live view). */
    public Iterable<byte[]> items(ObjectNode backup) {
        var items = store.backupItems(backup.path("BackupId").asLong());
        return () -> java.util.stream.StreamSupport.stream(items.spliterator(), false).map(Map.Entry::getValue).iterator();
    }

    public static TableDefinition table(ObjectNode backup) {
        return Json.MAPPER.convertValue(backup.get("Table"), TableDefinition.class);
    }

    // ---- DynamoDB's shapes ----

    /** BackupDetails. */
    public static ObjectNode details(ObjectNode backup) {
        ObjectNode d = Json.object();
        d.put("BackupArn", backup.path("BackupArn").asText());
        d.put("BackupName", backup.path("BackupName").asText());
        d.put("BackupSizeBytes", backup.path("BackupSizeBytes").asLong());
        d.put("BackupStatus", backup.path("BackupStatus").asText());
        d.put("BackupType", backup.path("BackupType").asText());
        d.put("BackupCreationDateTime", ContinuousBackups.seconds(backup.path("BackupCreationMillis").asLong()));
        return d;
    }

    /** BackupSummary, as ListBackups lists it. */
    public static ObjectNode summary(ObjectNode backup) {
        TableDefinition table = table(backup);
        ObjectNode s = details(backup);
        s.put("TableName", table.name());
        s.put("TableId", table.tableId());
        s.put("TableArn", backup.path("TableArn").asText());
        return s;
    }

    /** BackupDescription: the details, the source table and its features. */
    public static ObjectNode description(ObjectNode backup) {
        TableDefinition table = table(backup);
        ObjectNode description = Json.object();
        description.set("BackupDetails", details(backup));
        ObjectNode source = description.putObject("SourceTableDetails");
        source.put("TableName", table.name());
        source.put("TableId", table.tableId());
        source.put("TableArn", backup.path("TableArn").asText());
        source.put("TableSizeBytes", backup.path("BackupSizeBytes").asLong());
        TableShapes.keySchema(table.keySchema(), source.putArray("KeySchema"));
        source.put("TableCreationDateTime", ContinuousBackups.seconds(table.createdMillis()));
        source.putObject("ProvisionedThroughput").put("ReadCapacityUnits", table.readCapacityUnits())
                .put("WriteCapacityUnits", table.writeCapacityUnits());
        source.put("ItemCount", backup.path("ItemCount").asLong());
        source.put("BillingMode", table.billingMode());
        ObjectNode features = description.putObject("SourceTableFeatureDetails");
        ArrayNode locals = null;
        ArrayNode globals = null;
        for (IndexDefinition index : table.indexes()) {
            ObjectNode i;
            if (index.global()) {
                globals = globals == null ? features.putArray("GlobalSecondaryIndexes") : globals;
                i = globals.addObject();
            } else {
                locals = locals == null ? features.putArray("LocalSecondaryIndexes") : locals;
                i = locals.addObject();
            }
            TableShapes.index(index, i);
            if (index.global()) {
                i.putObject("ProvisionedThroughput").put("ReadCapacityUnits", index.readCapacityUnits())
                        .put("WriteCapacityUnits", index.writeCapacityUnits());
            }
        }
        JsonNode stream = table.extra() == null ? null : table.extra().get("StreamSpecification");
        if (stream != null && stream.path("StreamEnabled").asBoolean(false)) {
            features.putObject("StreamDescription").put("StreamEnabled", true)
                    .put("StreamViewType", stream.path("StreamViewType").asText());
        }
        String ttl = table.timeToLiveAttribute();
        if (ttl != null) {
            features.putObject("TimeToLiveDescription").put("TimeToLiveStatus", "ENABLED").put("AttributeName", ttl);
        }
        return description;
    }
}
