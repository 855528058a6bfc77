package io.dynamis.core.roles;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dynamis.core.error.ApiError;
import io.dynamis.core.protocol.Operation;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * A role this process plays, called as methods: the role's {@link Operation} handlers by name, with no
 * HTTP and no JSON encoding in between. The request object is handed over as it is and must not be used
 * by the caller afterwards; the answer is the handler's own.
 *
 * <p>A handler that may block is never run on an event loop: called from one, it moves to a worker
 * thread, as the role's HTTP endpoint would have run it; called from any other thread, it runs there.
 */
public final class LocalChannel implements ServiceChannel {

    private final Role role;
    private final Vertx vertx;
    private final Map<String, Operation> operations = new LinkedHashMap<>();

    public LocalChannel(Role role, Vertx vertx, Collection<? extends Operation> roleOperations) {
        this.role = role;
        this.vertx = vertx;
        for (Operation op : roleOperations) {
            Operation previous = operations.put(op.name(), op);
            if (previous != null) {
                throw new IllegalStateException(role + " has two handlers for " + op.name() + ": " + previous + ", " + op);
            }
        }
    }

    public Role role() {
        return role;
    }

    /** The handler of the operation, or null when the role has none. */
    public Operation operation(String name) {
        return operations.get(name);
    }

    /** The role's handlers. */
    public Collection<Operation> operations() {
        return operations.values();
    }

    @Override
    public CompletionStage<ObjectNode> call(String operation, ObjectNode request) {
        return run(operation, request, false);
    }

    /**
     * {@link #call} for a client's request whose answer this process writes straight back to the client
     * ({@link Operation#executeForClient}): the answer is only serialized, never read.
     */
    public CompletionStage<ObjectNode> callForClient(String operation, ObjectNode request) {
        return run(operation, request, true);
    }

    private CompletionStage<ObjectNode> run(String operation, ObjectNode request, boolean forClient) {
        Operation op = operations.get(operation);
        if (op == null) {
            return CompletableFuture.failedFuture(ApiError.notYetSupported(operation));
        }
        if (op.blocking(request) && Context.isOnEventLoopThread()) {
            return vertx.<CompletionStage<ObjectNode>>executeBlocking(() -> execute(op, request, forClient), false)
                    .toCompletionStage()
                    .thenCompose(stage -> stage);
        }
        try {
            return execute(op, request, forClient);
        } catch (RuntimeException failure) {
            return CompletableFuture.failedFuture(failure);
        }
    }

    private static CompletionStage<ObjectNode> execute(Operation op, ObjectNode request, boolean forClient) {
        return forClient ? op.executeForClient(request) : op.execute(request);
    }
}
