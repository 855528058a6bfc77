package io.dynamis.core.error;

/**
 * Every error DynamoDB answers with: its wire type (namespace and name) and its HTTP status.
 *
 * <p>DynamoDB's own errors live in the {@code com.amazonaws.dynamodb.v20120810} namespace; the
 * protocol-level ones come from the Coral framework under {@code com.amazon.coral.*}. SDKs only read
 * the part after {@code #}, but tools that compare raw responses see the whole string.
 */
public enum ErrorCode {
    VALIDATION("com.amazon.coral.validate#", "ValidationException", 400),
    SERIALIZATION("com.amazon.coral.service#", "SerializationException", 400),
    UNKNOWN_OPERATION("com.amazon.coral.service#", "UnknownOperationException", 400),
    MISSING_AUTHENTICATION_TOKEN("com.amazon.coral.service#", "MissingAuthenticationTokenException", 400),
    INCOMPLETE_SIGNATURE("com.amazon.coral.service#", "IncompleteSignatureException", 400),
    UNRECOGNIZED_CLIENT("com.amazon.coral.service#", "UnrecognizedClientException", 400),
    INVALID_SIGNATURE("com.amazon.coral.service#", "InvalidSignatureException", 400),
    ACCESS_DENIED("com.amazon.coral.service#", "AccessDeniedException", 400),
    EXPIRED_TOKEN("com.amazon.coral.service#", "ExpiredTokenException", 400),
    REQUEST_ENTITY_TOO_LARGE("com.amazon.coral.service#", "RequestEntityTooLargeException", 413),
    THROTTLING("com.amazon.coral.availability#", "ThrottlingException", 400),
    SERVICE_UNAVAILABLE("com.amazon.coral.availability#", "ServiceUnavailableException", 503),

    RESOURCE_NOT_FOUND(Namespaces.DYNAMODB, "ResourceNotFoundException", 400),
    POLICY_NOT_FOUND(Namespaces.DYNAMODB, "PolicyNotFoundException", 400),
    RESOURCE_IN_USE(Namespaces.DYNAMODB, "ResourceInUseException", 400),
    CONDITIONAL_CHECK_FAILED(Namespaces.DYNAMODB, "ConditionalCheckFailedException", 400),
    PROVISIONED_THROUGHPUT_EXCEEDED(Namespaces.DYNAMODB, "ProvisionedThroughputExceededException", 400),
    REQUEST_LIMIT_EXCEEDED(Namespaces.DYNAMODB, "RequestLimitExceeded", 400),
    LIMIT_EXCEEDED(Namespaces.DYNAMODB, "LimitExceededException", 400),
    ITEM_COLLECTION_SIZE_LIMIT_EXCEEDED(Namespaces.DYNAMODB, "ItemCollectionSizeLimitExceededException", 400),
    TRANSACTION_CANCELED(Namespaces.DYNAMODB, "TransactionCanceledException", 400),
    TRANSACTION_CONFLICT(Namespaces.DYNAMODB, "TransactionConflictException", 400),
    TRANSACTION_IN_PROGRESS(Namespaces.DYNAMODB, "TransactionInProgressException", 400),
    IDEMPOTENT_PARAMETER_MISMATCH(Namespaces.DYNAMODB, "IdempotentParameterMismatchException", 400),
    TABLE_ALREADY_EXISTS(Namespaces.DYNAMODB, "TableAlreadyExistsException", 400),
    TABLE_NOT_FOUND(Namespaces.DYNAMODB, "TableNotFoundException", 400),
    TABLE_IN_USE(Namespaces.DYNAMODB, "TableInUseException", 400),
    BACKUP_NOT_FOUND(Namespaces.DYNAMODB, "BackupNotFoundException", 400),
    BACKUP_IN_USE(Namespaces.DYNAMODB, "BackupInUseException", 400),
    CONTINUOUS_BACKUPS_UNAVAILABLE(Namespaces.DYNAMODB, "ContinuousBackupsUnavailableException", 400),
    POINT_IN_TIME_RECOVERY_UNAVAILABLE(Namespaces.DYNAMODB, "PointInTimeRecoveryUnavailableException", 400),
    INVALID_RESTORE_TIME(Namespaces.DYNAMODB, "InvalidRestoreTimeException", 400),
    DUPLICATE_ITEM(Namespaces.DYNAMODB, "DuplicateItemException", 400),
    EXPIRED_ITERATOR(Namespaces.DYNAMODB, "ExpiredIteratorException", 400),
    INTERNAL_SERVER_ERROR(Namespaces.DYNAMODB, "InternalServerError", 500);

    /** Errors whose message member is spelled {@code Message}, as DynamoDB spells it for them. */
    private static final java.util.Set<String> CAPITALIZED_MESSAGE = java.util.Set.of("SerializationException",
            "AccessDeniedException", "TransactionCanceledException", "IdempotentParameterMismatchException",
            "TransactionInProgressException");

    private final String namespace;
    private final String errorName;
    private final int status;

    ErrorCode(String namespace, String errorName, int status) {
        this.namespace = namespace;
        this.errorName = errorName;
        this.status = status;
    }

    /** The exception name SDKs map to a class, e.g. {@code ResourceNotFoundException}. */
    public String errorName() {
        return errorName;
    }

    /** The full {@code __type} value, e.g. {@code com.amazonaws.dynamodb.v20120810#ResourceNotFoundException}. */
    public String wireType() {
        return namespace + errorName;
    }

    public int status() {
        return status;
    }

    /** The name of the message member in this error's body: {@code message} for most, {@code Message} for some. */
    public String messageKey() {
        return CAPITALIZED_MESSAGE.contains(errorName) ? "Message" : "message";
    }

    /** Finds a code by its error name, or null. */
    public static ErrorCode byName(String errorName) {
        for (ErrorCode code : values()) {
            if (code.errorName.equals(errorName)) {
                return code;
            }
        }
        return null;
    }

    private static final class Namespaces {
        static final String DYNAMODB = "com.amazonaws.dynamodb.v20120810#";
    }
}
