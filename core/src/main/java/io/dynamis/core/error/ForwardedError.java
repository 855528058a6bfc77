package io.dynamis.core.error;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * An error another service answered (a DynamoDB error body with {@code __type}), passed back to the client
 * unchanged: the same status and the same body.
 */
public final class ForwardedError extends ApiError {

    private final int status;
    private final transient ObjectNode body;

    public ForwardedError(int status, ObjectNode body) {
        super(code(body), body.path("message").asText(body.path("Message").asText(null)));
        this.status = status;
        this.body = body;
    }

    /** The code named by the body's {@code __type}, for logging and metrics; the body itself is sent as it came. */
    private static ErrorCode code(ObjectNode body) {
        String type = body.path("__type").asText("");
        ErrorCode code = ErrorCode.byName(type.substring(type.indexOf('#') + 1));
        return code != null ? code : ErrorCode.INTERNAL_SERVER_ERROR;
    }

    @Override
    public int status() {
        return status;
    }

    @Override
    public ObjectNode toJson() {
        return body.deepCopy();
    }
}
