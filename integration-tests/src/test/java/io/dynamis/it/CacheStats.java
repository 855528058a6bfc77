package io.dynamis.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/**
 * The accelerator's numbers: those a cache-service member reports on its stats route (hits, misses,
 * bypasses, entries, evictions), or, through the gateway's admin route, the whole accelerator's, where
 * item hits also count the GetItem hits the gateway answered from its near cache.
 */
final class CacheStats {

    private static final HttpClient HTTP = DynamisStack.HTTP;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final JsonNode stats;
    private final long gatewayHits;

    private CacheStats(JsonNode stats, long gatewayHits) {
        this.stats = stats;
        this.gatewayHits = gatewayHits;
    }

    /** The numbers of the member serving HTTP on {@code port}, now. */
    static CacheStats of(int port) {
        return new CacheStats(get(URI.create("http://127.0.0.1:" + port + "/internal/cache/stats")), 0);
    }

    /**
     * The accelerator's numbers now, from the gateway's admin route: those of the first member answering,
     * with the GetItem hits the gateway answered itself added to the item hits.
     */
    static CacheStats accelerator(DynamisStack stack) {
        JsonNode all = get(URI.create("http://127.0.0.1:" + stack.gatewayPort() + "/admin/cache/stats"));
        JsonNode member = null;
        for (JsonNode candidate : all.path("members")) {
            if (!candidate.has("error")) {
                member = candidate;
                break;
            }
        }
        if (member == null) {
            throw new IllegalStateException("no cache-service member answered: " + all);
        }
        return new CacheStats(member, all.path("gateway").path("itemHits").asLong());
    }

    /** A number of the item cache ({@code hits}, {@code misses}, {@code bypasses}, {@code evictions}, ...). */
    long item(String number) {
        return stats.path("item").path(number).asLong() + ("hits".equals(number) ? gatewayHits : 0);
    }

    /** The GetItem hits the gateway answered from its near cache (0 for a member's own numbers). */
    long gatewayHits() {
        return gatewayHits;
    }

    /** A number of the query cache. */
    long query(String number) {
        return stats.path("query").path(number).asLong();
    }

    /** Change-log records the member has applied to the cache since it started. */
    long invalidationsApplied() {
        return stats.path("invalidationLag").path("applied").asLong();
    }

    /** Change-log records published and not yet applied by the member (refreshed about once a second). */
    long pendingChangeRecords() {
        return stats.path("pendingChangeRecords").asLong();
    }

    /** When the member measured {@link #pendingChangeRecords()} (epoch milliseconds). */
    long pendingChangeRecordsMeasuredAt() {
        return stats.path("pendingChangeRecordsMeasuredAt").asLong();
    }

    long clusterMembers() {
        return stats.path("clusterMembers").asLong();
    }

    /** The gateway's default admin credentials (the internal routes of cache-service ignore them). */
    static final String ADMIN = "Basic " + java.util.Base64.getEncoder()
            .encodeToString("admin:admin".getBytes(java.nio.charset.StandardCharsets.UTF_8));

    static JsonNode get(URI uri) {
        return send(HttpRequest.newBuilder(uri).timeout(DynamisStack.REQUEST_TIMEOUT).header("Authorization", ADMIN).build());
    }

    static JsonNode post(URI uri) {
        return send(HttpRequest.newBuilder(uri).timeout(DynamisStack.REQUEST_TIMEOUT).header("Authorization", ADMIN)
                .POST(HttpRequest.BodyPublishers.noBody()).build());
    }

    /** The status the URI answers a GET without credentials. */
    static int statusWithoutCredentials(URI uri) {
        try {
            return HTTP.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode send(HttpRequest request) {
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException(request.uri() + " answered " + response.statusCode() + ": "
                        + response.body());
            }
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
