package io.dynamis.core.shard;

import com.fasterxml.jackson.databind.JsonNode;
import io.dynamis.core.json.Json;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;

/**
 * Whether item-service's shards can be reached and agree with this process's slot map: each shard is
 * asked which shard of how many it is (its internal {@code DynamisDescribeShard}), and one that answers the
 * number and count this process's {@link ShardRouter} gives it <em>agrees</em>, for good (a shard's number
 * and count never change while it runs: it refuses to start as another, see item-service's
 * {@code ShardMembership}). Until then each question is asked again, at most one at a time per shard.
 *
 * <p>The readiness checks use it: query-service is ready once every shard agrees (a Scan needs them all),
 * the gateway once shard 0, the owner of the catalog, agrees that the map it routes by is the cluster's.
 */
@ApplicationScoped
public class ShardAgreement {

    /** The internal operation each shard answers with its number and the shard count. */
    public static final String DESCRIBE_SHARD = "DynamisDescribeShard";

    private final ShardRouter router;
    /** Per shard: null before any answer, "" once it agrees, else why it does not (yet). */
    private final AtomicReferenceArray<String> states;
    private final AtomicReferenceArray<CompletableFuture<Void>> asking;

    public ShardAgreement(ShardRouter router) {
        this.router = router;
        this.states = new AtomicReferenceArray<>(router.shardCount());
        this.asking = new AtomicReferenceArray<>(router.shardCount());
    }

    /** The number of shards of this process's map. */
    public int shardCount() {
        return router.shardCount();
    }

    /**
     * True when the shards named agree (every shard when none is named), asking those that have not yet and
     * waiting for their answers at most {@code waitMillis} (not at all on an event loop).
     */
    public boolean agree(long waitMillis, int... shards) {
        // never on an event loop: the answer of a shard in this process comes back on that very loop, so
        // waiting there only times out (the first readiness call after start took 1 s a check, DOWN)
        long wait = io.vertx.core.Context.isOnEventLoopThread() ? 0 : waitMillis;
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(wait);
        boolean all = true;
        for (int shard : which(shards)) {
            if (agrees(shard)) {
                continue;
            }
            CompletableFuture<Void> answer = ask(shard);
            try {
                answer.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (Exception e) {
                // not answered in time, or failed: stays as it is
            }
            all &= agrees(shard);
        }
        return all;
    }

    /**
     * A readiness check's answer: UP when the shards named agree (every shard when none is named), asked
     * as {@link #agree} asks them, with each one's state as data.
     */
    public HealthCheckResponse readiness(String name, long waitMillis, int... shards) {
        boolean up = agree(waitMillis, shards);
        HealthCheckResponseBuilder response = HealthCheckResponse.named(name).status(up).withData("shards", shardCount());
        for (int shard : which(shards)) {
            response.withData("shard " + shard, state(shard));
        }
        return response.build();
    }

    /** True when the shard has answered with the number and count of this process's map. */
    public boolean agrees(int shard) {
        return "".equals(states.get(shard));
    }

    /** What is known of the shard: {@code agrees}, {@code not reached yet}, or why it does not agree. */
    public String state(int shard) {
        String state = states.get(shard);
        return state == null ? "not reached yet" : state.isEmpty() ? "agrees" : state;
    }

    /** The shards named, or every shard when none is. */
    private List<Integer> which(int... shards) {
        List<Integer> which = new ArrayList<>();
        if (shards.length == 0) {
            for (int shard = 0; shard < router.shardCount(); shard++) {
                which.add(shard);
            }
        } else {
            for (int shard : shards) {
                which.add(shard);
            }
        }
        return which;
    }

    private CompletableFuture<Void> ask(int shard) {
        CompletableFuture<Void> pending = asking.get(shard);
        if (pending != null && !pending.isDone()) {
            return pending;
        }
        CompletableFuture<Void> made = new CompletableFuture<>();
        if (!asking.compareAndSet(shard, pending, made)) {
            return asking.get(shard);
        }
        try {
            router.shard(shard).call(DESCRIBE_SHARD, Json.object()).whenComplete((answer, failure) -> {
                states.set(shard, failure != null ? "not reached: " + rootMessage(failure) : disagreement(shard, answer));
                made.complete(null);
            });
        } catch (RuntimeException e) {
            states.set(shard, "not reached: " + rootMessage(e));
            made.complete(null);
        }
        return made;
    }

    /** "" when the answer is this map's shard {@code shard} of its count, else what it says instead. */
    private String disagreement(int shard, JsonNode answer) {
        int theirShard = answer.path("Shard").asInt(-1);
        int theirCount = answer.path("Shards").asInt(-1);
        if (theirShard == shard && theirCount == router.shardCount()) {
            return "";
        }
        return "answers as shard " + theirShard + " of " + theirCount + ", but this process's map (dynamis.item.shards,"
                + " dynamis.item.shard-urls) has it as shard " + shard + " of " + router.shardCount();
    }

    private static String rootMessage(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    }
}
