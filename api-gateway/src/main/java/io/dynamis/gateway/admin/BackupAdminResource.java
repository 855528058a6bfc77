package io.dynamis.gateway.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dynamis.core.json.Json;
import io.dynamis.gateway.rest.RequestIds;
import io.dynamis.gateway.routing.OwningService;
import io.dynamis.gateway.routing.ServiceClients;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.logging.Logger;

/**
 * The admin API of backups and restores: each table's restore window, backups listed and created,
 * point-in-time restores and restores from backup started and watched with their progress.
 *
 * <p>Every call (past {@link AdminGate}) becomes the DynamoDB operation backup-service serves
 * (DescribeContinuousBackups, ListBackups, CreateBackup, RestoreTableToPointInTime,
 * RestoreTableFromBackup) or its internal {@code DynamisListRestores}, forwarded through the gateway's
 * service clients; DynamoDB errors come back as they are ({@code {"__type", "message"}} with their status).
 */
@Path("/")
@Tag(name = "Backups and restores")
public class BackupAdminResource {

    private static final Logger LOG = Logger.getLogger(BackupAdminResource.class);
    private static final String DYNAMODB = "DynamoDB_20120810.";

    private final ServiceClients services;

    public BackupAdminResource(ServiceClients services) {
        this.services = services;
    }

    @GET
    @Path("tables/{tableName}/restore-window")
    @Operation(summary = "A table's point-in-time recovery status and restore window")
    @APIResponse(responseCode = "200", description = "The window", content = @Content(mediaType = "application/json",
            schema = @Schema(implementation = AdminSchemas.RestoreWindow.class)))
    @APIResponse(responseCode = "400", description = "A DynamoDB error (e.g. no such table)", content = @Content(
            mediaType = "application/json", schema = @Schema(implementation = AdminSchemas.DynamoDbError.class)))
    @APIResponse(responseCode = "401", description = "No or wrong admin credentials")
    public CompletionStage<Response> restoreWindow(@PathParam("tableName") String table) {
        return call("DescribeContinuousBackups", Json.object().put("TableName", table)).map(answer -> {
            JsonNode pitr = answer.body().path("ContinuousBackupsDescription").path("PointInTimeRecoveryDescription");
            ObjectNode window = Json.object().put("tableName", table)
                    .put("pointInTimeRecovery", pitr.path("PointInTimeRecoveryStatus").asText());
            if (pitr.has("EarliestRestorableDateTime")) {
                window.put("earliestRestorableDateTime", iso(pitr.get("EarliestRestorableDateTime")));
                window.put("latestRestorableDateTime", iso(pitr.get("LatestRestorableDateTime")));
                window.put("recoveryPeriodInDays", pitr.path("RecoveryPeriodInDays").asInt());
            }
            return AdminJson.answer(200, window);
        }).otherwise(BackupAdminResource::failure).toCompletionStage();
    }

    @GET
    @Path("backups")
    @Operation(summary = "Every on-demand and system backup, oldest first")
    @APIResponse(responseCode = "200", description = "{\"backups\": [BackupSummary, ...]} as DynamoDB's ListBackups",
            content = @Content(mediaType = "application/json"))
    @APIResponse(responseCode = "400", description = "A DynamoDB error", content = @Content(
            mediaType = "application/json", schema = @Schema(implementation = AdminSchemas.DynamoDbError.class)))
    @APIResponse(responseCode = "401", description = "No or wrong admin credentials")
    public CompletionStage<Response> listBackups(
            @Parameter(description = "only this table's backups") @QueryParam("tableName") String table) {
        ObjectNode request = Json.object().put("BackupType", "ALL");
        if (table != null) {
            request.put("TableName", table);
        }
        return call("ListBackups", request).map(answer -> {
            ObjectNode out = Json.object();
            out.set("backups", answer.body().path("BackupSummaries"));
            return AdminJson.answer(200, out);
        }).otherwise(BackupAdminResource::failure).toCompletionStage();
    }

    @POST
    @Path("backups")
    @Operation(summary = "Takes an on-demand backup of a table now")
    @RequestBody(required = true, content = @Content(mediaType = "application/json",
            schema = @Schema(implementation = AdminSchemas.BackupRequest.class)))
    @APIResponse(responseCode = "201", description = "{\"backup\": BackupDetails} as DynamoDB's CreateBackup",
            content = @Content(mediaType = "application/json"))
    @APIResponse(responseCode = "400", description = "Not a JSON object, or a DynamoDB error", content = @Content(
            mediaType = "application/json", schema = @Schema(implementation = AdminSchemas.DynamoDbError.class)))
    @APIResponse(responseCode = "401", description = "No or wrong admin credentials")
    public CompletionStage<Response> createBackup(byte[] bytes) {
        return AdminJson.withBody(bytes, this::createBackup);
    }

    private CompletionStage<Response> createBackup(JsonNode body) {
        ObjectNode request = Json.object().put("TableName", body.path("tableName").asText(null))
                .put("BackupName", body.path("backupName").asText(null));
        return call("CreateBackup", request)
                .map(answer -> AdminJson.answer(201, Json.object().set("backup", answer.body().path("BackupDetails"))))
                .otherwise(BackupAdminResource::failure).toCompletionStage();
    }

    @GET
    @Path("restores")
    @Operation(summary = "Every restore, newest first, with its state and progress")
    @APIResponse(responseCode = "200", description = "{\"restores\": [Restore, ...]}",
            content = @Content(mediaType = "application/json"))
    @APIResponse(responseCode = "401", description = "No or wrong admin credentials")
    public CompletionStage<Response> listRestores() {
        return call("DynamisListRestores", Json.object())
                .map(answer -> AdminJson.answer(200, Json.object().set("restores", answer.body().path("Restores"))))
                .otherwise(BackupAdminResource::failure).toCompletionStage();
    }

    @GET
    @Path("restores/{restoreId}")
    @Operation(summary = "One restore and its progress")
    @APIResponse(responseCode = "200", description = "{\"restore\": Restore}", content = @Content(mediaType = "application/json"))
    @APIResponse(responseCode = "404", description = "No such restore", content = @Content(mediaType = "application/json",
            schema = @Schema(implementation = AdminSchemas.AdminError.class)))
    @APIResponse(responseCode = "401", description = "No or wrong admin credentials")
    public CompletionStage<Response> getRestore(@PathParam("restoreId") String id) {
        return call("DynamisListRestores", Json.object()).map(answer -> {
            for (JsonNode restore : answer.body().path("Restores")) {
                if (id.equals(restore.path("RestoreId").asText())) {
                    return AdminJson.answer(200, Json.object().set("restore", restore));
                }
            }
            return AdminJson.error(404, "NotFound", "no restore " + id);
        }).otherwise(BackupAdminResource::failure).toCompletionStage();
    }

    /**
     * Starts a restore: {@code {"targetTableName", "backupArn"}} from a backup, or
     * {@code {"targetTableName", "sourceTableName", "restoreDateTime" | "useLatestRestorableTime"}} to a
     * point in time. Answers 202 with the restore, as {@code GET /admin/restores/{restoreId}} shows it.
     */
    @POST
    @Path("restores")
    @Operation(summary = "Starts a restore into a new table: from a backup (backupArn), or of a table at a point in"
            + " time (sourceTableName with restoreDateTime or useLatestRestorableTime)")
    @RequestBody(required = true, content = @Content(mediaType = "application/json",
            schema = @Schema(implementation = AdminSchemas.RestoreRequest.class)))
    @APIResponse(responseCode = "202", description = "{\"restore\": Restore}: started; watch it at /admin/restores/{restoreId}",
            content = @Content(mediaType = "application/json"))
    @APIResponse(responseCode = "400", description = "Not a JSON object, a bad restoreDateTime, or a DynamoDB error",
            content = @Content(mediaType = "application/json"))
    @APIResponse(responseCode = "401", description = "No or wrong admin credentials")
    public CompletionStage<Response> startRestore(byte[] bytes) {
        return AdminJson.withBody(bytes, this::startRestore);
    }

    private CompletionStage<Response> startRestore(JsonNode body) {
        ObjectNode request = Json.object().put("TargetTableName", body.path("targetTableName").asText(null));
        String operation;
        if (body.hasNonNull("backupArn")) {
            operation = "RestoreTableFromBackup";
            request.put("BackupArn", body.get("backupArn").asText());
        } else {
            operation = "RestoreTableToPointInTime";
            request.put("SourceTableName", body.path("sourceTableName").asText(null));
            if (body.path("useLatestRestorableTime").asBoolean(false)) {
                request.put("UseLatestRestorableTime", true);
            } else if (body.hasNonNull("restoreDateTime")) {
                try {
                    Instant at = Instant.parse(body.get("restoreDateTime").asText());
                    request.put("RestoreDateTime", BigDecimal.valueOf(at.toEpochMilli(), 3));
                } catch (DateTimeParseException e) {
                    return AdminJson.answered(AdminJson.error(400, "BadRequest",
                            "restoreDateTime is not an ISO-8601 instant"));
                }
            }
        }
        return call(operation, request)
                .compose(started -> call("DynamisListRestores", Json.object()).map(list -> {
                    String tableId = started.body().path("TableDescription").path("TableId").asText();
                    for (JsonNode restore : list.body().path("Restores")) {
                        if (tableId.equals(restore.path("TargetTableId").asText())) {
                            return AdminJson.answer(202, Json.object().set("restore", restore));
                        }
                    }
                    return AdminJson.answer(202, Json.object().set("table", started.body().path("TableDescription")));
                }))
                .otherwise(BackupAdminResource::failure).toCompletionStage();
    }

    private record Answer(int status, ObjectNode body) {
    }

    /** Calls a backup-service operation; a DynamoDB error answer fails the future with that answer. */
    private Future<Answer> call(String operation, ObjectNode request) {
        return services.forward(OwningService.BACKUP, DYNAMODB + operation, RequestIds.next(),
                Buffer.buffer(Json.toBytes(request))).compose(answer -> {
                    ObjectNode body = (ObjectNode) Json.readTree(answer.body().getBytes());
                    return answer.status() == 200 ? Future.succeededFuture(new Answer(200, body))
                            : Future.failedFuture(new AnswerFailure(new Answer(answer.status(), body)));
                });
    }

    private static final class AnswerFailure extends RuntimeException {
        private final transient Answer answer;

        AnswerFailure(Answer answer) {
            super(null, null, false, false);
            this.answer = answer;
        }
    }

    /** The answer to a failed call: the service's DynamoDB error as it is, or 500. */
    private static Response failure(Throwable cause) {
        if (cause instanceof AnswerFailure failure) {
            return AdminJson.answer(failure.answer.status(), failure.answer.body());
        }
        if (cause instanceof io.dynamis.core.error.ApiError error) {
            return AdminJson.answer(error.status(), error.toJson());
        }
        LOG.errorf(cause, "admin call failed");
        return AdminJson.error(500, "InternalError", "Internal server error");
    }

    private static String iso(JsonNode seconds) {
        return Instant.ofEpochMilli(new BigDecimal(seconds.asText()).movePointRight(3).longValue()).toString();
    }
}
