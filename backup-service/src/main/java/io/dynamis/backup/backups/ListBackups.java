package io.dynamis.backup.backups;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dynamis.core.json.Json;
import io.dynamis.core.protocol.Operation;
import io.dynamis.core.protocol.RequestReader;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * ListBackups: backups in creation order, filtered by TableName, BackupType (USER by default; SYSTEM,
 * AWS_BACKUP or ALL) and creation time (TimeRangeLowerBound inclusive, TimeRangeUpperBound exclusive),
 * paged by Limit (1 to 100) and ExclusiveStartBackupArn / LastEvaluatedBackupArn.
 */
@ApplicationScoped
public class ListBackups implements Operation {

    private final BackupCatalog backups;

    public ListBackups(BackupCatalog backups) {
        this.backups = backups;
    }

    @Override
    public String name() {
        return "ListBackups";
    }

    @Override
    public CompletionStage<ObjectNode> execute(ObjectNode json) {
        RequestReader request = new RequestReader(json);
        String tableName = request.has("TableName") ? request.tableName() : null;
        Long limit = request.integerInRange("Limit", "limit", 1, 100);
        String type = request.enumValue("BackupType", "backupType", "USER", "SYSTEM", "AWS_BACKUP", "ALL");
        String exclusiveStart = request.string("ExclusiveStartBackupArn");
        request.validate();
        long lower = bound(json.get("TimeRangeLowerBound"), Long.MIN_VALUE);
        long upper = bound(json.get("TimeRangeUpperBound"), Long.MAX_VALUE);
        String wanted = type == null ? "USER" : type;
        ObjectNode response = Json.object();
        ArrayNode summaries = response.putArray("BackupSummaries");
        int max = limit == null ? 100 : limit.intValue();
        boolean started = exclusiveStart == null;
        String last = null;
        for (ObjectNode backup : backups.all()) {
            String arn = backup.path("BackupArn").asText();
            if (!started) {
                started = arn.equals(exclusiveStart);
                continue;
            }
            long created = backup.path("BackupCreationMillis").asLong();
            if (tableName != null && !tableName.equals(backup.path("Table").path("name").asText())
                    || !"ALL".equals(wanted) && !wanted.equals(backup.path("BackupType").asText())
                    || created < lower || created >= upper) {
                continue;
            }
            if (summaries.size() == max) {
                response.put("LastEvaluatedBackupArn", last);
                break;
            }
            summaries.add(BackupCatalog.summary(backup));
            last = arn;
        }
        return CompletableFuture.completedFuture(response);
    }

    private static long bound(JsonNode time, long absent) {
        return time == null || time.isNull() ? absent
                : new java.math.BigDecimal(time.asText()).movePointRight(3).longValue();
    }
}
