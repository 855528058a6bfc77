package io.dynamis.gateway.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dynamis.core.json.Json;
import io.dynamis.core.roles.Plays;
import io.dynamis.core.roles.Role;
import io.dynamis.core.roles.RoleEvents.RoleRoutes;
import io.dynamis.gateway.rest.RequestIds;
import io.dynamis.gateway.routing.OwningService;
import io.dynamis.gateway.routing.ServiceClients;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import org.jboss.logging.Logger;

/**
 * The admin API of backups and restores ({@code /admin/...}, JSON, described by
 * {@code /admin/openapi.json}): each table's restore window, backups listed and created, point-in-time
 * restores and restores from backup started and watched with their progress.
 *
 * <p>Every call is checked by {@link AdminAuth} and then turned into the DynamoDB operation backup-service
 * serves (DescribeContinuousBackups, ListBackups, CreateBackup, RestoreTableToPointInTime,
 * RestoreTableFromBackup) or its internal {@code DynamisListRestores}; DynamoDB errors come back as they
 * are ({@code {"__type", "message"}} with their status).
 */
@ApplicationScoped
public class BackupAdminRoutes {

    private static final Logger LOG = Logger.getLogger(BackupAdminRoutes.class);
    private static final String DYNAMODB = "DynamoDB_20120810.";

    private final ServiceClients services;
    private final AdminAuth auth;
    private final byte[] openApi;

    public BackupAdminRoutes(ServiceClients services, AdminConfig config, io.dynamis.gateway.auth.Security security) {
        this.services = services;
        this.auth = AdminAuth.of(config, security);
        try (InputStream in = BackupAdminRoutes.class.getResourceAsStream("/admin/openapi.json")) {
            this.openApi = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if ("admin".equals(config.password())) {
            LOG.warn("The admin API (/admin/...) uses the default password: set DYNAMIS_GATEWAY_ADMIN_PASSWORD");
        }
    }

    void mount(@Observes @Plays(Role.GATEWAY) RoleRoutes routes) {
        Router router = routes.router();
        router.get("/admin/openapi.json").handler(ctx -> ctx.response()
                .putHeader("Content-Type", "application/json").end(Buffer.buffer(openApi)));
        router.route("/admin/tables/*").handler(auth::check);
        router.route("/admin/backups*").handler(auth::check);
        router.route("/admin/restores*").handler(auth::check);
        router.route("/admin/backups*").handler(BodyHandler.create(false).setBodyLimit(65536));
        router.route("/admin/restores*").handler(BodyHandler.create(false).setBodyLimit(65536));
        router.get("/admin/tables/:table/restore-window").handler(this::restoreWindow);
        router.get("/admin/backups").handler(this::listBackups);
        router.post("/admin/backups").handler(this::createBackup);
        router.get("/admin/restores").handler(this::listRestores);
        router.get("/admin/restores/:id").handler(this::getRestore);
        router.post("/admin/restores").handler(this::startRestore);
    }

    private void restoreWindow(RoutingContext ctx) {
        String table = ctx.pathParam("table");
        call("DescribeContinuousBackups", Json.object().put("TableName", table)).onComplete(result -> {
            if (fail(ctx, result)) {
                return;
            }
            JsonNode pitr = result.result().body().path("ContinuousBackupsDescription").path("PointInTimeRecoveryDescription");
            ObjectNode window = Json.object().put("tableName", table)
                    .put("pointInTimeRecovery", pitr.path("PointInTimeRecoveryStatus").asText());
            if (pitr.has("EarliestRestorableDateTime")) {
                window.put("earliestRestorableDateTime", iso(pitr.get("EarliestRestorableDateTime")));
                window.put("latestRestorableDateTime", iso(pitr.get("LatestRestorableDateTime")));
                window.put("recoveryPeriodInDays", pitr.path("RecoveryPeriodInDays").asInt());
            }
            AdminJson.answer(ctx, 200, window);
        });
    }

    private void listBackups(RoutingContext ctx) {
        ObjectNode request = Json.object().put("BackupType", "ALL");
        String table = ctx.queryParams().get("tableName");
        if (table != null) {
            request.put("TableName", table);
        }
        call("ListBackups", request).onComplete(result -> {
            if (fail(ctx, result)) {
                return;
            }
            ObjectNode answer = Json.object();
            answer.set("backups", result.result().body().path("BackupSummaries"));
            AdminJson.answer(ctx, 200, answer);
        });
    }

    private void createBackup(RoutingContext ctx) {
        JsonNode body = AdminJson.body(ctx);
        if (body == null) {
            return;
        }
        ObjectNode request = Json.object().put("TableName", body.path("tableName").asText(null))
                .put("BackupName", body.path("backupName").asText(null));
        call("CreateBackup", request).onComplete(result -> {
            if (!fail(ctx, result)) {
                AdminJson.answer(ctx, 201, Json.object().set("backup", result.result().body().path("BackupDetails")));
            }
        });
    }

    private void listRestores(RoutingContext ctx) {
        call("DynamisListRestores", Json.object()).onComplete(result -> {
            if (!fail(ctx, result)) {
                AdminJson.answer(ctx, 200, Json.object().set("restores", result.result().body().path("Restores")));
            }
        });
    }

    private void getRestore(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        call("DynamisListRestores", Json.object()).onComplete(result -> {
            if (fail(ctx, result)) {
                return;
            }
            for (JsonNode restore : result.result().body().path("Restores")) {
                if (id.equals(restore.path("RestoreId").asText())) {
                    AdminJson.answer(ctx, 200, Json.object().set("restore", restore));
                    return;
                }
            }
            AdminJson.answer(ctx, 404, Json.object().put("error", "NotFound").put("message", "no restore " + id));
        });
    }

    /**
     * Starts a restore: {@code {"targetTableName", "backupArn"}} from a backup, or
     * {@code {"targetTableName", "sourceTableName", "restoreDateTime" | "useLatestRestorableTime"}} to a
     * point in time. Answers 202 with the restore, as {@code GET /admin/restores/{id}} shows it.
     */
    private void startRestore(RoutingContext ctx) {
        JsonNode body = AdminJson.body(ctx);
        if (body == null) {
            return;
        }
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
                    AdminJson.answer(ctx, 400, Json.object().put("error", "BadRequest")
                            .put("message", "restoreDateTime is not an ISO-8601 instant"));
                    return;
                }
            }
        }
        call(operation, request)
                .compose(started -> call("DynamisListRestores", Json.object()).map(list -> {
                    String tableId = started.body().path("TableDescription").path("TableId").asText();
                    for (JsonNode restore : list.body().path("Restores")) {
                        if (tableId.equals(restore.path("TargetTableId").asText())) {
                            return new Answer(202, Json.object().set("restore", restore));
                        }
                    }
                    return new Answer(202, Json.object().set("table", started.body().path("TableDescription")));
                }))
                .onComplete(result -> {
                    if (!fail(ctx, result)) {
                        AdminJson.answer(ctx, result.result().status(), result.result().body());
                    }
                });
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

    private static boolean fail(RoutingContext ctx, io.vertx.core.AsyncResult<?> result) {
        if (result.succeeded()) {
            return false;
        }
        if (result.cause() instanceof AnswerFailure failure) {
            AdminJson.answer(ctx, failure.answer.status(), failure.answer.body());
        } else if (result.cause() instanceof io.dynamis.core.error.ApiError error) {
            AdminJson.answer(ctx, error.status(), error.toJson());
        } else {
            LOG.errorf(result.cause(), "admin call failed");
            AdminJson.answer(ctx, 500, Json.object().put("error", "InternalError").put("message", "Internal server error"));
        }
        return true;
    }



    private static String iso(JsonNode seconds) {
        return Instant.ofEpochMilli(new BigDecimal(seconds.asText()).movePointRight(3).longValue()).toString();
    }

}
