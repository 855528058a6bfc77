package io.dynamis.query.operations;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dynamis.core.protocol.Operation;
import io.dynamis.core.query.ReadRequest;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletionStage;

/** Query: validated here, executed on the base table by item-service, or on a global secondary index here. */
@ApplicationScoped
public class Query implements Operation {

    private final IndexReads reads;

    public Query(IndexReads reads) {
        this.reads = reads;
    }

    @Override
    public String name() {
        return "Query";
    }

    /** Never waits: a table read is sent on from the event loop, an index read moved to a worker ({@link IndexReads}). */
    @Override
    public boolean blocking() {
        return false;
    }

    @Override
    public CompletionStage<ObjectNode> execute(ObjectNode json) {
        return reads.read(name(), ReadRequest.query(json), json, false);
    }

    @Override
    public CompletionStage<ObjectNode> executeForClient(ObjectNode json) {
        return reads.read(name(), ReadRequest.query(json), json, true);
    }
}
