package io.dynamis.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** The numbers a cache-service member reports on its stats route: hits, misses, bypasses, entries, evictions. */
final class CacheStats {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    private final JsonNode stats;

    private CacheStats(JsonNode stats) {
        this.stats = stats;
    }

    /** The numbers of the member serving HTTP on {@code port}, now. */
    static CacheStats of(int port) {
        return new CacheStats(get(URI.create("http://127.0.0.1:" + port + "/internal/cache/stats")));
    }

    /** A number of the item cache ({@code hits}, {@code misses}, {@code bypasses}, {@code evictions}, ...). */
    long item(String number) {
        return stats.path("item").path(number).asLong();
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

    long clusterMembers() {
        return stats.path("clusterMembers").asLong();
    }

    /** The gateway's default admin credentials (the internal routes of cache-service ignore them). */
    static final String ADMIN = "Basic " + java.util.Base64.getEncoder()
            .encodeToString("admin:admin".getBytes(java.nio.charset.StandardCharsets.UTF_8));

    static JsonNode get(URI uri) {
        return send(HttpRequest.newBuilder(uri).header("Authorization", ADMIN).build());
    }

    static JsonNode post(URI uri) {
        return send(HttpRequest.newBuilder(uri).header("Authorization", ADMIN)
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
