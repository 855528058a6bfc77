package io.dynamis.gateway.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dynamis.core.json.Json;
import jakarta.ws.rs.core.Response;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/** The admin API's JSON in and out: a request body that must be an object, an answer with its status. */
final class AdminJson {

    /** The largest request body the admin API reads; a larger one is answered 413. */
    static final int MAX_BODY_BYTES = 65536;

    /** A request body that is not a JSON object (or too large), with the answer to give instead. */
    private static final class BadBody extends Exception {
        final transient Response answer;

        BadBody(Response answer) {
            super(null, null, false, false);
            this.answer = answer;
        }
    }

    private AdminJson() {
    }

    /**
     * Answers with what {@code action} makes of the request's body when it is a JSON object (whatever its
     * Content-Type); with 400 (413 when too large) otherwise.
     */
    static CompletionStage<Response> withBody(byte[] bytes, Function<JsonNode, CompletionStage<Response>> action) {
        JsonNode body;
        try {
            body = body(bytes);
        } catch (BadBody bad) {
            return CompletableFuture.completedFuture(bad.answer);
        }
        return action.apply(body);
    }

    private static JsonNode body(byte[] bytes) throws BadBody {
        if (bytes != null && bytes.length > MAX_BODY_BYTES) {
            throw new BadBody(Response.status(413).build());
        }
        try {
            JsonNode body = Json.readTree(bytes == null ? new byte[0] : bytes);
            if (body instanceof ObjectNode) {
                return body;
            }
        } catch (RuntimeException e) {
            // answered below
        }
        throw new BadBody(error(400, "BadRequest", "the body must be a JSON object"));
    }

    static Response answer(int status, JsonNode body) {
        return Response.status(status).type("application/json").entity(Json.toBytes(body)).build();
    }

    static CompletionStage<Response> answered(Response response) {
        return CompletableFuture.completedFuture(response);
    }

    static Response error(int status, String error, String message) {
        return answer(status, Json.object().put("error", error).put("message", message));
    }
}
