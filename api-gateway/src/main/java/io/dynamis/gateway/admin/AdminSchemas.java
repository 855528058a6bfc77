package io.dynamis.gateway.admin;

import io.dynamis.core.policy.PolicyDocument;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The shapes of the admin API's JSON bodies, for its OpenAPI document only: the resources read and write
 * JSON trees ({@link AdminJson}), so these records describe the wire and are never instantiated.
 */
final class AdminSchemas {

    private AdminSchemas() {
    }

    @Schema(name = "RestoreWindow", description = "A table's point-in-time recovery status; the window when ENABLED")
    record RestoreWindow(
            String tableName,
            @Schema(enumeration = {"ENABLED", "DISABLED"}) String pointInTimeRecovery,
            @Schema(format = "date-time") String earliestRestorableDateTime,
            @Schema(format = "date-time") String latestRestorableDateTime,
            int recoveryPeriodInDays) {
    }

    @Schema(name = "BackupRequest", requiredProperties = {"tableName", "backupName"})
    record BackupRequest(
            String tableName,
            @Schema(pattern = "[a-zA-Z0-9_.-]+", minLength = 3, maxLength = 255) String backupName) {
    }

    @Schema(name = "RestoreRequest", requiredProperties = "targetTableName", description = "From a backup"
            + " (backupArn), or of sourceTableName at restoreDateTime or at its latest restorable time")
    record RestoreRequest(
            String targetTableName,
            String backupArn,
            String sourceTableName,
            @Schema(format = "date-time") String restoreDateTime,
            Boolean useLatestRestorableTime) {
    }

    @Schema(name = "PrincipalRequest", requiredProperties = "name")
    record PrincipalRequest(@Schema(pattern = "^[A-Za-z0-9+=,.@_-]{1,64}$") String name) {
    }

    @Schema(name = "SessionRequest")
    record SessionRequest(@Schema(minimum = "900", maximum = "43200", defaultValue = "3600") Long durationSeconds) {
    }

    @Schema(name = "PolicyDocument", description = "An IAM policy document: Version (2012-10-17), Statement with"
            + " Effect, Action/NotAction, Resource/NotResource, Condition")
    record PolicyDocument(String Version, Object Statement) {
    }

    @Schema(name = "Error", description = "A DynamoDB error, as the DynamoDB API answers it")
    record DynamoDbError(String __type, String message) {
    }

    @Schema(name = "AdminError", description = "An error of the admin API itself")
    record AdminError(String error, String message) {
    }
}
