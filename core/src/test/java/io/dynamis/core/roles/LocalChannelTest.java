package io.dynamis.core.roles;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dynamis.core.json.Json;
import io.dynamis.core.protocol.Operation;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A role called as methods runs a request that may block on a worker, and one that never blocks where it is called. */
class LocalChannelTest {

    private final Vertx vertx = Vertx.vertx();

    @AfterEach
    void close() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    /** Blocks for a request whose "Kind" is "Scan" (or for all when told); answers whether it ran on an event loop. */
    private static final class PerRequest implements Operation {
        private final boolean blockingAlways;

        PerRequest(boolean blockingAlways) {
            this.blockingAlways = blockingAlways;
        }

        @Override
        public String name() {
            return "Read";
        }

        @Override
        public boolean blocking() {
            return blockingAlways;
        }

        @Override
        public boolean blocking(ObjectNode request) {
            return blockingAlways || "Scan".equals(request.path("Kind").asText());
        }

        @Override
        public CompletionStage<ObjectNode> execute(ObjectNode request) {
            return CompletableFuture.completedFuture(Json.object().put("onEventLoop", Context.isOnEventLoopThread()));
        }
    }

    private boolean ranOnEventLoop(Operation op, String kind) throws Exception {
        LocalChannel channel = new LocalChannel(Role.ITEM, vertx, List.of(op));
        CompletableFuture<ObjectNode> answer = new CompletableFuture<>();
        vertx.getOrCreateContext().runOnContext(v -> channel.call("Read", Json.object().put("Kind", kind))
                .whenComplete((result, failure) -> {
                    if (failure != null) {
                        answer.completeExceptionally(failure);
                    } else {
                        answer.complete(result);
                    }
                }));
        return answer.get(10, TimeUnit.SECONDS).path("onEventLoop").asBoolean();
    }

    @Test
    void aRequestThatNeverBlocksRunsOnTheCallingEventLoop() throws Exception {
        assertTrue(ranOnEventLoop(new PerRequest(false), "Query"));
    }

    @Test
    void aRequestThatMayBlockMovesToAWorker() throws Exception {
        assertFalse(ranOnEventLoop(new PerRequest(false), "Scan"));
        assertFalse(ranOnEventLoop(new PerRequest(true), "Query"));
    }
}
