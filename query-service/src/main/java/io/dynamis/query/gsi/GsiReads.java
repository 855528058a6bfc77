package io.dynamis.query.gsi;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dynamis.core.error.ApiError;
import io.dynamis.core.item.ItemSize;
import io.dynamis.core.model.AttributeValue;
import io.dynamis.core.query.KeyRange;
import io.dynamis.core.query.PageBuilder;
import io.dynamis.core.query.ReadPlan;
import io.dynamis.core.query.ReadRequest;
import io.dynamis.core.query.ReadTarget;
import io.dynamis.core.query.Select;
import io.dynamis.core.table.IndexDefinition;
import io.dynamis.core.table.TableDefinition;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;

/**
 * Query and Scan of a global secondary index, answered from {@link GsiStore} with the shared engine:
 * {@link ReadPlan#of} turns the key condition on the index key into a range of entries, and
 * {@link PageBuilder} applies Limit, the 1 MB page, the filter, the projection and Select, with a
 * LastEvaluatedKey of index key and table key. What the index returns is what it projects. A valid read
 * first waits (bounded) until the index holds the writes acknowledged before it ({@link ReadAfterWrite}).
 */
@ApplicationScoped
public class GsiReads {

    private final GsiStore store;
    private final ReadAfterWrite readAfterWrite;
    private final io.dynamis.core.capacity.CapacityGuard capacity;

    public GsiReads(GsiStore store, ReadAfterWrite readAfterWrite, io.dynamis.core.capacity.CapacityGuard capacity) {
        this.store = store;
        this.readAfterWrite = readAfterWrite;
        this.capacity = capacity;
    }

    /** Reads the index for a validated request; throws DynamoDB's errors for what the index refuses. */
    public ObjectNode read(ReadRequest request, TableDefinition table, IndexDefinition index) {
        if (request.consistentRead()) {
            throw ApiError.validation("Consistent reads are not supported on global secondary indexes");
        }
        if (request.select() == Select.ALL_ATTRIBUTES && !IndexDefinition.ALL.equals(index.projectionType())) {
            throw ApiError.validation("One or more parameter values were invalid: Select type ALL_ATTRIBUTES is not"
                    + " supported for global secondary index " + index.name()
                    + " because its projection type is not ALL");
        }
        if (!"ACTIVE".equals(index.status())) {
            throw ApiError.validation("Cannot read from backfilling global secondary index: " + index.name());
        }
        ReadPlan.of(request, ReadTarget.resolve(request, table)); // a request the index refuses does not wait
        readAfterWrite.awaitAcknowledgedWrites();
        Long id = store.indexId(table.tableId(), index.name());
        ReadTarget target = ReadTarget.resolve(request, table).inStore(id == null ? 0 : id);
        ReadPlan plan = ReadPlan.of(request, target);
        io.dynamis.core.capacity.CapacityGuard.Ticket ticket = capacity.admitRead(table, index.name(),
                plan.partitionHash(), io.dynamis.core.capacity.ConsumedCapacity.readUnits(0, false),
                request.kind() == ReadRequest.Kind.QUERY ? "Query" : "Scan");
        PageBuilder page = new PageBuilder(request, target);
        if (id != null) {
            read(plan, page);
        }
        ticket.settle(page.consumedUnits());
        return page.response();
    }

    private void read(ReadPlan plan, PageBuilder page) {
        KeyRange range = plan.range();
        if (range.isEmpty()) {
            return;
        }
        for (Map.Entry<byte[], byte[]> entry : store.range(range.from(), range.to(), plan.forward())) {
            Map<String, AttributeValue> item = GsiStore.decode(entry.getValue());
            if (!plan.matchesKeyCondition(item)) {
                continue;
            }
            if (!page.offer(item, ItemSize.of(item))) {
                return;
            }
        }
    }
}
