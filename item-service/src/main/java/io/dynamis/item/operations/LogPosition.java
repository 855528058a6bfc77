package io.dynamis.item.operations;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dynamis.core.json.Json;
import io.dynamis.core.protocol.Operation;
import io.dynamis.item.config.ItemServiceConfig;
import io.dynamis.item.storage.StoreWriter;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletionStage;

/**
 * {@code DynamisLogPosition}, internal: where this shard's change log stands, asked through the writer so
 * the answer is ordered with every write. The answer {@code {"Shard", "LastSequence", "CommitTimeMillis"}}
 * says: every change up to {@code LastSequence} is in the log, and every later one will carry a commit
 * time at or after {@code CommitTimeMillis}. backup-service uses it to know how recent a state its
 * archive can restore (the archive holds the log through {@code LastSequence}: the table's state is
 * known up to just before {@code CommitTimeMillis}).
 */
@ApplicationScoped
public class LogPosition implements Operation {

    private final StoreWriter writer;
    private final int shard;

    public LogPosition(StoreWriter writer, ItemServiceConfig config) {
        this.writer = writer;
        this.shard = config.shard();
    }

    @Override
    public String name() {
        return "DynamisLogPosition";
    }

    @Override
    public CompletionStage<ObjectNode> execute(ObjectNode request) {
        return writer.submit(writes -> new long[] {writes.lastSequence(), writes.commitTimeMillis()})
                .thenApply(position -> {
                    ObjectNode response = Json.object();
                    response.put("Shard", shard);
                    response.put("LastSequence", position[0]);
                    response.put("CommitTimeMillis", position[1]);
                    return response;
                });
    }
}
