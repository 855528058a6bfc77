package io.dynamis.backup.backups;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dynamis.backup.client.ItemServiceClient;
import io.dynamis.backup.pitr.ContinuousBackups;
import io.dynamis.core.json.Json;
import io.dynamis.core.protocol.Operation;
import io.dynamis.core.protocol.RequestReader;
import io.dynamis.core.table.TableDefinition;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.regex.Pattern;

/** CreateBackup: an on-demand (USER) backup of the table as it is now. */
@ApplicationScoped
public class CreateBackup implements Operation {

    private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9_.-]+");

    private final ItemServiceClient itemService;
    private final ContinuousBackups continuousBackups;
    private final BackupCatalog backups;

    public CreateBackup(ItemServiceClient itemService, ContinuousBackups continuousBackups, BackupCatalog backups) {
        this.itemService = itemService;
        this.continuousBackups = continuousBackups;
        this.backups = backups;
    }

    @Override
    public String name() {
        return "CreateBackup";
    }

    @Override
    public CompletionStage<ObjectNode> execute(ObjectNode json) {
        RequestReader request = new RequestReader(json);
        String tableName = request.requiredTableName();
        String backupName = request.string("BackupName");
        if (backupName == null) {
            request.violation("Value null at 'backupName' failed to satisfy constraint: Member must not be null");
        } else {
            if (!NAME.matcher(backupName).matches()) {
                request.violation("Value '" + backupName + "' at 'backupName' failed to satisfy constraint: Member must"
                        + " satisfy regular expression pattern: [a-zA-Z0-9_.-]+");
            }
            if (backupName.length() < 3 || backupName.length() > 255) {
                request.violation("Value '" + backupName + "' at 'backupName' failed to satisfy constraint: Member must"
                        + " have length " + (backupName.length() < 3 ? "greater than or equal to 3"
                        : "less than or equal to 255"));
            }
        }
        request.validate();
        TableDefinition table = itemService.requireTable(tableName);
        ObjectNode backup = backups.create(continuousBackups.archived(table), table, backupName, "USER");
        ObjectNode response = Json.object();
        response.set("BackupDetails", BackupCatalog.details(backup));
        return CompletableFuture.completedFuture(response);
    }
}
