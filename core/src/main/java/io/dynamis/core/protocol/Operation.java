package io.dynamis.core.protocol;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.concurrent.CompletionStage;

/**
 * One DynamoDB operation, as a service executes it.
 *
 * <p>Implementations are CDI beans, one class per operation. {@link #execute} runs on a worker thread
 * (it may block briefly on storage); it validates the whole request before touching state, throws
 * {@link io.dynamis.core.error.ApiError} for DynamoDB errors, and completes with the response body.
 * Writes complete only once they are durable.
 */
public interface Operation {

    /** The operation's name as it appears after the dot in {@code X-Amz-Target}, e.g. {@code PutItem}. */
    String name();

    CompletionStage<ObjectNode> execute(ObjectNode request);
}
