package io.dynamis.gateway.routing;

import io.dynamis.core.protocol.AmzTarget;
import java.util.Set;

/**
 * The accelerator endpoint's owners: the item and query operations go to cache-service (which answers
 * reads from the cache and writes through to item-service); every other operation goes where the
 * {@link DispatchTable} sends it, so the accelerator serves the whole DynamoDB API.
 */
public final class AcceleratorDispatch {

    /** The operations cache-service handles, as DAX does. */
    static final Set<String> CACHED = Set.of("GetItem", "BatchGetItem", "Query", "Scan", "PutItem", "UpdateItem",
            "DeleteItem", "BatchWriteItem", "TransactWriteItems", "TransactGetItems");

    private AcceleratorDispatch() {
    }

    public static OwningService owner(AmzTarget target) {
        OwningService owner = DispatchTable.owner(target);
        if (owner != null && AmzTarget.DYNAMODB.equals(target.service()) && CACHED.contains(target.operation())) {
            return OwningService.CACHE;
        }
        return owner;
    }
}
