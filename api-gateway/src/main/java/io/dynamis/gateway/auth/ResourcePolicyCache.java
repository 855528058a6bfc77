package io.dynamis.gateway.auth;

import com.fasterxml.jackson.databind.JsonNode;
import io.dynamis.core.json.Json;
import io.dynamis.gateway.rest.RequestIds;
import io.dynamis.gateway.routing.OwningService;
import io.dynamis.gateway.routing.ServiceClients;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * The resource-based policies of the tables and streams requests touch, from item-service's
 * GetResourcePolicy (item-service keeps them with the table), each kept for {@link #TTL_NANOS}: a policy
 * put or deleted through any gateway applies everywhere within that time. An index is governed by its
 * table's policy (whose statements may name the index's ARN), as in DynamoDB; backups and "every table"
 * have none.
 */
final class ResourcePolicyCache {

    private static final Logger LOG = Logger.getLogger(ResourcePolicyCache.class);
    static final long TTL_NANOS = 1_000_000_000L;

    private record Entry(PolicyDocument policy, long fetchedNanos) {
    }

    private final ServiceClients services;
    private final Map<String, Entry> attached = new ConcurrentHashMap<>();

    ResourcePolicyCache(ServiceClients services) {
        this.services = services;
    }

    /**
     * The ARN of the table or stream whose policy governs a resource ARN: the table of an index, the stream
     * itself, the table itself; null for what has no resource-based policy (all tables, backups).
     */
    static String attachedTo(String resource) {
        int table = resource.indexOf(":table/");
        if (table < 0 || resource.endsWith(":table/*")) {
            return null;
        }
        String[] path = resource.substring(table + ":table/".length()).split("/");
        if (path.length == 1) {
            return resource;
        }
        String tableArn = resource.substring(0, table + ":table/".length()) + path[0];
        return switch (path[1]) {
            case "index" -> tableArn;
            case "stream" -> path.length == 3 ? resource : null;
            default -> null;
        };
    }

    /** The policy that governs a resource ARN (loaded by {@link #load}), as a list of zero or one. */
    List<PolicyDocument> policiesOf(String resource) {
        String arn = attachedTo(resource);
        Entry entry = arn == null ? null : attached.get(arn);
        return entry == null || entry.policy() == null ? List.of() : List.of(entry.policy());
    }

    /** Makes sure the policies governing these resource ARNs are fresh; never fails (none is then assumed). */
    Future<Void> load(Collection<String> resources) {
        long now = System.nanoTime();
        List<Future<Void>> loads = new ArrayList<>();
        for (String arn : resources.stream().map(ResourcePolicyCache::attachedTo).distinct().toList()) {
            Entry entry = arn == null ? null : attached.get(arn);
            if (arn != null && (entry == null || now - entry.fetchedNanos() > TTL_NANOS)) {
                loads.add(fetch(arn, now));
            }
        }
        return loads.isEmpty() ? Future.succeededFuture() : Future.join(loads).<Void>mapEmpty().otherwiseEmpty();
    }

    private Future<Void> fetch(String arn, long now) {
        byte[] request = Json.toBytes(Json.object().put("ResourceArn", arn));
        return services.forward(OwningService.ITEM, "DynamoDB_20120810.GetResourcePolicy", RequestIds.next(),
                Buffer.buffer(request)).map(answer -> {
                    PolicyDocument policy = null;
                    if (answer.status() == 200) {
                        JsonNode text = Json.readTree(answer.body().getBytes()).path("Policy");
                        try {
                            policy = PolicyDocument.parseResourcePolicy(text.asText());
                        } catch (IllegalArgumentException e) {
                            LOG.warnf("the resource-based policy of %s is not evaluated: %s", arn, e.getMessage());
                        }
                    }
                    attached.put(arn, new Entry(policy, now));
                    if (attached.size() > 10_000) {
                        attached.clear();
                    }
                    return null;
                });
    }
}
