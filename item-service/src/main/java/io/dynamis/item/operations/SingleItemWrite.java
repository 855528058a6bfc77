package io.dynamis.item.operations;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dynamis.core.capacity.CapacityGuard;
import io.dynamis.core.capacity.ConsumedCapacity;
import io.dynamis.core.json.Json;
import io.dynamis.core.model.AttributeValue;
import io.dynamis.core.protocol.Operation;
import io.dynamis.core.protocol.RequestReader;
import io.dynamis.core.table.TableDefinition;
import io.dynamis.item.catalog.TableCatalog;
import io.dynamis.item.storage.StoreWriter;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/**
 * The read-modify-write base of PutItem, UpdateItem and DeleteItem: read and validate the whole request
 * (members, expressions, key, table), then queue one {@link ItemWrite} to the writer, which checks the
 * condition against the current item and stores the result (a put or delete without a condition is stored
 * in the one lookup that finds the item it replaces); answer ReturnValues and the consumed capacity once
 * it is durable.
 */
abstract class SingleItemWrite implements Operation {

    private final TableCatalog catalog;
    private final StoreWriter writer;
    private final CapacityGuard capacity;
    private final String itemMember;
    private final boolean anyReturnValues;

    /**
     * @param itemMember the member holding the item or key ({@code Item} or {@code Key})
     * @param anyReturnValues true when all five ReturnValues are allowed (UpdateItem), else NONE or ALL_OLD
     */
    SingleItemWrite(TableCatalog catalog, StoreWriter writer, CapacityGuard capacity, String itemMember,
            boolean anyReturnValues) {
        this.catalog = catalog;
        this.writer = writer;
        this.capacity = capacity;
        this.itemMember = itemMember;
        this.anyReturnValues = anyReturnValues;
    }

    /**
     * Reads the operation's expressions (throwing their validation errors) and answers how to build
     * the write once the table is known.
     */
    abstract Function<TableDefinition, ItemWrite> prepare(RequestReader request, Map<String, AttributeValue> attributes);

    /** Refuses expression and legacy parameters mixed (checked before the item's or key's values, as DynamoDB does). */
    abstract void checkParameterStyles(RequestReader request);

    /**
     * Never waits: the request is read and checked against the catalog in memory, and the write queued to the
     * writer, whose durable commit completes the answer. So it runs on the event loop (no thread hand-off).
     */
    @Override
    public boolean blocking() {
        return false;
    }

    @Override
    public CompletionStage<ObjectNode> execute(ObjectNode json) {
        RequestReader request = new RequestReader(json);
        String tableName = request.tableName();
        request.requirePresent(itemMember, Character.toLowerCase(itemMember.charAt(0)) + itemMember.substring(1));
        String capacityMode = ConsumedCapacity.mode(request);
        String returnValues = ItemRequests.returnValues(request);
        boolean returnOldOnFailure = ItemRequests.returnOldOnConditionFailure(request,
                "returnValuesOnConditionCheckFailure");
        boolean collectionMetrics = !ItemRequests.NONE.equals(ItemRequests.itemCollectionMetrics(request));
        request.validate();
        // DynamoDB's order: parameters mixed, the item's (key's) values, ReturnValues, then the expressions
        checkParameterStyles(request);
        Map<String, AttributeValue> attributes = request.attributeMap(itemMember);
        if (!anyReturnValues) {
            ItemRequests.returnValuesNoneOrAllOld(returnValues);
        }
        Function<TableDefinition, ItemWrite> build = prepare(request, attributes);

        TableDefinition table = catalog.requireForItems(tableName);
        ItemWrite write = build.apply(table);
        boolean measureCollection = collectionMetrics && ItemCollectionMetrics.apply(table);
        long[] collectionBytes = new long[1]; // written on the writer thread before the future completes
        CapacityGuard.Ticket ticket = capacity.admitWrite(table, write.partitionHash(), 1, name());
        return ticket.onFailure(writer.submit(writes -> {
            catalog.requireSame(table);
            ItemWrite.Outcome outcome;
            if (write.appliesWithoutPlan()) {
                outcome = write.apply(writes); // a put or delete without a condition: the item is found once
            } else {
                ItemWrite.Plan plan = write.plan(writes);
                if (!plan.conditionHeld()) {
                    throw ItemRequests.conditionFailed(plan, returnOldOnFailure);
                }
                outcome = plan.store(writes);
            }
            if (measureCollection) {
                collectionBytes[0] = writes.itemCollectionBytes(table, write.key().partition());
            }
            return outcome;
        }).thenApply(outcome -> {
            ObjectNode response = Json.object();
            ItemRequests.attributes(response, returnValues, outcome, write);
            if (measureCollection) {
                ItemCollectionMetrics.report(response, table, write.key().partition(), collectionBytes[0]);
            }
            double units = ConsumedCapacity.writeUnits(outcome.chargedBytes());
            ticket.settle(units, index -> outcome.indexUnits(table.index(index), 1));
            ConsumedCapacity.report(response, capacityMode, tableName, units);
            return response;
        }));
    }
}
