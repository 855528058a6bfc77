package io.dynamis.core.protocol;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.concurrent.CompletionStage;

/**
 * One DynamoDB operation, as a service executes it.
 *
 * <p>Implementations are CDI beans, one class per operation. {@link #execute} runs on a worker thread
 * (it may block briefly on storage) unless {@link #blocking()} says it never blocks; it validates the whole request before touching state, throws
 * {@link io.dynamis.core.error.ApiError} for DynamoDB errors, and completes with the response body.
 * Writes complete only once they are durable.
 */
public interface Operation {

    /** The operation's name as it appears after the dot in {@code X-Amz-Target}, e.g. {@code PutItem}. */
    String name();

    CompletionStage<ObjectNode> execute(ObjectNode request);

    /**
     * {@link #execute} for a request whose answer is written straight to the client as JSON (the public
     * endpoint of the process that plays this role): the answer may then hold values that only serialize
     * (items as their stored JSON bytes, see core's {@code RawJson}) instead of trees to read. Every other
     * caller, which may read the answer, uses {@link #execute}.
     */
    default CompletionStage<ObjectNode> executeForClient(ObjectNode request) {
        return execute(request);
    }

    /**
     * Whether {@link #execute} may block (the default): it then runs on a worker thread. An operation
     * that never blocks (it only starts asynchronous work) answers false and runs on the event loop,
     * saving two thread hand-offs per request.
     */
    default boolean blocking() {
        return true;
    }

    /**
     * Whether {@link #execute} may block for this request (by default {@link #blocking()}'s answer for every
     * request). An operation that blocks for some requests only (item-service's pushed-down reads: a Query
     * reads one partition, a Scan a whole page) answers false from {@link #blocking()}, so that its request
     * is parsed on the event loop, and decides here per request; the dispatcher ({@code OperationEndpoint},
     * {@code LocalChannel}) then moves a blocking one to a worker.
     */
    default boolean blocking(ObjectNode request) {
        return blocking();
    }
}
