package io.dynamis.core.observability;

import io.dynamis.core.storage.StoreFile;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;
import org.eclipse.microprofile.health.Readiness;

/**
 * {@code store-files}: DOWN, in liveness and readiness, once a store file of this process (item-service's
 * items, query-service's indexes, backup-service's archive) has closed itself after a failure. MVStore does
 * that for good when writing the file fails; the process could then only answer errors, so it asks to be
 * restarted (Kubernetes' liveness probe): item-service's redo log brings back what it acknowledged, the index
 * and archive stores apply the change log again from their last checkpoint.
 */
@Liveness
@Readiness
@ApplicationScoped
public class StoreFilesCheck implements HealthCheck {

    @Override
    public HealthCheckResponse call() {
        List<Path> failed = StoreFile.failedFiles();
        var response = HealthCheckResponse.named("store-files").status(failed.isEmpty());
        if (!failed.isEmpty()) {
            response.withData("closed after a failure", failed.stream().map(Path::toString).collect(Collectors.joining(", ")));
        }
        return response.build();
    }
}
