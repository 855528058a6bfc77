package io.dynamis.core.shard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dynamis.core.error.ApiError;
import io.dynamis.core.json.Json;
import io.dynamis.core.roles.ServiceChannel;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.Test;

/** Readiness's question to the shards: reached, and of the same slot map. */
class ShardAgreementTest {

    /** A shard answering DynamisDescribeShard as shard {@code number} of {@code count}, or unreachable, or silent. */
    static final class Shard implements ServiceChannel {
        volatile int number;
        volatile int count;
        volatile boolean down;
        volatile boolean silent;
        int asked;

        Shard(int number, int count) {
            this.number = number;
            this.count = count;
        }

        @Override
        public CompletionStage<ObjectNode> call(String operation, ObjectNode request) {
            assertEquals(ShardAgreement.DESCRIBE_SHARD, operation);
            asked++;
            if (silent) {
                return new CompletableFuture<>();
            }
            if (down) {
                return CompletableFuture.failedFuture(ApiError.serviceUnavailable("item-service shard " + number + " is not available"));
            }
            return CompletableFuture.completedFuture(Json.object().put("Shard", number).put("Shards", count));
        }
    }

    /** The agreement of a process whose map has one shard per channel given. */
    private static ShardAgreement agreement(Shard... shards) {
        return new ShardAgreement(new ShardRouter(SlotMap.contiguous(shards.length), List.of(shards)));
    }

    @Test
    void everyShardAgreesOnceItAnswersAsItsPlaceInTheMap() {
        Shard zero = new Shard(0, 2);
        Shard one = new Shard(1, 2);
        one.down = true;
        ShardAgreement agreement = agreement(zero, one);

        assertFalse(agreement.agree(100), "shard 1 cannot be reached");
        assertTrue(agreement.agree(100, 0), "shard 0 alone agrees");
        assertEquals("agrees", agreement.state(0));
        assertTrue(agreement.state(1).startsWith("not reached: item-service shard 1 is not available"), agreement.state(1));
        HealthCheckResponse all = agreement.readiness("item-service-shards", 100);
        assertEquals("item-service-shards", all.getName());
        assertEquals(HealthCheckResponse.Status.DOWN, all.getStatus());
        assertEquals("agrees", all.getData().orElseThrow().get("shard 0"));
        assertTrue(all.getData().orElseThrow().get("shard 1").toString().startsWith("not reached"));
        HealthCheckResponse first = agreement.readiness("slot-map", 100, 0);
        assertEquals(HealthCheckResponse.Status.UP, first.getStatus(), "shard 0 alone, for the gateway");
        assertFalse(first.getData().orElseThrow().containsKey("shard 1"));

        one.down = false;
        assertTrue(agreement.agree(100));
        int asked = zero.asked + one.asked;
        assertTrue(agreement.agree(100));
        assertEquals(asked, zero.asked + one.asked, "a shard that agreed is not asked again");
    }

    @Test
    void aShardOfAnotherMapNeverAgrees() {
        Shard zero = new Shard(0, 3); // a cluster of 3 shards, this process's map says 2
        Shard one = new Shard(1, 2);
        ShardAgreement agreement = agreement(zero, one);
        assertFalse(agreement.agree(100));
        assertFalse(agreement.agree(100, 0));
        assertTrue(agreement.state(0).startsWith("answers as shard 0 of 3, but this process's map"), agreement.state(0));
        assertEquals("agrees", agreement.state(1));
    }

    @Test
    void aShardThatDoesNotAnswerKeepsItNotReachedWithinTheWait() {
        Shard zero = new Shard(0, 1);
        zero.silent = true;
        ShardAgreement agreement = agreement(zero);
        long started = System.nanoTime();
        assertFalse(agreement.agree(200));
        assertTrue(System.nanoTime() - started < 5_000_000_000L, "the wait is bounded");
        assertEquals("not reached yet", agreement.state(0));
        assertFalse(agreement.agree(50));
        assertEquals(1, zero.asked, "one question at a time while it is pending");
    }
}
