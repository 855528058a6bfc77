package io.dynamis.core.protocol;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dynamis.core.error.ApiError;
import io.dynamis.core.json.Json;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import java.util.concurrent.CompletionStage;
import org.jboss.logging.Logger;

/** A service's answer to a forwarded request: its status and body, passed through unchanged. */
public record ServiceAnswer(int status, Buffer body) {

    private static final Logger LOG = Logger.getLogger(ServiceAnswer.class);

    /** An error answered as a service answers it over HTTP. */
    public static ServiceAnswer of(ApiError error) {
        return new ServiceAnswer(error.status(), Buffer.buffer(Json.toBytes(error.toJson())));
    }

    /**
     * The answer an operation executed in this process completes with (its error answered as a service
     * would answer it over HTTP), completed on the caller's Vert.x context.
     */
    public static Future<ServiceAnswer> of(CompletionStage<ObjectNode> execution) {
        Context context = Vertx.currentContext();
        Promise<ServiceAnswer> answer = Promise.promise();
        execution.whenComplete((result, failure) -> {
            ServiceAnswer made = failure == null
                    ? new ServiceAnswer(200, Buffer.buffer(Json.toBytes(result == null ? Json.object() : result)))
                    : of(ApiError.answering(failure, LOG, "a request"));
            if (context == null || Vertx.currentContext() == context) {
                answer.complete(made);
            } else {
                context.runOnContext(v -> answer.complete(made));
            }
        });
        return answer.future();
    }
}
