package io.dynamis.item.transaction;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dynamis.core.json.Json;
import io.dynamis.core.roles.Plays;
import io.dynamis.core.roles.Role;
import io.dynamis.core.roles.RoleEvents.RoleStart;
import io.dynamis.core.roles.RoleEvents.RoleStop;
import io.dynamis.core.shard.ShardRouter;
import io.dynamis.item.config.ItemServiceConfig;
import io.dynamis.item.operations.ClientRequestTokens;
import io.dynamis.item.storage.StoreWriter;
import io.dynamis.item.storage.StoreWrites;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * The coordinator side of cross-shard transactions: this shard owns the decision of every transaction whose
 * first item it holds. A commit is recorded ({@link TransactionDecision}, with the participants and the
 * client token) in the same commit that applies this shard's own part, then handed to every other
 * participant ({@code DynamisTransactFinish}) until each acknowledged, again after a restart. A participant
 * asking for a decision that was never made gets an abort, recorded first, so the transaction can no
 * longer commit.
 */
@ApplicationScoped
public class TransactionDecisions {

    private static final Logger LOG = Logger.getLogger(TransactionDecisions.class);
    /** How long the deciding call waits for the participants' acknowledgements before it answers. */
    static final long DELIVERY_WAIT_MILLIS = 10_000;
    /** A commit not acknowledged this long after it was decided is handed out again. */
    static final long REDELIVER_AFTER_MILLIS = 2_000;

    private final StoreWriter writer;
    private final io.dynamis.item.storage.ItemStore store;
    private final ShardRouter router;
    private final ItemServiceConfig config;
    private final PreparedTransactions participant;
    private final ClientRequestTokens tokens = new ClientRequestTokens(); // on the writer thread only
    private final Set<String> delivering = ConcurrentHashMap.newKeySet();
    private ScheduledExecutorService redelivery;

    public TransactionDecisions(StoreWriter writer, io.dynamis.item.storage.ItemStore store, ShardRouter router,
            ItemServiceConfig config, PreparedTransactions participant) {
        this.writer = writer;
        this.store = store;
        this.router = router;
        this.config = config;
        this.participant = participant;
    }

    /** A transaction's decision; null when the client token says the same transaction committed already. */
    private record Decided(String id, TransactionDecision decision) {
    }

    /**
     * Commits a transaction every participant prepared, unless it was aborted already; answers
     * {@code {"Outcome": "Committed" | "Aborted" | "AlreadyCommitted"}} once the participants acknowledged
     * the commit (or after {@link #DELIVERY_WAIT_MILLIS}: the commit is durable, the rest follows).
     */
    public CompletableFuture<ObjectNode> decide(String id, List<Integer> participants, String token, byte[] digest) {
        return writer.submit(writes -> {
            byte[] existing = writes.transactionDecision(id);
            if (existing != null) {
                return new Decided(id, TransactionDecision.decode(existing));
            }
            long now = System.currentTimeMillis();
            if (token != null && tokens.alreadyApplied(writes, token, digest, now)) {
                return new Decided(id, null);
            }
            if (!writes.preparedTransactions().containsKey(id)) {
                return new Decided(id, recordAbort(writes, id, now)); // this shard's part was dropped: it cannot commit
            }
            TransactionDecision decision = TransactionDecision.commit(participants, config.shard(), now);
            writes.putTransactionDecision(id, decision.finished(now) ? null : decision.encode());
            participant.finish(writes, id, true);
            if (token != null) {
                tokens.remember(writes, token, digest, now);
            }
            return new Decided(id, decision);
        }).thenCompose(decided -> {
            if (decided.decision() == null) {
                return CompletableFuture.completedFuture(Json.object().put("Outcome", "AlreadyCommitted"));
            }
            ObjectNode answer = Json.object().put("Outcome", decided.decision().outcome());
            if (!decided.decision().committed()) {
                return CompletableFuture.completedFuture(answer);
            }
            return deliver(id, decided.decision()).completeOnTimeout(null, DELIVERY_WAIT_MILLIS, TimeUnit.MILLISECONDS)
                    .thenApply(delivered -> answer);
        });
    }

    /** A participant's question: the decision, or, when none was made, an abort recorded now. */
    public CompletableFuture<ObjectNode> status(String id) {
        return writer.submit(writes -> {
            byte[] existing = writes.transactionDecision(id);
            TransactionDecision decision = existing != null ? TransactionDecision.decode(existing)
                    : recordAbort(writes, id, System.currentTimeMillis());
            return Json.object().put("Outcome", decision.outcome());
        });
    }

    /** Whether a client token was used, within its window, for this same transaction (mismatch: the error). */
    public CompletableFuture<Boolean> tokenCommitted(String token, byte[] digest) {
        return writer.submit(writes -> tokens.alreadyApplied(writes, token, digest, System.currentTimeMillis()));
    }

    private TransactionDecision recordAbort(StoreWrites writes, String id, long now) {
        TransactionDecision abort = TransactionDecision.abort(now);
        writes.putTransactionDecision(id, abort.encode());
        participant.finish(writes, id, false); // this shard's own part, if it prepared one
        LOG.infof("Transaction %s: aborted (no decision when a participant asked)", id);
        return abort;
    }

    /** Hands a commit to every participant that has not acknowledged it; completes once all have (or failed). */
    private CompletableFuture<Void> deliver(String id, TransactionDecision decision) {
        if (decision.pending().isEmpty() || !delivering.add(id)) {
            return CompletableFuture.completedFuture(null);
        }
        List<CompletableFuture<?>> calls = new ArrayList<>();
        for (int shard : decision.pending()) {
            ObjectNode finish = Json.object().put("TransactionId", id).put("Commit", true);
            calls.add(router.shard(shard).call("DynamisTransactFinish", finish).toCompletableFuture()
                    .thenCompose(done -> writer.submit(writes -> {
                        acknowledge(writes, id, shard);
                        return null;
                    }))
                    .exceptionally(failure -> {
                        LOG.debugf("Transaction %s: shard %d has not taken its commit yet: %s", id, shard, failure.toString());
                        return null;
                    }));
        }
        return CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).whenComplete((done, failure) -> delivering.remove(id));
    }

    private static void acknowledge(StoreWrites writes, String id, int shard) {
        byte[] record = writes.transactionDecision(id);
        if (record == null) {
            return;
        }
        TransactionDecision next = TransactionDecision.decode(record).acknowledged(shard);
        writes.putTransactionDecision(id, next.finished(System.currentTimeMillis()) ? null : next.encode());
    }

    void onStart(@Observes @Plays(Role.ITEM) RoleStart event) {
        if (config.shards() <= 1) {
            return;
        }
        redelivery = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "transaction-decisions");
            thread.setDaemon(true);
            return thread;
        });
        redelivery.scheduleWithFixedDelay(this::sweep, 1, 1, TimeUnit.SECONDS);
    }

    void onStop(@Observes @Plays(Role.ITEM) RoleStop event) {
        if (redelivery != null) {
            redelivery.shutdownNow();
        }
    }

    /** Hands out again every commit not acknowledged in time (after a restart: all of them); forgets old aborts. */
    void sweep() {
        try {
            long now = System.currentTimeMillis();
            List<String> forget = new ArrayList<>();
            Map.copyOf(store.transactionDecisions()).forEach((id, record) -> {
                TransactionDecision decision = TransactionDecision.decode(record);
                if (decision.finished(now)) {
                    forget.add(id);
                } else if (decision.committed() && now - decision.decidedMillis() >= REDELIVER_AFTER_MILLIS) {
                    deliver(id, decision);
                }
            });
            if (!forget.isEmpty()) {
                writer.submit(writes -> {
                    forget.forEach(id -> writes.putTransactionDecision(id, null));
                    return null;
                });
            }
        } catch (Exception e) {
            LOG.warn("Handing out transaction decisions failed; trying again", e);
        }
    }
}
