package io.dynamis.gateway.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dynamis.core.error.ApiError;
import io.dynamis.core.json.Json;
import io.dynamis.core.policy.PolicyDocument;
import io.dynamis.gateway.rest.RequestIds;
import io.dynamis.gateway.routing.OwningService;
import io.dynamis.gateway.routing.ServiceClients;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;

/**
 * The principals a gateway knows, as item-service keeps them (the owner of the catalog: durable, shared
 * by every gateway): each with its long-term access key, its temporary session credentials and its
 * policy. A gateway holds them all in memory and reloads them every {@link AuthConfig#principalsRefresh()}
 * (a cheap call that answers "unchanged" most of the time), so a principal deleted through any gateway
 * stops working on every gateway within that time; its own changes it applies at once. The root principal
 * comes from the configuration and is never stored.
 */
public final class Principals {

    private static final Logger LOG = Logger.getLogger(Principals.class);
    private static final String TARGET = "DynamoDB_20120810.";
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9+=,.@_-]{1,64}");
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final char[] KEY_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".toCharArray();
    private static final char[] SECRET_CHARS =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".toCharArray();

    /** A principal as the gateway uses it: its name, ARN, parsed policy (null: none) and stored record. */
    public record Principal(String name, String arn, boolean root, PolicyDocument policy, ObjectNode record) {
    }

    /** What a gateway holds: principals by name, access keys by id. */
    private record Snapshot(String generation, Map<String, Principal> byName, Map<String, AccessKey> keys) {
    }

    private final ServiceClients services;
    private final ResourceArns arns;
    private final Principal root;
    private final AccessKey rootKey;
    private volatile Snapshot snapshot = new Snapshot(null, Map.of(), Map.of());

    public Principals(ServiceClients services, ResourceArns arns, String rootKeyId, String rootSecret) {
        this.services = services;
        this.arns = arns;
        this.root = new Principal("root", arns.root(), true, null, null);
        this.rootKey = rootKeyId == null ? null : AccessKey.longTerm(rootKeyId, rootSecret, "root");
    }

    /** The access key of an id (root's, a principal's or a session's), or null. */
    public AccessKey accessKey(String id) {
        if (rootKey != null && rootKey.accessKeyId().equals(id)) {
            return rootKey;
        }
        return snapshot.keys().get(id);
    }

    /** The principal an access key belongs to, or null when it was deleted meanwhile. */
    public Principal principalOf(AccessKey key) {
        return key == rootKey ? root : snapshot.byName().get(key.principal());
    }

    public Principal root() {
        return root;
    }

    /** Every stored principal, by name. */
    public List<Principal> all() {
        return snapshot.byName().values().stream().sorted((a, b) -> a.name().compareTo(b.name())).toList();
    }

    public Principal get(String name) {
        return snapshot.byName().get(name);
    }

    /** Reloads from item-service when anything changed there. */
    public Future<Void> refresh() {
        String known = snapshot.generation();
        ObjectNode request = Json.object();
        if (known != null) {
            request.put("KnownGeneration", known);
        }
        return call("DynamisListPrincipals", request).map(answer -> {
            if (answer.has("Principals")) {
                load(answer.path("Generation").asText(), answer.get("Principals"));
            }
            return null;
        });
    }

    private synchronized void load(String generation, JsonNode records) {
        Map<String, Principal> byName = new HashMap<>();
        Map<String, AccessKey> keys = new HashMap<>();
        for (JsonNode record : records) {
            if (!(record instanceof ObjectNode object)) {
                continue;
            }
            String name = object.path("name").asText();
            PolicyDocument policy = null;
            if (object.path("policy").isObject()) {
                try {
                    policy = PolicyDocument.parse(object.get("policy"));
                } catch (IllegalArgumentException e) {
                    LOG.warnf("principal %s: stored policy refused (%s); it allows nothing", name, e.getMessage());
                }
            }
            byName.put(name, new Principal(name, object.path("arn").asText(), false, policy, object));
            String keyId = object.path("accessKeyId").asText();
            keys.put(keyId, AccessKey.longTerm(keyId, object.path("secretAccessKey").asText(), name));
            for (JsonNode session : object.path("sessions")) {
                String id = session.path("accessKeyId").asText();
                keys.put(id, new AccessKey(id, session.path("secretAccessKey").asText(), name,
                        session.path("sessionToken").asText(), session.path("expiration").asLong()));
            }
        }
        snapshot = new Snapshot(generation, Map.copyOf(byName), Map.copyOf(keys));
    }

    /** Creates a principal with a new access key; answers its record, the secret included (shown this once). */
    public Future<ObjectNode> create(String name) {
        if (name == null || !NAME.matcher(name).matches() || name.equals("root")) {
            return Future.failedFuture(ApiError.validation(
                    "name must be 1 to 64 of the characters A-Z a-z 0-9 + = , . @ _ - (and not root)"));
        }
        ObjectNode record = Json.object().put("name", name).put("arn", arns.user(name))
                .put("accessKeyId", "AKIA" + random(KEY_CHARS, 16)).put("secretAccessKey", random(SECRET_CHARS, 40))
                .put("createdAt", Instant.now().toString());
        record.putNull("policy");
        record.putArray("sessions");
        return put(name, record, true).map(record);
    }

    /** Replaces a principal's policy (already parsed, so it is valid). */
    public Future<ObjectNode> putPolicy(String name, JsonNode policy) {
        PolicyDocument.parse(policy);
        Principal principal = get(name);
        if (principal == null) {
            return Future.failedFuture(ApiError.resourceNotFound("Principal not found: " + name));
        }
        ObjectNode record = principal.record().deepCopy();
        record.set("policy", policy);
        return put(name, record, false).map(record);
    }

    /**
     * Issues temporary credentials of a principal for {@code seconds} (900 to 43200, as STS): an
     * {@code ASIA...} key, a secret and the session token requests must carry in {@code X-Amz-Security-Token}.
     */
    public Future<ObjectNode> createSession(String name, long seconds) {
        Principal principal = get(name);
        if (principal == null) {
            return Future.failedFuture(ApiError.resourceNotFound("Principal not found: " + name));
        }
        if (seconds < 900 || seconds > 43_200) {
            return Future.failedFuture(ApiError.validation("durationSeconds must be between 900 and 43200"));
        }
        long now = System.currentTimeMillis();
        ObjectNode session = Json.object().put("accessKeyId", "ASIA" + random(KEY_CHARS, 16))
                .put("secretAccessKey", random(SECRET_CHARS, 40)).put("sessionToken", random(SECRET_CHARS, 96))
                .put("expiration", now + seconds * 1000);
        ObjectNode record = principal.record().deepCopy();
        ArrayNode sessions = record.putArray("sessions");
        for (JsonNode s : principal.record().path("sessions")) {
            if (s.path("expiration").asLong() > now) {
                sessions.add(s);
            }
        }
        sessions.add(session);
        return put(name, record, false).map(session);
    }

    /** Deletes a principal: its keys stop working here at once, on other gateways within the refresh time. */
    public Future<Void> delete(String name) {
        return call("DynamisDeletePrincipal", Json.object().put("Name", name)).compose(done -> refreshNow());
    }

    private Future<Void> put(String name, ObjectNode record, boolean create) {
        ObjectNode request = Json.object().put("Name", name).put("Create", create);
        request.set("Principal", record);
        return call("DynamisPutPrincipal", request).compose(done -> refreshNow());
    }

    /** A full reload (after this gateway's own change, whatever generation it held). */
    private Future<Void> refreshNow() {
        return call("DynamisListPrincipals", Json.object()).map(answer -> {
            load(answer.path("Generation").asText(), answer.path("Principals"));
            return null;
        });
    }

    private Future<ObjectNode> call(String operation, ObjectNode request) {
        return services.forward(OwningService.ITEM, TARGET + operation, RequestIds.next(),
                Buffer.buffer(Json.toBytes(request))).compose(answer -> {
                    JsonNode body = Json.readTree(answer.body().getBytes());
                    if (answer.status() == 200 && body instanceof ObjectNode object) {
                        return Future.succeededFuture(object);
                    }
                    String type = body.path("__type").asText("");
                    String message = body.path("message").asText(body.path("Message").asText(""));
                    io.dynamis.core.error.ErrorCode code = io.dynamis.core.error.ErrorCode.byName(
                            type.substring(type.indexOf('#') + 1));
                    return Future.failedFuture(code == null ? ApiError.internal(message) : new ApiError(code, message));
                });
    }

    private static String random(char[] alphabet, int length) {
        char[] out = new char[length];
        for (int i = 0; i < length; i++) {
            out[i] = alphabet[RANDOM.nextInt(alphabet.length)];
        }
        return new String(out);
    }

    /** The stored record as the admin API shows it: never a secret. */
    public static ObjectNode shown(Principal principal) {
        ObjectNode out = Json.object().put("name", principal.name()).put("arn", principal.arn())
                .put("accessKeyId", principal.record().path("accessKeyId").asText())
                .put("createdAt", principal.record().path("createdAt").asText());
        out.set("policy", principal.record().path("policy"));
        ArrayNode sessions = out.putArray("sessions");
        long now = System.currentTimeMillis();
        for (JsonNode s : principal.record().path("sessions")) {
            if (s.path("expiration").asLong() > now) {
                sessions.addObject().put("accessKeyId", s.path("accessKeyId").asText())
                        .put("expiration", Instant.ofEpochMilli(s.path("expiration").asLong()).toString());
            }
        }
        return out;
    }
}
