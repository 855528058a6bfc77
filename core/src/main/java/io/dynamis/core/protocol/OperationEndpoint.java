package io.dynamis.core.protocol;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dynamis.core.error.ApiError;
import io.dynamis.core.json.Json;
import io.dynamis.core.roles.LocalChannel;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.concurrent.CompletionStage;
import org.jboss.logging.Logger;

/**
 * A service's DynamoDB endpoint: {@code POST} with {@code X-Amz-Target} on the role's internal path (and on
 * {@code /} in a process that plays that one role alone), answered by the service's {@link Operation} beans.
 *
 * <p>The gateway forwards requests here unchanged. An operation the gateway routes to this service but
 * that the service has no handler for yet answers a clear "not supported yet" error naming it.
 * Handlers run on worker threads (or on the event loop when they never block); their failures are DynamoDB errors, and anything unexpected is an
 * InternalServerError (logged here), never a dropped connection.
 */
public final class OperationEndpoint {

    private static final Logger LOG = Logger.getLogger(OperationEndpoint.class);

    /** Largest request body accepted from the gateway (the gateway enforces DynamoDB's own limit). */
    private static final long MAX_BODY_BYTES = 32L * 1024 * 1024;

    private final LocalChannel role;

    /** The endpoint of a role this process plays: its handlers, by name. */
    public OperationEndpoint(LocalChannel role) {
        this.role = role;
    }

    /** Mounts {@code POST path} on the router. */
    public void mount(Router router, Vertx vertx, String path) {
        router.post(path).handler(BodyHandler.create(false).setBodyLimit(MAX_BODY_BYTES));
        router.post(path).handler(ctx -> handle(ctx, vertx));
        LOG.debugf("%s serves %d operations on %s", role.role().serviceName(), role.operations().size(), path);
    }

    private void handle(RoutingContext ctx, Vertx vertx) {
        if (!InternalAuth.allows(ctx.request().getHeader(InternalAuth.HEADER))) {
            WireResponses.error(ctx.response(), ApiError.unrecognizedClient());
            return;
        }
        AmzTarget target = AmzTarget.parse(ctx.request().getHeader(AmzTarget.HEADER));
        if (target == null) {
            WireResponses.error(ctx.response(), ApiError.unknownOperation(null));
            return;
        }
        Operation op = role.operation(target.operation());
        if (op == null) {
            WireResponses.error(ctx.response(), ApiError.notYetSupported(target.operation()));
            return;
        }
        byte[] body = ctx.body().buffer() == null ? new byte[0] : ctx.body().buffer().getBytes();
        Context eventLoop = vertx.getOrCreateContext();
        if (op.blocking()) {
            onWorker(ctx, target, vertx, eventLoop, () -> op.executeForClient(Json.parseRequest(body)));
            return;
        }
        CompletionStage<ObjectNode> stage;
        try {
            ObjectNode request = Json.parseRequest(body);
            if (op.blocking(request)) {
                onWorker(ctx, target, vertx, eventLoop, () -> op.executeForClient(request));
                return;
            }
            stage = op.executeForClient(request); // the answer is only serialized
        } catch (RuntimeException failure) {
            fail(ctx, target, failure);
            return;
        }
        answerWhenDone(ctx, target, eventLoop, stage);
    }

    /** Runs the operation on a worker thread and answers on the request's event loop. */
    private void onWorker(RoutingContext ctx, AmzTarget target, Vertx vertx, Context eventLoop,
            java.util.concurrent.Callable<CompletionStage<ObjectNode>> work) {
        vertx.executeBlocking(work, false)
                .onSuccess(stage -> answerWhenDone(ctx, target, eventLoop, stage))
                .onFailure(failure -> fail(ctx, target, failure));
    }

    /**
     * Answers on the request's event loop once the stage completes: at once when it completed there (a
     * GetItem read on the loop, a validation error), else by a task handed to that loop.
     */
    private void answerWhenDone(RoutingContext ctx, AmzTarget target, Context eventLoop, CompletionStage<ObjectNode> stage) {
        stage.whenComplete((result, failure) -> {
            if (answersInPlace(eventLoop)) {
                answer(ctx, target, result, failure);
            } else {
                eventLoop.runOnContext(v -> answer(ctx, target, result, failure));
            }
        });
    }

    /** Whether the calling thread may write the answer itself: it is running the request's own context. */
    static boolean answersInPlace(Context eventLoop) {
        return Vertx.currentContext() == eventLoop;
    }

    private void answer(RoutingContext ctx, AmzTarget target, ObjectNode result, Throwable failure) {
        if (failure != null) {
            fail(ctx, target, failure);
        } else {
            WireResponses.ok(ctx.response(), result == null ? Json.object() : result);
        }
    }

    private void fail(RoutingContext ctx, AmzTarget target, Throwable failure) {
        WireResponses.error(ctx.response(), ApiError.answering(failure, LOG, target));
    }
}
