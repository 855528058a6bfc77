package io.dynamis.core.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dynamis.core.error.ApiError;
import io.dynamis.core.json.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * A blocking client of another service's DynamoDB endpoint ({@code POST /} with {@code X-Amz-Target}),
 * for the calls services make to each other off the event loop (catalog lookups, restores). A service
 * that cannot be reached is DynamoDB's ServiceUnavailableException; any answer, error or not, is handed
 * back with its status for the caller to interpret.
 */
public final class InternalClient {

    /** A service's answer: its HTTP status and JSON body. */
    public record Answer(int status, JsonNode body) {
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String serviceName;
    private final URI uri;
    private final Duration timeout;

    public InternalClient(String serviceName, String baseUrl, Duration timeout) {
        this.serviceName = serviceName;
        this.uri = URI.create(baseUrl + "/");
        this.timeout = timeout;
    }

    /** Sends {@code body} to the operation named by {@code target} (e.g. {@code DynamoDB_20120810.ListTables}). */
    public Answer call(String target, ObjectNode body) {
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(timeout)
                .header("Content-Type", WireResponses.CONTENT_TYPE)
                .header(AmzTarget.HEADER, target)
                .POST(HttpRequest.BodyPublishers.ofByteArray(Json.toBytes(body)))
                .build();
        try {
            HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            return new Answer(response.statusCode(), Json.readTree(response.body()));
        } catch (IOException e) {
            throw ApiError.serviceUnavailable(serviceName + " is not available: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ApiError.serviceUnavailable("interrupted while calling " + serviceName);
        }
    }
}
