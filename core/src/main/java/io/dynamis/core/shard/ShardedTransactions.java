package io.dynamis.core.shard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dynamis.core.error.ApiError;
import io.dynamis.core.error.ErrorCode;
import io.dynamis.core.item.ItemSize;
import io.dynamis.core.json.AttributeValueCodec;
import io.dynamis.core.json.Json;
import io.dynamis.core.protocol.ClientTokenDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * TransactWriteItems and TransactGetItems whose items lie on several shards: the router in the calling
 * process coordinates a two-phase commit, and the shard of the first item (the coordinator shard) durably
 * owns the decision (see docs/architecture.md, "Shards and the router").
 *
 * <p>Write: every shard prepares its part at once ({@code DynamisTransactPrepare}: planned on its writer as
 * a single-shard transaction is, stored as a prepared record, its items held). When all prepared, the
 * coordinator shard commits the decision ({@code DynamisTransactDecide}: decision, participant list, the
 * client token, and its own part applied, in one commit) and hands it to the other participants before it
 * answers. When a part is refused, the prepared parts are dropped ({@code DynamisTransactFinish}) and the
 * answer is the refusal: a TransactionCanceledException carries every action's reason in request order.
 * When the decision's outcome is unknown (the coordinator shard did not answer), nothing is dropped: each
 * participant asks the coordinator shard for the decision ({@code DynamisTransactStatus}), and no decision
 * by then is an abort the coordinator shard records, so a late commit cannot happen.
 *
 * <p>Read: every shard holds and reads its part at once ({@code DynamisTransactRead}); once all have, the
 * holds are released. While one shard's items are held no write changes them, and all are held before any
 * is released, so the items are read at one instant.
 */
final class ShardedTransactions {

    static final String PREPARE = "DynamisTransactPrepare";
    static final String READ = "DynamisTransactRead";
    static final String FINISH = "DynamisTransactFinish";
    static final String DECIDE = "DynamisTransactDecide";
    static final String STATUS = "DynamisTransactStatus";

    private final ShardRouter router;

    ShardedTransactions(ShardRouter router) {
        this.router = router;
    }

    /** One shard's part of a transaction: the positions of its actions in the request, and the request it is sent. */
    private record Part(int shard, List<Integer> positions, ObjectNode request) {
    }

    /** Each shard's part, in shard order; {@code shards} holds the shard of each action, in request order. */
    private static Map<Integer, Part> parts(ObjectNode request, List<Integer> shards, String transactionId) {
        Map<Integer, Part> parts = new TreeMap<>();
        ArrayNode actions = (ArrayNode) request.get("TransactItems");
        for (int i = 0; i < shards.size(); i++) {
            Part part = parts.computeIfAbsent(shards.get(i), shard -> {
                ObjectNode copy = Json.object();
                request.fields().forEachRemaining(field -> {
                    switch (field.getKey()) {
                        case "TransactItems", "ClientRequestToken", "ReturnItemCollectionMetrics" -> {
                        }
                        default -> copy.set(field.getKey(), field.getValue());
                    }
                });
                copy.putArray("TransactItems");
                copy.put("TransactionId", transactionId);
                return new Part(shard, new ArrayList<>(), copy);
            });
            part.positions().add(i);
            ((ArrayNode) part.request().get("TransactItems")).add(actions.get(i));
        }
        return parts;
    }

    private CompletableFuture<ShardedItems.Outcome> send(int shard, String operation, ObjectNode request) {
        return router.shard(shard).call(operation, request).toCompletableFuture().handle(ShardedItems.Outcome::new);
    }

    private static CompletableFuture<Void> all(List<? extends CompletableFuture<?>> futures) {
        return CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new));
    }

    // ---- TransactWriteItems ----

    /** How often a transaction canceled only by conflicts with other transactions is tried again before it is answered. */
    static final int CONFLICT_RETRIES = 3;

    CompletionStage<ObjectNode> write(ObjectNode request, List<Integer> shards) {
        if (aggregateBytes(request) > ItemSize.MAX_TRANSACTION_BYTES) {
            throw ItemSize.transactionTooLarge(); // each shard checks only its part
        }
        return retryingConflicts(() -> writeOnce(request, shards), CONFLICT_RETRIES);
    }

    /**
     * Runs a transaction again, after a few milliseconds, when it was canceled only because another transaction
     * held some of its items (nothing of it was applied), at most {@code retries} times: a transaction across
     * shards holds its items for two round trips, so conflicts are far likelier than on one shard, where the
     * single writer serializes transactions without any.
     */
    private static CompletionStage<ObjectNode> retryingConflicts(java.util.function.Supplier<CompletionStage<ObjectNode>> attempt,
            int retries) {
        return attempt.get().handle((answer, failure) -> {
            if (failure == null) {
                return CompletableFuture.completedFuture(answer);
            }
            ShardedItems.Outcome outcome = new ShardedItems.Outcome(null, failure);
            if (retries > 0 && outcome.canceled() && onlyConflicts(outcome.error())) {
                java.util.concurrent.Executor later = CompletableFuture.delayedExecutor(
                        2 + java.util.concurrent.ThreadLocalRandom.current().nextInt(10), java.util.concurrent.TimeUnit.MILLISECONDS);
                return CompletableFuture.supplyAsync(() -> null, later)
                        .thenCompose(ignored -> retryingConflicts(attempt, retries - 1));
            }
            return CompletableFuture.<ObjectNode>failedFuture(outcome.error());
        }).thenCompose(java.util.function.Function.identity());
    }

    private static boolean onlyConflicts(ApiError canceled) {
        boolean conflict = false;
        for (JsonNode reason : canceled.toJson().path("CancellationReasons")) {
            String code = reason.path("Code").asText();
            conflict |= "TransactionConflict".equals(code);
            if (!"None".equals(code) && !"TransactionConflict".equals(code)) {
                return false;
            }
        }
        return conflict;
    }

    /** The aggregate size of a transaction's items: its Put items and the keys of its other actions. */
    private static long aggregateBytes(ObjectNode request) {
        long bytes = 0;
        for (JsonNode action : request.get("TransactItems")) {
            for (JsonNode kind : action) {
                JsonNode item = kind.has("Item") ? kind.get("Item") : kind.get("Key");
                if (item != null && item.isObject()) {
                    try {
                        bytes += ItemSize.of(AttributeValueCodec.decodeItem(item));
                    } catch (RuntimeException invalid) {
                        // not an item: its shard answers the error
                    }
                }
            }
        }
        return bytes;
    }

    private CompletionStage<ObjectNode> writeOnce(ObjectNode request, List<Integer> shards) {
        String id = UUID.randomUUID().toString();
        int coordinator = shards.get(0);
        Map<Integer, Part> parts = parts(request, shards, id);
        String token = request.path("ClientRequestToken").asText(null);
        String digest = token == null ? null : Base64.getEncoder().encodeToString(ClientTokenDigest.of(request));
        List<CompletableFuture<ShardedItems.Outcome>> prepared = new ArrayList<>();
        for (Part part : parts.values()) {
            part.request().put("Coordinator", coordinator);
            prepared.add(send(part.shard(), PREPARE, part.request()));
        }
        return all(prepared).thenCompose(done -> {
            List<ShardedItems.Outcome> outcomes = prepared.stream().map(CompletableFuture::join).toList();
            if (outcomes.stream().allMatch(outcome -> outcome.failure() == null)) {
                return decide(id, coordinator, parts, outcomes, token, digest);
            }
            return abort(id, parts, outcomes).thenCompose(aborted -> refusal(parts, outcomes, coordinator, token, digest));
        });
    }

    /** Every part prepared: the coordinator shard commits the decision and hands it on. */
    private CompletionStage<ObjectNode> decide(String id, int coordinator, Map<Integer, Part> parts, List<ShardedItems.Outcome> outcomes,
            String token, String digest) {
        ObjectNode decide = Json.object().put("TransactionId", id);
        ArrayNode participants = decide.putArray("Participants");
        parts.keySet().forEach(participants::add);
        if (token != null) {
            decide.put("ClientRequestToken", token).put("Digest", digest);
        }
        return send(coordinator, DECIDE, decide).thenCompose(decided -> {
            if (decided.failure() != null) {
                if (decided.error().code() == ErrorCode.IDEMPOTENT_PARAMETER_MISMATCH) {
                    return abort(id, parts, outcomes).thenApply(aborted -> {
                        throw decided.error();
                    });
                }
                // the decision may or may not be recorded: the participants ask the coordinator shard for it
                throw ApiError.internal("The transaction's outcome is not known: its coordinator shard " + coordinator
                        + " did not answer (" + decided.error().getMessage() + "). Retry it with the same ClientRequestToken");
            }
            String result = decided.answer().path("Outcome").asText();
            return switch (result) {
                case "Committed" -> CompletableFuture.completedFuture(merged(outcomes));
                case "AlreadyCommitted" -> abort(id, parts, outcomes).thenApply(aborted -> merged(outcomes));
                default -> throw ApiError.internal("The transaction was aborted before it could commit (a participant shard"
                        + " asked for its decision first); nothing of it was applied. Retry it");
            };
        });
    }

    /** The answer of a committed transaction: the parts' consumed capacity added up. */
    private static ObjectNode merged(List<ShardedItems.Outcome> outcomes) {
        ObjectNode merged = Json.object();
        for (ShardedItems.Outcome outcome : outcomes) {
            ShardedItems.mergeAnswer(merged, outcome.answer());
        }
        return merged;
    }

    /** Drops the parts that prepared (best effort: a participant left holding asks the coordinator shard later). */
    private CompletableFuture<Void> abort(String id, Map<Integer, Part> parts, List<ShardedItems.Outcome> outcomes) {
        List<CompletableFuture<ShardedItems.Outcome>> finished = new ArrayList<>();
        int i = 0;
        for (Part part : parts.values()) {
            if (outcomes.get(i++).failure() == null) {
                finished.add(send(part.shard(), FINISH, Json.object().put("TransactionId", id).put("Commit", false)));
            }
        }
        return all(finished);
    }

    /**
     * The answer when a part was refused: an error other than a cancellation as it is; else a
     * TransactionCanceledException with every action's reason in request order ({@code None} for the actions
     * of parts that prepared), unless the client token says the same transaction already committed.
     */
    private CompletionStage<ObjectNode> refusal(Map<Integer, Part> parts, List<ShardedItems.Outcome> outcomes, int coordinator,
            String token, String digest) {
        for (ShardedItems.Outcome outcome : outcomes) {
            if (outcome.failure() != null && !outcome.canceled()) {
                throw outcome.error();
            }
        }
        ArrayNode reasons = Json.MAPPER.createArrayNode();
        int count = parts.values().stream().mapToInt(part -> part.positions().size()).sum();
        for (int i = 0; i < count; i++) {
            reasons.addObject().put("Code", "None");
        }
        int p = 0;
        for (Part part : parts.values()) {
            ShardedItems.Outcome outcome = outcomes.get(p++);
            if (outcome.failure() == null) {
                continue;
            }
            JsonNode partReasons = outcome.error().toJson().path("CancellationReasons");
            for (int i = 0; i < part.positions().size() && i < partReasons.size(); i++) {
                reasons.set(part.positions().get(i), partReasons.get(i).deepCopy());
            }
        }
        ApiError canceled = ApiError.transactionCanceled(reasons);
        if (token == null) {
            throw canceled;
        }
        ObjectNode status = Json.object().put("ClientRequestToken", token).put("Digest", digest);
        return router.shard(coordinator).call(STATUS, status).thenApply(answer -> {
            if (answer.path("TokenCommitted").asBoolean()) {
                return Json.object(); // a retry of a transaction that committed: it succeeds again, applying nothing
            }
            throw canceled;
        });
    }

    // ---- TransactGetItems ----

    CompletionStage<ObjectNode> read(ObjectNode request, List<Integer> shards) {
        return retryingConflicts(() -> readOnce(request, shards), CONFLICT_RETRIES);
    }

    private CompletionStage<ObjectNode> readOnce(ObjectNode request, List<Integer> shards) {
        String id = UUID.randomUUID().toString();
        Map<Integer, Part> parts = parts(request, shards, id);
        List<CompletableFuture<ShardedItems.Outcome>> read = new ArrayList<>();
        for (Part part : parts.values()) {
            read.add(send(part.shard(), READ, part.request()));
        }
        return all(read).thenCompose(done -> {
            List<ShardedItems.Outcome> outcomes = read.stream().map(CompletableFuture::join).toList();
            return abort(id, parts, outcomes).thenApply(released -> {
                if (outcomes.stream().anyMatch(outcome -> outcome.failure() != null)) {
                    return refusalOf(parts, outcomes);
                }
                ObjectNode merged = Json.object();
                ArrayNode responses = Json.MAPPER.createArrayNode();
                for (int i = 0; i < shards.size(); i++) {
                    responses.addObject();
                }
                int p = 0;
                for (Part part : parts.values()) {
                    ObjectNode answer = outcomes.get(p++).answer();
                    JsonNode partResponses = answer.path("Responses");
                    for (int i = 0; i < part.positions().size(); i++) {
                        responses.set(part.positions().get(i), partResponses.path(i).deepCopy());
                    }
                    ObjectNode rest = answer.deepCopy();
                    rest.remove("Responses");
                    ShardedItems.mergeAnswer(merged, rest);
                }
                merged.set("Responses", responses);
                return merged;
            });
        });
    }

    /** A read refused by a shard: its error, or the merged cancellation reasons (no client token for reads). */
    private ObjectNode refusalOf(Map<Integer, Part> parts, List<ShardedItems.Outcome> outcomes) {
        refusal(parts, outcomes, -1, null, null);
        throw new IllegalStateException("unreachable: a refusal always throws without a token");
    }
}
