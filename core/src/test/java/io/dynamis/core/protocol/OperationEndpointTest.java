package io.dynamis.core.protocol;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.impl.VertxInternal;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A service's endpoint answers in place when the operation completed on the request's own event loop. */
class OperationEndpointTest {

    private final Vertx vertx = Vertx.vertx();

    @AfterEach
    void close() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private boolean answersInPlaceOn(Context runningOn, Context requestContext) throws Exception {
        CompletableFuture<Boolean> inPlace = new CompletableFuture<>();
        runningOn.runOnContext(v -> inPlace.complete(OperationEndpoint.answersInPlace(requestContext)));
        return inPlace.get(10, TimeUnit.SECONDS);
    }

    @Test
    void anOperationCompletedOnTheRequestsContextIsAnsweredInPlace() throws Exception {
        Context request = ((VertxInternal) vertx).createEventLoopContext();
        assertTrue(answersInPlaceOn(request, request));
    }

    @Test
    void anOperationCompletedElsewhereIsHandedToTheRequestsContext() throws Exception {
        Context request = ((VertxInternal) vertx).createEventLoopContext();
        Context other = ((VertxInternal) vertx).createEventLoopContext();
        assertFalse(answersInPlaceOn(other, request));
        assertFalse(OperationEndpoint.answersInPlace(request)); // a thread of no context (the store's writer)
    }
}
