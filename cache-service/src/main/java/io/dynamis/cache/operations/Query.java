package io.dynamis.cache.operations;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dynamis.core.protocol.Operation;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletionStage;

/** Query through the accelerator: pages from the query cache (see {@link CachedPages}). */
@ApplicationScoped
public class Query implements Operation {

    private final CachedPages pages;

    public Query(CachedPages pages) {
        this.pages = pages;
    }

    @Override
    public String name() {
        return "Query";
    }

    @Override
    public CompletionStage<ObjectNode> execute(ObjectNode request) {
        return pages.read(name(), request);
    }

    @Override
    public boolean blocking() {
        return false;
    }
}
