package io.dynamis.backup.backups;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dynamis.core.json.Json;
import io.dynamis.core.protocol.Operation;
import io.dynamis.core.protocol.RequestReader;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** DescribeBackup: the backup, its source table and that table's features. */
@ApplicationScoped
public class DescribeBackup implements Operation {

    private final BackupCatalog backups;

    public DescribeBackup(BackupCatalog backups) {
        this.backups = backups;
    }

    @Override
    public String name() {
        return "DescribeBackup";
    }

    @Override
    public CompletionStage<ObjectNode> execute(ObjectNode json) {
        String arn = BackupArns.required(json);
        ObjectNode response = Json.object();
        response.set("BackupDescription", BackupCatalog.description(backups.require(arn)));
        return CompletableFuture.completedFuture(response);
    }
}
