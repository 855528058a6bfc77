package io.dynamis.item.principals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dynamis.core.error.ApiError;
import io.dynamis.core.json.Json;
import io.dynamis.core.protocol.Operation;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The internal operations through which gateways keep the principals ({@link PrincipalStore}); the public
 * endpoint never routes them (they are not in the gateway's dispatch table).
 */
public final class PrincipalOperations {

    private PrincipalOperations() {
    }

    private static String principalName(ObjectNode request) {
        JsonNode name = request.get("Name");
        if (name == null || !name.isTextual() || name.asText().isEmpty()) {
            throw ApiError.validation("Name is required");
        }
        return name.asText();
    }

    /**
     * {@code DynamisListPrincipals}: {@code {"Generation", "Principals": [...]}}; given the generation the
     * caller holds ({@code KnownGeneration}) and nothing changed since, only {@code {"Generation"}}.
     */
    @ApplicationScoped
    public static class ListPrincipals implements Operation {
        private final PrincipalStore principals;

        public ListPrincipals(PrincipalStore principals) {
            this.principals = principals;
        }

        @Override
        public String name() {
            return "DynamisListPrincipals";
        }

        @Override
        public boolean blocking() {
            return false;
        }

        @Override
        public CompletionStage<ObjectNode> execute(ObjectNode request) {
            String generation = principals.generation();
            ObjectNode answer = Json.object().put("Generation", generation);
            if (!generation.equals(request.path("KnownGeneration").asText(null))) {
                answer.set("Principals", principals.all());
            }
            return CompletableFuture.completedFuture(answer);
        }
    }

    /** {@code DynamisPutPrincipal}: {@code {"Name", "Principal": {...}, "Create": bool}}; once durable. */
    @ApplicationScoped
    public static class PutPrincipal implements Operation {
        private final PrincipalStore principals;

        public PutPrincipal(PrincipalStore principals) {
            this.principals = principals;
        }

        @Override
        public String name() {
            return "DynamisPutPrincipal";
        }

        @Override
        public CompletionStage<ObjectNode> execute(ObjectNode request) {
            if (!(request.get("Principal") instanceof ObjectNode record)) {
                throw ApiError.validation("Principal is required");
            }
            return principals.put(principalName(request), record, request.path("Create").asBoolean(false))
                    .thenApply(done -> Json.object().put("Generation", principals.generation()));
        }
    }

    /** {@code DynamisDeletePrincipal}: {@code {"Name"}}; once durable. */
    @ApplicationScoped
    public static class DeletePrincipal implements Operation {
        private final PrincipalStore principals;

        public DeletePrincipal(PrincipalStore principals) {
            this.principals = principals;
        }

        @Override
        public String name() {
            return "DynamisDeletePrincipal";
        }

        @Override
        public CompletionStage<ObjectNode> execute(ObjectNode request) {
            return principals.remove(principalName(request))
                    .thenApply(done -> Json.object().put("Generation", principals.generation()));
        }
    }
}
