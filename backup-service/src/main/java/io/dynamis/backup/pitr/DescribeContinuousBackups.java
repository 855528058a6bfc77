package io.dynamis.backup.pitr;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dynamis.backup.client.ItemServiceClient;
import io.dynamis.core.json.Json;
import io.dynamis.core.protocol.Operation;
import io.dynamis.core.protocol.RequestReader;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** DescribeContinuousBackups: the table's point-in-time recovery status and restore window. */
@ApplicationScoped
public class DescribeContinuousBackups implements Operation {

    private final ContinuousBackups backups;
    private final ItemServiceClient itemService;

    public DescribeContinuousBackups(ContinuousBackups backups, ItemServiceClient itemService) {
        this.backups = backups;
        this.itemService = itemService;
    }

    @Override
    public String name() {
        return "DescribeContinuousBackups";
    }

    @Override
    public CompletionStage<ObjectNode> execute(ObjectNode json) {
        RequestReader request = new RequestReader(json);
        String tableName = request.requiredTableName();
        request.validate();
        ObjectNode response = Json.object();
        response.set("ContinuousBackupsDescription", backups.describe(itemService.requireTable(tableName)));
        return CompletableFuture.completedFuture(response);
    }
}
