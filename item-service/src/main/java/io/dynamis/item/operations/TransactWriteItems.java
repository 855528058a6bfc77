package io.dynamis.item.operations;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dynamis.core.capacity.CapacityGuard;
import io.dynamis.core.capacity.ConsumedCapacity;
import io.dynamis.core.error.ApiError;
import io.dynamis.core.expression.Condition;
import io.dynamis.core.expression.ItemExpressions;
import io.dynamis.core.json.AttributeValueCodec;
import io.dynamis.core.json.Json;
import io.dynamis.core.protocol.Operation;
import io.dynamis.core.protocol.RequestReader;
import io.dynamis.core.table.TableDefinition;
import io.dynamis.item.catalog.TableCatalog;
import io.dynamis.item.storage.PreparedTransaction;
import io.dynamis.item.storage.StoreWriter;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;

/**
 * TransactWriteItems: up to 100 puts, updates, deletes and condition checks on distinct items, applied
 * all or nothing.
 *
 * <p>The whole transaction is one mutation of the single writer: it plans every action (reads the
 * item, checks the condition, computes the new item) before it stores any, and no other write can
 * run in between, so it is atomic and isolated by construction, and it becomes durable in one commit.
 * When an action's condition fails (or its update is impossible for the item), nothing is written and
 * the answer is a TransactionCanceledException with one reason per action, in request order.
 */
@ApplicationScoped
public class TransactWriteItems implements Operation {

    static final int MAX_ACTIONS = 100;

    private final TableCatalog catalog;
    private final StoreWriter writer;
    private final CapacityGuard capacity;
    private final ClientRequestTokens tokens = new ClientRequestTokens();

    public TransactWriteItems(TableCatalog catalog, StoreWriter writer, CapacityGuard capacity) {
        this.catalog = catalog;
        this.writer = writer;
        this.capacity = capacity;
    }

    @Override
    public String name() {
        return "TransactWriteItems";
    }


    /** One action: its write, whether a failed condition returns the item, and the size of its item or key. */
    private record Action(ItemWrite write, boolean returnOldOnFailure, long itemBytes) {
    }

    /** Phase 1 of a cross-shard transaction on this shard: its id and coordinator shard (see {@link TransactPrepare}). */
    record Prepare(String transactionId, int coordinator) {
    }

    @Override
    public CompletionStage<ObjectNode> execute(ObjectNode json) {
        return execute(json, null);
    }

    /**
     * Executes the transaction, or with {@code prepare} prepares this shard's part of a cross-shard one:
     * planned exactly the same way (conditions, new images, the same cancellation reasons), but instead of
     * storing the new images it stores them as a prepared record and holds the items until the decision.
     */
    CompletionStage<ObjectNode> execute(ObjectNode json, Prepare prepare) {
        RequestReader request = new RequestReader(json);
        ArrayNode items = TransactRequests.transactItems(request, MAX_ACTIONS);
        String capacityMode = ConsumedCapacity.mode(request);
        boolean collectionMetrics = prepare == null && !ItemRequests.NONE.equals(ItemRequests.itemCollectionMetrics(request));
        String token = TransactRequests.clientRequestToken(request);
        request.validate();

        List<Action> actions = new ArrayList<>();
        Set<ByteBuffer> seen = new HashSet<>();
        long aggregateBytes = 0;
        for (int i = 0; i < items.size(); i++) {
            Action action = action(items.get(i), i + 1);
            if (!seen.add(action.write().identity())) {
                throw ApiError.validation("Transaction request cannot include multiple operations on one item");
            }
            actions.add(action);
            aggregateBytes += action.itemBytes();
        }
        if (aggregateBytes > io.dynamis.core.item.ItemSize.MAX_TRANSACTION_BYTES) {
            throw io.dynamis.core.item.ItemSize.transactionTooLarge();
        }
        byte[] digest = token == null ? null : io.dynamis.core.protocol.ClientTokenDigest.of(json);

        List<ItemCollectionMetrics.Measured> collections = new ArrayList<>(); // filled on the writer thread
        CapacityGuard.Ticket[] tickets = new CapacityGuard.Ticket[actions.size()];
        try {
            for (int i = 0; i < tickets.length; i++) {
                ItemWrite write = actions.get(i).write();
                tickets[i] = capacity.admitWrite(write.table(), write.partitionHash(), 2, name());
            }
        } catch (ApiError throttled) {
            CapacityGuard.Ticket.cancelAll(tickets);
            throw throttled;
        }
        double[] actionUnits = new double[actions.size()]; // filled on the writer thread
        List<ItemWrite.Outcome> stored = new ArrayList<>(); // filled on the writer thread
        return CapacityGuard.Ticket.onFailure(writer.submit(writes -> {
            long now = System.currentTimeMillis();
            if (prepare == null && token != null && tokens.alreadyApplied(writes, token, digest, now)) {
                return capacity(actions, null, actionUnits);
            }
            List<ItemWrite.Plan> plans = new ArrayList<>();
            ArrayNode reasons = Json.MAPPER.createArrayNode();
            boolean canceled = false;
            for (Action action : actions) {
                catalog.requireSame(action.write().table());
                ObjectNode reason = reasons.addObject();
                try {
                    ItemWrite.Plan plan = action.write().plan(writes);
                    plans.add(plan);
                    if (plan.conditionHeld()) {
                        reason.put("Code", "None");
                    } else {
                        canceled = true;
                        reason.put("Code", "ConditionalCheckFailed");
                        reason.put("Message", "The conditional request failed");
                        if (action.returnOldOnFailure() && plan.oldItem() != null) {
                            reason.set("Item", AttributeValueCodec.encodeItem(plan.oldItem()));
                        }
                    }
                } catch (ApiError e) {
                    String code = switch (e.code()) {
                        case VALIDATION -> "ValidationError";
                        case TRANSACTION_CONFLICT -> "TransactionConflict";
                        default -> throw e;
                    };
                    canceled = true;
                    reason.put("Code", code);
                    reason.put("Message", e.getMessage());
                }
            }
            if (canceled) {
                throw ApiError.transactionCanceled(reasons);
            }
            List<ItemWrite.Outcome> outcomes = new ArrayList<>();
            if (prepare != null) {
                List<PreparedTransaction.Action> prepared = new ArrayList<>();
                for (ItemWrite.Plan plan : plans) {
                    prepared.add(plan.prepared());
                    outcomes.add(plan.expected());
                }
                writes.putPrepared(new PreparedTransaction(prepare.transactionId(), prepare.coordinator(), now, prepared));
                stored.addAll(outcomes);
                return capacity(actions, outcomes, actionUnits);
            }
            for (ItemWrite.Plan plan : plans) {
                outcomes.add(plan.store(writes));
            }
            if (token != null) {
                tokens.remember(writes, token, digest, now);
            }
            if (collectionMetrics) {
                collections.addAll(ItemCollectionMetrics.measure(actions.stream().map(Action::write).toList(), writes));
            }
            stored.addAll(outcomes);
            return capacity(actions, outcomes, actionUnits);
        }).thenApply(units -> {
            for (int i = 0; i < tickets.length; i++) {
                double writeUnits = actionUnits[i];
                ItemWrite.Outcome outcome = stored.isEmpty() ? null : stored.get(i);
                TableDefinition table = actions.get(i).write().table();
                tickets[i].settle(writeUnits, index -> outcome == null ? 0 : outcome.indexUnits(table.index(index), 2));
            }
            ObjectNode response = Json.object();
            ObjectNode metrics = ItemCollectionMetrics.perTable(collections);
            if (metrics != null) {
                response.set("ItemCollectionMetrics", metrics);
            }
            ConsumedCapacity.reportEach(response, capacityMode, units);
            return response;
        }), tickets);
    }

    /** Write units per table, doubled as for every transactional write (by the request's items when replayed). */
    private static Map<String, Double> capacity(List<Action> actions, List<ItemWrite.Outcome> outcomes,
            double[] actionUnits) {
        Map<String, Double> units = new LinkedHashMap<>();
        for (int i = 0; i < actions.size(); i++) {
            long bytes = outcomes == null ? 0 : outcomes.get(i).chargedBytes();
            actionUnits[i] = 2 * ConsumedCapacity.writeUnits(bytes);
            units.merge(actions.get(i).write().table().name(), actionUnits[i], Double::sum);
        }
        return units;
    }

    private Action action(JsonNode element, int position) {
        if (!element.isObject()) {
            throw ApiError.serialization("Unexpected value type in payload");
        }
        RequestReader item = new RequestReader((ObjectNode) element);
        String[] kinds = {"ConditionCheck", "Put", "Delete", "Update"};
        String kind = null;
        int count = 0;
        for (String k : kinds) {
            if (item.has(k)) {
                kind = k;
                count++;
            }
        }
        if (count == 0) {
            throw ApiError.validation("Invalid Request: TransactWriteRequest should contain Delete or Put or Update request");
        }
        if (count > 1) {
            throw ApiError.validation("TransactItems can only contain one of Check, Put, Update or Delete");
        }
        RequestReader request = new RequestReader(item.object(kind));
        String path = "transactItems." + position + ".member." + Character.toLowerCase(kind.charAt(0)) + kind.substring(1);
        String tableName = request.tableName("TableName", path + ".tableName");
        String member = kind.equals("Put") ? "Item" : "Key";
        request.requirePresent(member, path + "." + member.toLowerCase());
        if (kind.equals("ConditionCheck")) {
            request.requirePresent("ConditionExpression", path + ".conditionExpression");
        }
        if (kind.equals("Update")) {
            request.requirePresent("UpdateExpression", path + ".updateExpression");
        }
        boolean returnOld = ItemRequests.returnOldOnConditionFailure(request,
                path + ".returnValuesOnConditionCheckFailure");
        request.validate();
        var attributes = request.attributeMap(member);
        ItemWrite write;
        if (kind.equals("Update")) {
            ItemExpressions.UpdateAndCondition expressions = ItemExpressions.update(request);
            write = ItemWrite.update(catalog.requireForItems(tableName), attributes, expressions.update(),
                    expressions.condition());
        } else {
            Condition condition = ItemExpressions.condition(request);
            TableDefinition table = catalog.requireForItems(tableName);
            write = switch (kind) {
                case "Put" -> ItemWrite.put(table, attributes, condition);
                case "Delete" -> ItemWrite.delete(table, attributes, condition);
                default -> ItemWrite.check(table, attributes, condition);
            };
        }
        return new Action(write, returnOld, io.dynamis.core.item.ItemSize.of(attributes));
    }
}
