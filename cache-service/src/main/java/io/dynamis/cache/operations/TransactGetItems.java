package io.dynamis.cache.operations;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dynamis.cache.client.Backend;
import io.dynamis.cache.client.BackendClient;
import io.dynamis.cache.store.CacheMetrics;
import io.dynamis.core.protocol.Operation;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletionStage;

/** TransactGetItems through the accelerator: straight to item-service, uncached, as with DAX. */
@ApplicationScoped
public class TransactGetItems implements Operation {

    private final BackendClient backends;
    private final CacheMetrics metrics;

    public TransactGetItems(BackendClient backends, CacheMetrics metrics) {
        this.backends = backends;
        this.metrics = metrics;
    }

    @Override
    public String name() {
        return "TransactGetItems";
    }

    @Override
    public CompletionStage<ObjectNode> execute(ObjectNode request) {
        metrics.bypass(CacheMetrics.Cache.ITEM);
        return backends.send(Backend.ITEM, name(), request);
    }
}
