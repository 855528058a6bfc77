package io.dynamis.backup.backups;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dynamis.core.json.Json;
import io.dynamis.core.protocol.Operation;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** DeleteBackup: the backup is gone; the answer describes it as DELETED. */
@ApplicationScoped
public class DeleteBackup implements Operation {

    private final BackupCatalog backups;

    public DeleteBackup(BackupCatalog backups) {
        this.backups = backups;
    }

    @Override
    public String name() {
        return "DeleteBackup";
    }

    @Override
    public CompletionStage<ObjectNode> execute(ObjectNode json) {
        ObjectNode backup = backups.delete(BackupArns.required(json));
        backup.put("BackupStatus", "DELETED");
        ObjectNode response = Json.object();
        response.set("BackupDescription", BackupCatalog.description(backup));
        return CompletableFuture.completedFuture(response);
    }
}
