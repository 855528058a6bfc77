package io.dynamis.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * The admin API of backups and restores on the gateway: described by OpenAPI, closed without the admin
 * credentials, and a restore started and watched through it until its table is back.
 */
@ExtendWith(StackExtension.class)
@OwnStackOnly
class AdminBackupApiIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ADMIN = "Basic " + Base64.getEncoder()
            .encodeToString("admin:admin".getBytes(StandardCharsets.UTF_8));

    private final DynamisStack stack;
    private final HttpClient http = DynamisStack.HTTP;

    AdminBackupApiIT(DynamisStack stack) {
        this.stack = stack;
    }

    @Test
    void theAdminApiIsDescribedByOpenApi() throws Exception {
        Response doc = call("GET", "/admin/openapi.json", null, null);
        assertEquals(200, doc.status());
        assertTrue(doc.json().path("openapi").asText().startsWith("3."), doc.json().path("openapi").asText());
        Map<String, String[]> operations = Map.of(
                "/admin/restores", new String[] {"get", "post"},
                "/admin/restores/{restoreId}", new String[] {"get"},
                "/admin/backups", new String[] {"get", "post"},
                "/admin/tables/{tableName}/restore-window", new String[] {"get"},
                "/admin/cache/stats", new String[] {"get"},
                "/admin/cache/flush", new String[] {"post"},
                "/admin/principals", new String[] {"get", "post"},
                "/admin/principals/{name}", new String[] {"get", "delete"},
                "/admin/principals/{name}/policy", new String[] {"put"},
                "/admin/principals/{name}/sessions", new String[] {"post"});
        operations.forEach((path, methods) -> {
            for (String method : methods) {
                assertTrue(doc.json().path("paths").path(path).has(method), method + " " + path);
            }
        });
        assertEquals("basic", doc.json().path("components").path("securitySchemes").path("basic").path("scheme").asText());
        assertTrue(doc.json().path("components").path("schemas").has("RestoreRequest"));
    }

    @Test
    void swaggerUiShowsTheAdminApi() throws Exception {
        HttpResponse<String> page = http.send(HttpRequest.newBuilder(stack.endpoint().resolve("/admin/swagger-ui/"))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, page.statusCode());
        assertTrue(page.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
        assertTrue(page.body().contains("swagger-ui"), page.body());
    }

    @Test
    void badBodiesAndUnknownRestoresAreAnsweredInTheAdminApisErrorShape() throws Exception {
        Response notJson = call("POST", "/admin/restores", ADMIN, "[1]");
        assertEquals(400, notJson.status());
        assertEquals("{\"error\":\"BadRequest\",\"message\":\"the body must be a JSON object\"}", notJson.json().toString());
        Response unknown = call("GET", "/admin/restores/nope", ADMIN, null);
        assertEquals(404, unknown.status());
        assertEquals("NotFound", unknown.json().path("error").asText());
        Response badTime = call("POST", "/admin/restores", ADMIN,
                "{\"sourceTableName\":\"t\",\"targetTableName\":\"u\",\"restoreDateTime\":\"yesterday\"}");
        assertEquals(400, badTime.status());
        assertEquals("restoreDateTime is not an ISO-8601 instant", badTime.json().path("message").asText());
        Response principals = call("GET", "/admin/principals", ADMIN, null);
        assertEquals(stack.verifyMode() ? 200 : 409, principals.status());
    }

    @Test
    void everyAdminCallNeedsTheAdminCredentials() throws Exception {
        assertEquals(401, call("GET", "/admin/restores", null, null).status());
        String wrong = "Basic " + Base64.getEncoder().encodeToString("admin:nope".getBytes(StandardCharsets.UTF_8));
        assertEquals(401, call("GET", "/admin/backups", wrong, null).status());
        assertEquals(401, call("POST", "/admin/restores", null, "{}").status());
        assertEquals(401, call("GET", "/admin/tables/any/restore-window", null, null).status());
        assertEquals(401, call("POST", "/admin/cache/flush", null, null).status());
        assertEquals(200, call("GET", "/admin/restores", ADMIN, null).status());
    }

    @Test
    void aRestoreStartedThroughTheAdminApiIsWatchedUntilItsTableIsBack() throws Exception {
        try (DynamoDbClient client = stack.client()) {
            String table = Tables.createHashTable(client, "admin-restore", ScalarAttributeType.S);
            for (int i = 0; i < 300; i++) {
                Map<String, AttributeValue> item = Items.item("pk", Items.s("k" + i), "v", Items.n(i));
                client.putItem(b -> b.tableName(table).item(item));
            }
            Response off = call("GET", "/admin/tables/" + table + "/restore-window", ADMIN, null);
            assertEquals(200, off.status());
            assertEquals("DISABLED", off.json().path("pointInTimeRecovery").asText());
            PointInTimeRecoveryIT.enablePointInTimeRecovery(client, table);
            Response window = call("GET", "/admin/tables/" + table + "/restore-window", ADMIN, null);
            assertEquals("ENABLED", window.json().path("pointInTimeRecovery").asText());
            assertTrue(window.json().has("earliestRestorableDateTime") && window.json().has("latestRestorableDateTime"));

            Response backup = call("POST", "/admin/backups", ADMIN,
                    "{\"tableName\":\"" + table + "\",\"backupName\":\"admin-made\"}");
            assertEquals(201, backup.status(), backup.json().toString());
            String backupArn = backup.json().path("backup").path("BackupArn").asText();
            Response backups = call("GET", "/admin/backups?tableName=" + table, ADMIN, null);
            assertEquals(backupArn, backups.json().path("backups").get(0).path("BackupArn").asText());

            PointInTimeRecoveryIT.awaitRestorable(client, table, java.time.Instant.now()); // the writes and the enabling
            Response started = call("POST", "/admin/restores", ADMIN, "{\"sourceTableName\":\"" + table
                    + "\",\"targetTableName\":\"" + table + "-pitr\",\"useLatestRestorableTime\":true}");
            assertEquals(202, started.status(), started.json().toString());
            JsonNode done = watch(started.json().path("restore").path("RestoreId").asText());
            assertEquals(300, done.path("ItemsTotal").asLong());
            assertEquals(300, done.path("ItemsLoaded").asLong());
            assertEquals(100.0, done.path("PercentDone").asDouble());
            assertEquals(300, client.scan(b -> b.tableName(table + "-pitr").consistentRead(true)).count());

            Response fromBackup = call("POST", "/admin/restores", ADMIN, "{\"backupArn\":\"" + backupArn
                    + "\",\"targetTableName\":\"" + table + "-bak\"}");
            assertEquals(202, fromBackup.status(), fromBackup.json().toString());
            assertEquals(backupArn, fromBackup.json().path("restore").path("SourceBackupArn").asText());
            watch(fromBackup.json().path("restore").path("RestoreId").asText());
            assertEquals(300, client.scan(b -> b.tableName(table + "-bak").consistentRead(true)).count());

            Response listed = call("GET", "/admin/restores", ADMIN, null);
            assertTrue(listed.json().path("restores").size() >= 2);

            Response taken = call("POST", "/admin/restores", ADMIN, "{\"backupArn\":\"" + backupArn
                    + "\",\"targetTableName\":\"" + table + "-bak\"}");
            assertEquals(400, taken.status());
            assertTrue(taken.json().path("__type").asText().endsWith("#TableAlreadyExistsException"));
        }
    }

    /** Polls the restore until it is COMPLETED; returns it. */
    private JsonNode watch(String restoreId) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (true) {
            Response restore = call("GET", "/admin/restores/" + restoreId, ADMIN, null);
            assertEquals(200, restore.status());
            JsonNode state = restore.json().path("restore");
            String status = state.path("Status").asText();
            assertTrue(!status.equals("FAILED"), state.toString());
            if (status.equals("COMPLETED")) {
                return state;
            }
            assertTrue(System.nanoTime() < deadline, "the restore completes: " + state);
            Thread.sleep(100);
        }
    }

    private record Response(int status, JsonNode json) {
    }

    private Response call(String method, String path, String authorization, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(stack.endpoint() + path))
                .timeout(DynamisStack.REQUEST_TIMEOUT)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json");
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Response(response.statusCode(), response.body().isEmpty() ? JSON.createObjectNode()
                : JSON.readTree(response.body()));
    }
}
