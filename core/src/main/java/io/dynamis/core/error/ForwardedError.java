package io.dynamis.core.error;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dynamis.core.json.Json;

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

    /**
     * The answer another service gave to a forwarded DynamoDB request: its body when the status is 200;
     * otherwise throws it as a ForwardedError. A body that is not a JSON object is an InternalServerError.
     */
    public static ObjectNode answerOf(String service, int status, byte[] body) {
        JsonNode json;
        try {
            json = Json.readTree(body);
        } catch (RuntimeException e) {
            throw ApiError.internal(service + " answered status " + status + " with a body that is not JSON");
        }
        if (!(json instanceof ObjectNode object)) {
            throw ApiError.internal(service + " answered status " + status + " with "
                    + (body.length == 0 ? "an empty body" : "a body that is not a JSON object"));
        }
        if (status != 200) {
            throw new ForwardedError(status, object);
        }
        return object;
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
