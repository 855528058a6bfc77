package io.dynamis.core.roles;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.concurrent.CompletionStage;

/**
 * The way to another service's operations (DynamoDB's or internal ones): a method call when this process
 * plays that role ({@link LocalChannel}), HTTP to its endpoint otherwise
 * ({@link io.dynamis.core.protocol.PooledServiceClient}). Either way an answer is the operation's response
 * body and a failure is an {@link io.dynamis.core.error.ApiError} (a
 * {@link io.dynamis.core.error.ForwardedError} when it came over HTTP), so callers never know which.
 */
public interface ServiceChannel {

    /** Executes the operation named {@code operation} (e.g. {@code GetItem}, {@code DynamisReadItems}). */
    CompletionStage<ObjectNode> call(String operation, ObjectNode request);

    /**
     * The same call, waiting for its answer: for callers on their own threads (never an event loop). An
     * {@link io.dynamis.core.error.ApiError} is thrown as it is.
     */
    default ObjectNode callAndWait(String operation, ObjectNode request) {
        try {
            return call(operation, request).toCompletableFuture().join();
        } catch (java.util.concurrent.CompletionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw e;
        }
    }
}
