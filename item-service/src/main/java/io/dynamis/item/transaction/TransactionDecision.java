package io.dynamis.item.transaction;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dynamis.core.json.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * The decision of a cross-shard transaction, as its coordinator shard keeps it: commit (with every
 * participant, and those that have not acknowledged applying it yet) or abort. A commit is kept until every
 * participant acknowledged it; an abort (recorded when a participant asked before any decision, so a late
 * commit cannot happen) for {@link #ABORT_KEPT_MILLIS}, longer than any router waits for its decision.
 *
 * @param committed commit or abort
 * @param participants every participant shard (the coordinator shard included)
 * @param pending the participants that have not acknowledged the commit yet
 * @param decidedMillis when it was decided
 */
public record TransactionDecision(boolean committed, List<Integer> participants, List<Integer> pending, long decidedMillis) {

    static final long ABORT_KEPT_MILLIS = 10 * 60 * 1000L;

    /** A commit decided by shard {@code self}: its own part is applied in the same commit, so it is not pending. */
    public static TransactionDecision commit(List<Integer> participants, int self, long nowMillis) {
        List<Integer> pending = new ArrayList<>(new TreeSet<>(participants));
        pending.remove(Integer.valueOf(self));
        return new TransactionDecision(true, List.copyOf(participants), List.copyOf(pending), nowMillis);
    }

    public static TransactionDecision abort(long nowMillis) {
        return new TransactionDecision(false, List.of(), List.of(), nowMillis);
    }

    /** The decision once {@code shard} acknowledged it. */
    public TransactionDecision acknowledged(int shard) {
        List<Integer> left = new ArrayList<>(pending);
        left.remove(Integer.valueOf(shard));
        return new TransactionDecision(committed, participants, List.copyOf(left), decidedMillis);
    }

    /** True when nothing is left to keep it for: a commit every participant applied, or an old abort. */
    public boolean finished(long nowMillis) {
        return committed ? pending.isEmpty() : nowMillis - decidedMillis >= ABORT_KEPT_MILLIS;
    }

    /** The outcome as the decide and status operations answer it. */
    public String outcome() {
        return committed ? "Committed" : "Aborted";
    }

    public byte[] encode() {
        ObjectNode record = Json.object().put("Committed", committed).put("Decided", decidedMillis);
        participants.forEach(record.putArray("Participants")::add);
        pending.forEach(record.putArray("Pending")::add);
        return Json.toBytes(record);
    }

    public static TransactionDecision decode(byte[] bytes) {
        JsonNode record = Json.readTree(bytes);
        return new TransactionDecision(record.path("Committed").asBoolean(), ints(record.path("Participants")),
                ints(record.path("Pending")), record.path("Decided").asLong());
    }

    private static List<Integer> ints(JsonNode array) {
        List<Integer> values = new ArrayList<>();
        array.forEach(value -> values.add(value.asInt()));
        return List.copyOf(values);
    }
}
