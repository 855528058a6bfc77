package io.dynamis.backup.restore;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dynamis.backup.archive.ArchivedTable;
import io.dynamis.backup.archive.TableStates;
import io.dynamis.backup.client.ItemServiceClient;
import io.dynamis.backup.pitr.ContinuousBackups;
import io.dynamis.core.error.ApiError;
import io.dynamis.core.json.Json;
import io.dynamis.core.protocol.Operation;
import io.dynamis.core.protocol.RequestReader;
import io.dynamis.core.table.TableDefinition;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * RestoreTableToPointInTime: the source table's state at RestoreDateTime (or at the latest restorable
 * time), into a new table. The source is named by SourceTableName or SourceTableArn; the time must lie
 * in its window (else InvalidRestoreTimeException); point-in-time recovery must be enabled on it (else
 * PointInTimeRecoveryUnavailableException).
 */
@ApplicationScoped
public class RestoreTableToPointInTime implements Operation {

    private final ItemServiceClient itemService;
    private final ContinuousBackups continuousBackups;
    private final TableStates states;
    private final RestoreJobs jobs;

    public RestoreTableToPointInTime(ItemServiceClient itemService, ContinuousBackups continuousBackups,
            TableStates states, RestoreJobs jobs) {
        this.itemService = itemService;
        this.continuousBackups = continuousBackups;
        this.states = states;
        this.jobs = jobs;
    }

    @Override
    public String name() {
        return "RestoreTableToPointInTime";
    }

    @Override
    public CompletionStage<ObjectNode> execute(ObjectNode json) {
        RequestReader request = new RequestReader(json);
        String sourceArn = request.string("SourceTableArn");
        String sourceName = request.has("SourceTableName")
                ? request.tableName("SourceTableName", "sourceTableName") : null;
        String target = request.tableName("TargetTableName", "targetTableName");
        Boolean useLatest = request.bool("UseLatestRestorableTime");
        JsonNode time = json.get("RestoreDateTime");
        request.validate();
        if ((sourceArn == null) == (sourceName == null)) {
            throw ApiError.validation("Exactly one of SourceTableArn or SourceTableName must be specified");
        }
        if (Boolean.TRUE.equals(useLatest) && time != null) {
            throw ApiError.validation("Only one of RestoreDateTime or UseLatestRestorableTime can be specified");
        }
        if (!Boolean.TRUE.equals(useLatest) && time == null) {
            throw ApiError.validation("RestoreDateTime must be specified when UseLatestRestorableTime is false");
        }
        if (sourceName == null) {
            String prefix = continuousBackups.tableArnPrefix();
            if (!sourceArn.startsWith(prefix) || sourceArn.substring(prefix.length()).contains("/")) {
                throw ApiError.validation("Invalid TableArn: Invalid ResourceArn provided as input " + sourceArn);
            }
            sourceName = sourceArn.substring(prefix.length());
        }
        TableDefinition source = itemService.requireTable(sourceName);
        ArchivedTable archived = continuousBackups.archived(source);
        if (!archived.pitrEnabled()) {
            throw ApiError.pointInTimeRecoveryUnavailable(sourceName);
        }
        long earliest = continuousBackups.earliestRestorableMillis(archived);
        long latest = states.latestRestorableMillis();
        long at;
        if (Boolean.TRUE.equals(useLatest)) {
            at = latest;
        } else {
            at = millis(time);
            if (at < earliest || at > latest) {
                throw ApiError.invalidRestoreTime("RestoreDateTime must be between EarliestRestorableDateTime and"
                        + " LatestRestorableDateTime: earliest " + ContinuousBackups.seconds(earliest)
                        + ", latest " + ContinuousBackups.seconds(latest));
            }
        }
        ObjectNode summary = Json.object();
        summary.put("SourceTableArn", continuousBackups.tableArnPrefix() + sourceName);
        summary.put("RestoreDateTimeMillis", at);
        long restoreAt = at;
        ObjectNode description = jobs.start(target, source, request, summary,
                (total, sink) -> states.forEachItem(archived, restoreAt, total, sink));
        ObjectNode response = Json.object();
        response.set("TableDescription", description);
        return CompletableFuture.completedFuture(response);
    }

    /** A timestamp as the SDKs send it: epoch seconds, with a fraction. */
    static long millis(JsonNode time) {
        if (!time.isNumber() && !time.isTextual()) {
            throw ApiError.serialization("Unexpected value type in payload");
        }
        try {
            return new BigDecimal(time.asText()).movePointRight(3).longValue();
        } catch (NumberFormatException e) {
            throw ApiError.serialization("Unexpected value type in payload");
        }
    }
}
