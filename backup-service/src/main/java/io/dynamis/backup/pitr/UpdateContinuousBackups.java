package io.dynamis.backup.pitr;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dynamis.core.json.Json;
import io.dynamis.core.protocol.Operation;
import io.dynamis.core.protocol.RequestReader;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** UpdateContinuousBackups: turns point-in-time recovery on (with its RecoveryPeriodInDays, 1 to 35) or off. */
@ApplicationScoped
public class UpdateContinuousBackups implements Operation {

    private final ContinuousBackups backups;

    public UpdateContinuousBackups(ContinuousBackups backups) {
        this.backups = backups;
    }

    @Override
    public String name() {
        return "UpdateContinuousBackups";
    }

    @Override
    public CompletionStage<ObjectNode> execute(ObjectNode json) {
        RequestReader request = new RequestReader(json);
        String tableName = request.requiredTableName();
        ObjectNode spec = request.object("PointInTimeRecoverySpecification");
        Boolean enabled = null;
        Long days = null;
        if (spec == null) {
            request.violation("Value null at 'pointInTimeRecoverySpecification' failed to satisfy constraint:"
                    + " Member must not be null");
        } else {
            RequestReader specification = new RequestReader(spec);
            enabled = specification.bool("PointInTimeRecoveryEnabled");
            days = specification.integerInRange("RecoveryPeriodInDays",
                    "pointInTimeRecoverySpecification.recoveryPeriodInDays", 1, 35);
            if (enabled == null) {
                request.violation("Value null at 'pointInTimeRecoverySpecification.pointInTimeRecoveryEnabled'"
                        + " failed to satisfy constraint: Member must not be null");
            }
            specification.violations().forEach(request::violation);
        }
        request.validate();
        var table = backups.update(tableName, enabled, days == null ? null : days.intValue());
        ObjectNode response = Json.object();
        response.set("ContinuousBackupsDescription", backups.describe(table));
        return CompletableFuture.completedFuture(response);
    }
}
