package io.dynamis.core.error;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.concurrent.CompletionException;
import org.jboss.logging.Logger;

/**
 * The one error type of Dynamis: a DynamoDB error with its wire type, HTTP status and message.
 *
 * <p>Code anywhere in a service throws one of these through a named factory
 * ({@code ApiError.validation(...)}, {@code ApiError.resourceNotFound(...)}); the protocol layer turns it
 * into DynamoDB's wire shape exactly once, in {@link #toJson()}.
 */
public class ApiError extends RuntimeException {

    private final ErrorCode code;
    private final transient ObjectNode extra;

    public ApiError(ErrorCode code, String message) {
        this(code, message, null);
    }

    public ApiError(ErrorCode code, String message, ObjectNode extra) {
        super(message, null, false, false);
        this.code = code;
        this.extra = extra;
    }

    public ErrorCode code() {
        return code;
    }

    public int status() {
        return code.status();
    }

    /**
     * DynamoDB's wire shape: {@code {"__type": "...#Name", "message": "..."}} plus any extra fields. The
     * message member is left out when there is no message (DynamoDB sends none for some errors).
     */
    public ObjectNode toJson() {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("__type", code.wireType());
        if (getMessage() != null) {
            body.put(code.messageKey(), getMessage());
        }
        if (extra != null) {
            body.setAll(extra);
        }
        return body;
    }

    // ---- factories, one per DynamoDB error ----

    public static ApiError validation(String message) {
        return new ApiError(ErrorCode.VALIDATION, message);
    }

    /**
     * DynamoDB's constraint-violation form: "1 validation error detected: Value 'x' at 'tableName'
     * failed to satisfy constraint: Member must ...", several joined with "; ".
     */
    public static ApiError constraintViolations(List<String> violations) {
        int n = violations.size();
        String prefix = n + " validation error" + (n == 1 ? "" : "s") + " detected: ";
        return validation(prefix + String.join("; ", violations));
    }

    /** A ValidationException starting with DynamoDB's "One or more parameter values were invalid: ". */
    public static ApiError invalidParameter(String detail) {
        return validation("One or more parameter values were invalid: " + detail);
    }

    public static ApiError serialization(String message) {
        return new ApiError(ErrorCode.SERIALIZATION, message);
    }

    public static ApiError unknownOperation(String message) {
        return new ApiError(ErrorCode.UNKNOWN_OPERATION, message);
    }

    /** An operation Dynamis routes but does not implement yet; says so by name. */
    public static ApiError notYetSupported(String operation) {
        return new ApiError(ErrorCode.UNKNOWN_OPERATION,
                "Dynamis does not support the operation " + operation + " yet");
    }

    public static ApiError missingAuthenticationToken(String message) {
        return new ApiError(ErrorCode.MISSING_AUTHENTICATION_TOKEN, message);
    }

    public static ApiError incompleteSignature(String message) {
        return new ApiError(ErrorCode.INCOMPLETE_SIGNATURE, message);
    }

    public static ApiError invalidSignature(String message) {
        return new ApiError(ErrorCode.INVALID_SIGNATURE, message);
    }

    /** An access key nobody has (or a session token that does not belong to it). */
    public static ApiError unrecognizedClient() {
        return new ApiError(ErrorCode.UNRECOGNIZED_CLIENT, "The security token included in the request is invalid.");
    }

    /** Temporary credentials past their expiry. */
    public static ApiError expiredToken() {
        return new ApiError(ErrorCode.EXPIRED_TOKEN, "The security token included in the request is expired");
    }

    public static ApiError accessDenied(String message) {
        return new ApiError(ErrorCode.ACCESS_DENIED, message);
    }

    public static ApiError resourceNotFound(String message) {
        return new ApiError(ErrorCode.RESOURCE_NOT_FOUND, message);
    }

    /** PolicyNotFoundException: no resource-based policy on the resource, or not the revision expected. */
    public static ApiError policyNotFound(String message) {
        return new ApiError(ErrorCode.POLICY_NOT_FOUND, message);
    }

    /** ExpiredIteratorException: a DynamoDB Streams shard iterator used after its 15 minutes. */
    public static ApiError expiredIterator(String message) {
        return new ApiError(ErrorCode.EXPIRED_ITERATOR, message);
    }

    /** The ResourceNotFoundException of a table operation (DescribeTable, DeleteTable, ...) on a missing table. */
    public static ApiError tableNotFound(String tableName) {
        return resourceNotFound("Requested resource not found: Table: " + tableName + " not found");
    }

    /** The ResourceNotFoundException of an item operation (PutItem, Query, ...) on a missing table. */
    public static ApiError tableNotFoundForItems() {
        return resourceNotFound("Requested resource not found");
    }

    /** TableNotFoundException: the backup and restore operations' answer for a missing source table. */
    public static ApiError tableNotFoundException(String tableName) {
        return new ApiError(ErrorCode.TABLE_NOT_FOUND, "Table not found: " + tableName);
    }

    /** TableAlreadyExistsException: a restore's target table exists. */
    public static ApiError tableAlreadyExists(String tableName) {
        return new ApiError(ErrorCode.TABLE_ALREADY_EXISTS, "Table already exists: " + tableName);
    }

    public static ApiError backupNotFound(String backupArn) {
        return new ApiError(ErrorCode.BACKUP_NOT_FOUND, "Backup not found: " + backupArn);
    }

    public static ApiError invalidRestoreTime(String message) {
        return new ApiError(ErrorCode.INVALID_RESTORE_TIME, message);
    }

    public static ApiError pointInTimeRecoveryUnavailable(String tableName) {
        return new ApiError(ErrorCode.POINT_IN_TIME_RECOVERY_UNAVAILABLE,
                "Point in time recovery is not enabled for table '" + tableName + "'");
    }

    public static ApiError resourceInUse(String message) {
        return new ApiError(ErrorCode.RESOURCE_IN_USE, message);
    }

    public static ApiError conditionalCheckFailed(ObjectNode item) {
        ObjectNode extra = null;
        if (item != null) {
            extra = JsonNodeFactory.instance.objectNode();
            extra.set("Item", item);
        }
        return new ApiError(ErrorCode.CONDITIONAL_CHECK_FAILED, "The conditional request failed", extra);
    }

    /** DuplicateItemException: a PartiQL INSERT of an item that exists. */
    public static ApiError duplicateItem() {
        return new ApiError(ErrorCode.DUPLICATE_ITEM, "Duplicate primary key exists in table");
    }

    /**
     * TransactionCanceledException: one reason per action of the transaction, in request order
     * ({@code {"Code": "None"}} for the actions that would have succeeded).
     */
    public static ApiError transactionCanceled(com.fasterxml.jackson.databind.node.ArrayNode reasons) {
        StringBuilder codes = new StringBuilder();
        for (var reason : reasons) {
            codes.append(codes.length() == 0 ? "" : ", ").append(reason.path("Code").asText());
        }
        ObjectNode extra = JsonNodeFactory.instance.objectNode();
        extra.set("CancellationReasons", reasons);
        return new ApiError(ErrorCode.TRANSACTION_CANCELED,
                "Transaction cancelled, please refer cancellation reasons for specific reasons [" + codes + "]", extra);
    }

    public static ApiError idempotentParameterMismatch(String message) {
        return new ApiError(ErrorCode.IDEMPOTENT_PARAMETER_MISMATCH, message);
    }

    /**
     * A provisioned table or index throttled: DynamoDB's message and its {@code ThrottlingReasons}
     * ({@code reason} as {@code Table|Index + Read|Write + LimitType}, {@code resource} the ARN).
     */
    public static ApiError provisionedThroughputExceeded(String message, String reason, String resourceArn) {
        return new ApiError(ErrorCode.PROVISIONED_THROUGHPUT_EXCEEDED, message, throttlingReasons(reason, resourceArn));
    }

    /** An on-demand table or index throttled (as {@link #provisionedThroughputExceeded}). */
    public static ApiError throttling(String message, String reason, String resourceArn) {
        return new ApiError(ErrorCode.THROTTLING, message, throttlingReasons(reason, resourceArn));
    }

    private static ObjectNode throttlingReasons(String reason, String resourceArn) {
        ObjectNode extra = JsonNodeFactory.instance.objectNode();
        extra.putArray("ThrottlingReasons").addObject().put("reason", reason).put("resource", resourceArn);
        return extra;
    }

    public static ApiError limitExceeded(String message) {
        return new ApiError(ErrorCode.LIMIT_EXCEEDED, message);
    }

    public static ApiError requestEntityTooLarge(String message) {
        return new ApiError(ErrorCode.REQUEST_ENTITY_TOO_LARGE, message);
    }

    public static ApiError serviceUnavailable(String message) {
        return new ApiError(ErrorCode.SERVICE_UNAVAILABLE, message);
    }

    public static ApiError internal(String message) {
        return new ApiError(ErrorCode.INTERNAL_SERVER_ERROR, message);
    }

    /**
     * The error to answer for a failed operation: the DynamoDB error it failed with (unwrapped from a
     * {@link CompletionException}), or, for anything unexpected, an InternalServerError,
     * after logging the failure with {@code what} failed.
     */
    public static ApiError answering(Throwable failure, Logger log, Object what) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        if (cause instanceof ApiError error) {
            return error;
        }
        log.errorf(cause, "%s failed unexpectedly", what);
        return internal("Internal server error");
    }
}
