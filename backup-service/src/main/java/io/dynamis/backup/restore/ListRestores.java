package io.dynamis.backup.restore;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dynamis.core.json.Json;
import io.dynamis.core.protocol.Operation;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * {@code DynamisListRestores}, internal (the gateway's admin API): every restore, newest first, with its
 * state (IN_PROGRESS, COMPLETED, FAILED) and progress (ItemsLoaded of ItemsTotal, PercentDone, SecondsLeft).
 */
@ApplicationScoped
public class ListRestores implements Operation {

    private final RestoreJobs jobs;

    public ListRestores(RestoreJobs jobs) {
        this.jobs = jobs;
    }

    @Override
    public String name() {
        return "DynamisListRestores";
    }

    @Override
    public CompletionStage<ObjectNode> execute(ObjectNode request) {
        ObjectNode response = Json.object();
        response.set("Restores", jobs.listJson());
        return CompletableFuture.completedFuture(response);
    }
}
