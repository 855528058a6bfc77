package io.dynamis.backup.backups;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dynamis.backup.restore.RestoreJobs;
import io.dynamis.core.json.Json;
import io.dynamis.core.protocol.Operation;
import io.dynamis.core.protocol.RequestReader;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** RestoreTableFromBackup: the backup's items into a new table, with the backed-up table's indexes unless overridden. */
@ApplicationScoped
public class RestoreTableFromBackup implements Operation {

    private final BackupCatalog backups;
    private final RestoreJobs jobs;

    public RestoreTableFromBackup(BackupCatalog backups, RestoreJobs jobs) {
        this.backups = backups;
        this.jobs = jobs;
    }

    @Override
    public String name() {
        return "RestoreTableFromBackup";
    }

    @Override
    public CompletionStage<ObjectNode> execute(ObjectNode json) {
        RequestReader request = new RequestReader(json);
        String target = request.tableName("TargetTableName", "targetTableName");
        request.validate();
        ObjectNode backup = backups.require(BackupArns.required(json));
        ObjectNode summary = Json.object();
        summary.put("SourceBackupArn", backup.path("BackupArn").asText());
        summary.put("SourceTableArn", backup.path("TableArn").asText());
        summary.put("RestoreDateTimeMillis", backup.path("BackupCreationMillis").asLong());
        ObjectNode description = jobs.start(target, BackupCatalog.table(backup), request, summary,
                (total, sink) -> {
                    total.accept(backup.path("ItemCount").asLong());
                    backups.items(backup).forEach(sink);
                });
        ObjectNode response = Json.object();
        response.set("TableDescription", description);
        return CompletableFuture.completedFuture(response);
    }
}
