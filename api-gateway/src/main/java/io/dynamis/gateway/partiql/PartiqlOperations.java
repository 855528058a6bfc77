package io.dynamis.gateway.partiql;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dynamis.core.error.ApiError;
import io.dynamis.core.error.ErrorCode;
import io.dynamis.core.json.Json;
import io.dynamis.core.partiql.Expr;
import io.dynamis.core.partiql.Statement;
import io.dynamis.core.partiql.StatementParser;
import io.dynamis.core.partiql.StatementPlanner;
import io.dynamis.core.partiql.TableKeys;
import io.dynamis.gateway.routing.OwningService;
import io.dynamis.gateway.routing.ServiceClients;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

/**
 * The gateway's PartiQL operations (see the package's narrative): each statement lowered into item-service's
 * and query-service's operations and executed through {@link ServiceClients#channel}.
 */
@ApplicationScoped
public class PartiqlOperations {

    static final int MAX_BATCH = 25;
    static final int MAX_TRANSACTION = 100;
    static final int MAX_STATEMENT_LENGTH = 8192;

    private final ServiceClients services;

    public PartiqlOperations(ServiceClients services) {
        this.services = services;
    }

    /** Executes {@code ExecuteStatement}, {@code BatchExecuteStatement} or {@code ExecuteTransaction}. */
    public CompletionStage<ObjectNode> execute(String operation, ObjectNode request) {
        try {
            return switch (operation) {
                case "ExecuteStatement" -> executeStatement(request);
                case "BatchExecuteStatement" -> batchExecuteStatement(request);
                case "ExecuteTransaction" -> executeTransaction(request);
                default -> CompletableFuture.failedFuture(ApiError.notYetSupported(operation));
            };
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    // ---- ExecuteStatement ----

    private CompletionStage<ObjectNode> executeStatement(ObjectNode request) {
        String text = statementText(request.get("Statement"), "statement");
        JsonNode parameters = parameters(request.get("Parameters"), "parameters");
        JsonNode limit = request.get("Limit");
        if (limit != null && !limit.isNull() && (!limit.canConvertToInt() || limit.asInt() < 1)) {
            throw ApiError.constraintViolations(List.of("Value '" + limit.asText()
                    + "' at 'limit' failed to satisfy constraint: Member must have value greater than or equal to 1"));
        }
        StatementParser.Parsed parsed = StatementParser.parse(text);
        StatementPlanner.checkParameters(parsed, parameters);
        Statement statement = parsed.statement();
        if (statement instanceof Statement.Exists) {
            throw ApiError.validation("EXISTS is supported only in ExecuteTransaction");
        }
        String nextToken = textOrNull(request.get("NextToken"));
        if (nextToken != null && !statement.isRead()) {
            throw ApiError.validation("NextToken is supported only with SELECT statements");
        }
        return tableKeys(statement.table()).thenCompose(keys -> {
            if (statement instanceof Statement.Select select) {
                StatementPlanner.Read read = StatementPlanner.select(select, parameters, keys);
                String fingerprint = fingerprint(text, parameters);
                return select(read, request, limit == null || limit.isNull() ? 0 : limit.asInt(),
                        PageToken.decode(nextToken, fingerprint), fingerprint);
            }
            StatementPlanner.Write write = StatementPlanner.write(statement, parameters, keys);
            return write(statement, write, request).thenApply(result -> {
                ObjectNode answer = Json.object();
                if (hasReturning(statement)) {
                    ArrayNode items = answer.putArray("Items");
                    JsonNode attributes = result.get("Attributes");
                    if (attributes != null && !attributes.isEmpty()) {
                        items.add(attributes);
                    }
                }
                copyConsumedCapacity(result, answer);
                return answer;
            });
        });
    }

    /**
     * Runs a lowered SELECT from the token's position: its Queries in turn (or its Scan) until the Limit of
     * items read is reached, a read stops on its own page size, or all are read.
     */
    private CompletionStage<ObjectNode> select(StatementPlanner.Read read, ObjectNode request, int limit,
            PageToken from, String fingerprint) {
        ObjectNode answer = Json.object();
        answer.putArray("Items");
        return readFrom(read, request, from.request(), from.startKey(), limit, answer, fingerprint);
    }

    private CompletionStage<ObjectNode> readFrom(StatementPlanner.Read read, ObjectNode request, int index,
            JsonNode startKey, int limitLeft, ObjectNode answer, String fingerprint) {
        if (index >= read.requests().size()) {
            return CompletableFuture.completedFuture(answer);
        }
        ObjectNode lowered = read.requests().get(index).deepCopy();
        if (startKey != null) {
            lowered.set("ExclusiveStartKey", startKey);
        }
        if (limitLeft > 0) {
            lowered.put("Limit", limitLeft);
        }
        copy(request, lowered, "ConsistentRead", "ReturnConsumedCapacity");
        return services.channel(OwningService.QUERY).call(read.operation(), lowered).thenCompose(page -> {
            ArrayNode items = (ArrayNode) answer.get("Items");
            for (JsonNode item : page.path("Items")) {
                items.add(project((ObjectNode) item, read.projection()));
            }
            mergeConsumedCapacity(page, answer);
            JsonNode last = page.get("LastEvaluatedKey");
            if (last != null && !last.isNull()) {
                answer.put("NextToken", new PageToken(index, last, fingerprint).encode());
                answer.set("LastEvaluatedKey", last);
                return CompletableFuture.completedFuture(answer);
            }
            int left = limitLeft;
            if (limitLeft > 0) {
                left = limitLeft - page.path("ScannedCount").asInt(page.path("Items").size());
                if (left <= 0) {
                    if (index + 1 < read.requests().size()) {
                        answer.put("NextToken", new PageToken(index + 1, null, fingerprint).encode());
                    }
                    return CompletableFuture.completedFuture(answer);
                }
            }
            return readFrom(read, request, index + 1, null, left, answer, fingerprint);
        });
    }

    /** The item as a SELECT's projection names it: each projected path's value under its leaf name. */
    static ObjectNode project(ObjectNode item, List<Expr.Path> projection) {
        if (projection == null) {
            return item;
        }
        ObjectNode projected = Json.object();
        for (Expr.Path path : projection) {
            JsonNode value = item;
            boolean top = true;
            for (Object element : path.elements()) {
                if (value == null) {
                    break;
                }
                if (element instanceof String name) {
                    value = top ? value.get(name) : value.path("M").get(name);
                } else {
                    value = value.path("L").get((Integer) element);
                }
                top = false;
            }
            if (value != null && !value.isMissingNode()) {
                projected.set(path.leafName(), value);
            }
        }
        return projected;
    }

    /** Executes a lowered write; an INSERT of an existing item is DuplicateItemException. */
    private CompletionStage<ObjectNode> write(Statement statement, StatementPlanner.Write write, ObjectNode request) {
        ObjectNode lowered = write.request();
        copy(request, lowered, "ReturnConsumedCapacity", "ReturnValuesOnConditionCheckFailure");
        return services.channel(OwningService.ITEM).call(write.operation(), lowered).exceptionally(failure -> {
            ApiError error = apiError(failure);
            if (statement instanceof Statement.Insert && error.code() == ErrorCode.CONDITIONAL_CHECK_FAILED) {
                throw ApiError.duplicateItem();
            }
            throw error;
        });
    }

    // ---- BatchExecuteStatement ----

    /** One statement of a batch: parsed, or the error it failed with before running. */
    private record BatchEntry(StatementParser.Parsed parsed, JsonNode parameters, ApiError error, ObjectNode member) {
    }

    private CompletionStage<ObjectNode> batchExecuteStatement(ObjectNode request) {
        JsonNode statements = statementList(request, "Statements", "statements", MAX_BATCH);
        List<BatchEntry> entries = new ArrayList<>();
        boolean reads = false;
        boolean writes = false;
        for (int i = 0; i < statements.size(); i++) {
            Member member = Member.of(statements, i, "statements");
            JsonNode parameters = member.parameters();
            try {
                StatementParser.Parsed parsed = StatementParser.parse(member.text());
                StatementPlanner.checkParameters(parsed, parameters);
                if (parsed.statement() instanceof Statement.Exists) {
                    throw ApiError.validation("EXISTS is supported only in ExecuteTransaction");
                }
                reads |= parsed.statement().isRead();
                writes |= !parsed.statement().isRead();
                entries.add(new BatchEntry(parsed, parameters, null, (ObjectNode) statements.get(i)));
            } catch (ApiError e) {
                entries.add(new BatchEntry(null, parameters, e, (ObjectNode) statements.get(i)));
            }
        }
        if (reads && writes) {
            throw ApiError.validation("Read and write requests together in the same batch is not supported");
        }
        Set<String> tables = new HashSet<>();
        for (BatchEntry entry : entries) {
            if (entry.parsed() != null) {
                tables.add(entry.parsed().statement().table());
            }
        }
        return describeAll(tables).thenCompose(keys -> {
            List<Object> plans = new ArrayList<>();
            Set<String> itemKeys = new HashSet<>();
            for (BatchEntry entry : entries) {
                plans.add(planBatchMember(entry, keys, itemKeys));
            }
            ObjectNode answer = Json.object();
            ArrayNode responses = answer.putArray("Responses");
            CompletionStage<Void> chain = CompletableFuture.completedFuture(null);
            for (int i = 0; i < entries.size(); i++) {
                BatchEntry entry = entries.get(i);
                Object plan = plans.get(i);
                chain = chain.thenCompose(v -> runBatchMember(entry, plan, request)
                        .handle((result, failure) -> {
                            responses.add(failure == null ? result : batchError(apiError(failure)));
                            if (failure == null) {
                                mergeConsumedCapacityByTable(result, answer);
                                result.remove("ConsumedCapacity");
                            }
                            return null;
                        }));
            }
            return chain.thenApply(v -> {
                if (!request.path("ReturnConsumedCapacity").asText("NONE").equals("NONE") && !answer.has("ConsumedCapacity")) {
                    answer.putArray("ConsumedCapacity");
                }
                return answer;
            });
        });
    }

    /**
     * The plan of one member of a batch (a Read, a Write, or the ApiError it fails with); two members on one
     * item are refused before any runs, as DynamoDB refuses them.
     */
    private static Object planBatchMember(BatchEntry entry, Map<String, Object> keys, Set<String> itemKeys) {
        if (entry.error() != null) {
            return entry.error();
        }
        Statement statement = entry.parsed().statement();
        Object described = keys.get(statement.table());
        if (described instanceof ApiError error) {
            return error;
        }
        TableKeys tableKeys = (TableKeys) described;
        try {
            if (statement instanceof Statement.Select select) {
                StatementPlanner.Read read = StatementPlanner.select(select, entry.parameters(), tableKeys);
                if (read.fullKey() == null) {
                    throw ApiError.validation(StatementPlanner.KEY_EQUALITY);
                }
                return read;
            }
            StatementPlanner.Write write = StatementPlanner.write(statement, entry.parameters(), tableKeys);
            JsonNode key = write.request().has("Key") ? write.request().get("Key")
                    : keyOf(write.request().path("Item"), tableKeys.primary());
            if (!itemKeys.add(statement.table() + "\u0000" + key)) {
                throw new DuplicateKeys();
            }
            return write;
        } catch (DuplicateKeys e) {
            throw e;
        } catch (ApiError e) {
            return e;
        }
    }

    /** Thrown through planning when two members of a batch name one item: the whole batch is refused. */
    private static final class DuplicateKeys extends ApiError {
        DuplicateKeys() {
            super(ErrorCode.VALIDATION, "Provided list of item keys contains duplicates");
        }
    }

    private CompletionStage<ObjectNode> runBatchMember(BatchEntry entry, Object plan, ObjectNode request) {
        if (plan instanceof ApiError error) {
            return CompletableFuture.failedFuture(error);
        }
        Statement statement = entry.parsed().statement();
        if (plan instanceof StatementPlanner.Read read) {
            return select(read, request, 0, PageToken.START, "").thenApply(result -> {
                ObjectNode response = Json.object();
                response.put("TableName", statement.table());
                JsonNode items = result.path("Items");
                if (!items.isEmpty()) {
                    response.set("Item", items.get(0));
                }
                copyConsumedCapacity(result, response);
                return response;
            });
        }
        ObjectNode memberRequest = Json.object();
        copy(request, memberRequest, "ReturnConsumedCapacity");
        copy(entry.member(), memberRequest, "ReturnValuesOnConditionCheckFailure");
        return write(statement, (StatementPlanner.Write) plan, memberRequest).thenApply(result -> {
            ObjectNode response = Json.object();
            response.put("TableName", statement.table());
            JsonNode attributes = result.get("Attributes");
            if (attributes != null && !attributes.isEmpty()) {
                response.set("Item", attributes);
            }
            copyConsumedCapacity(result, response);
            return response;
        });
    }

    /** A failed member's response: BatchStatementError's code (the exception's name, shortened) and message. */
    private static ObjectNode batchError(ApiError error) {
        ObjectNode body = error.toJson();
        String name = error.code().errorName();
        String code = switch (name) {
            case "ValidationException" -> "ValidationError";
            case "ThrottlingException" -> "ThrottlingError";
            default -> name.endsWith("Exception") ? name.substring(0, name.length() - "Exception".length()) : name;
        };
        ObjectNode response = Json.object();
        ObjectNode failure = response.putObject("Error");
        failure.put("Code", code);
        failure.put("Message", error.getMessage());
        if (body.has("Item")) {
            failure.set("Item", body.get("Item"));
        }
        return response;
    }

    // ---- ExecuteTransaction ----

    private CompletionStage<ObjectNode> executeTransaction(ObjectNode request) {
        JsonNode statements = statementList(request, "TransactStatements", "transactStatements", MAX_TRANSACTION);
        List<Statement> parsed = new ArrayList<>();
        List<JsonNode> parameters = new ArrayList<>();
        Set<String> tables = new HashSet<>();
        boolean reads = false;
        boolean writes = false;
        for (int i = 0; i < statements.size(); i++) {
            Member member = Member.of(statements, i, "transactStatements");
            JsonNode memberParameters = member.parameters();
            StatementParser.Parsed one = StatementParser.parse(member.text());
            StatementPlanner.checkParameters(one, memberParameters);
            Statement statement = one.statement();
            if (hasReturning(statement)) {
                throw ApiError.validation("Validation failed in TransactStatements[" + i
                        + "]: RETURNING clause is not supported in ExecuteTransaction.");
            }
            reads |= statement instanceof Statement.Select;
            writes |= !(statement instanceof Statement.Select);
            parsed.add(statement);
            parameters.add(memberParameters);
            tables.add(statement.table());
        }
        if (reads && writes) {
            throw ApiError.validation("Read and write statements together in the same transaction are not supported;"
                    + " use EXISTS for a condition in a write transaction");
        }
        boolean read = reads;
        return describeAll(tables).thenCompose(keys -> {
            ArrayNode actions = Json.object().arrayNode();
            for (int i = 0; i < parsed.size(); i++) {
                Statement statement = parsed.get(i);
                Object described = keys.get(statement.table());
                if (described instanceof ApiError error) {
                    throw error;
                }
                TableKeys tableKeys = (TableKeys) described;
                if (read) {
                    ObjectNode get = Json.object();
                    get.set("Get", StatementPlanner.transactGet((Statement.Select) statement, parameters.get(i), tableKeys));
                    actions.add(get);
                } else {
                    ObjectNode action = StatementPlanner.write(statement, parameters.get(i), tableKeys).transactAction();
                    copy((ObjectNode) statements.get(i), (ObjectNode) action.elements().next(),
                            "ReturnValuesOnConditionCheckFailure");
                    actions.add(action);
                }
            }
            ObjectNode lowered = Json.object();
            lowered.set("TransactItems", actions);
            copy(request, lowered, "ReturnConsumedCapacity");
            if (read) {
                return services.channel(OwningService.ITEM).call("TransactGetItems", lowered).thenApply(result -> {
                    ObjectNode answer = Json.object();
                    ArrayNode responses = answer.putArray("Responses");
                    for (int i = 0; i < parsed.size(); i++) {
                        JsonNode item = result.path("Responses").path(i).get("Item");
                        ObjectNode response = responses.addObject();
                        if (item != null) {
                            response.set("Item", project((ObjectNode) item, ((Statement.Select) parsed.get(i)).projection()));
                        }
                    }
                    copyConsumedCapacity(result, answer);
                    return answer;
                });
            }
            copy(request, lowered, "ClientRequestToken");
            return services.channel(OwningService.ITEM).call("TransactWriteItems", lowered)
                    .exceptionally(failure -> {
                        throw insertsAsDuplicates(apiError(failure), parsed);
                    })
                    .thenApply(result -> {
                        ObjectNode answer = Json.object();
                        copyConsumedCapacity(result, answer);
                        return answer;
                    });
        });
    }

    /** A cancelled transaction whose INSERTs failed their condition: those reasons are DuplicateItem, as in DynamoDB. */
    private static ApiError insertsAsDuplicates(ApiError error, List<Statement> statements) {
        if (error.code() != ErrorCode.TRANSACTION_CANCELED) {
            return error;
        }
        JsonNode reasons = error.toJson().get("CancellationReasons");
        if (reasons == null || !reasons.isArray()) {
            return error;
        }
        ArrayNode changed = ((ArrayNode) reasons).deepCopy();
        boolean any = false;
        for (int i = 0; i < changed.size() && i < statements.size(); i++) {
            if (statements.get(i) instanceof Statement.Insert
                    && "ConditionalCheckFailed".equals(changed.get(i).path("Code").asText())) {
                ObjectNode reason = (ObjectNode) changed.get(i);
                reason.put("Code", "DuplicateItem");
                reason.put("Message", "Duplicate primary key exists in table");
                reason.remove("Item");
                any = true;
            }
        }
        return any ? ApiError.transactionCanceled(changed) : error;
    }

    // ---- shared ----

    /** The key schemas of the tables, by name; a table that cannot be described maps to its error. */
    private CompletionStage<Map<String, Object>> describeAll(Set<String> tables) {
        Map<String, Object> keys = new HashMap<>();
        CompletionStage<Void> chain = CompletableFuture.completedFuture(null);
        for (String table : tables) {
            chain = chain.thenCompose(v -> tableKeys(table).handle((described, failure) -> {
                keys.put(table, failure == null ? described : apiError(failure));
                return null;
            }));
        }
        return chain.thenApply(v -> keys);
    }

    /** The table's keys, from DescribeTable; a missing table is the item operations' ResourceNotFoundException. */
    private CompletionStage<TableKeys> tableKeys(String table) {
        ObjectNode describe = Json.object().put("TableName", table);
        return services.channel(OwningService.ITEM).call("DescribeTable", describe)
                .thenApply(description -> TableKeys.of(description.path("Table")))
                .exceptionally(failure -> {
                    ApiError error = apiError(failure);
                    if (error.code() == ErrorCode.RESOURCE_NOT_FOUND) {
                        throw ApiError.tableNotFoundForItems();
                    }
                    throw error;
                });
    }

    private static JsonNode keyOf(JsonNode item, TableKeys.Keys keys) {
        ObjectNode key = Json.object();
        key.set(keys.partitionKey(), item.get(keys.partitionKey()));
        if (keys.sortKey() != null) {
            key.set(keys.sortKey(), item.get(keys.sortKey()));
        }
        return key;
    }

    private static boolean hasReturning(Statement statement) {
        return (statement instanceof Statement.Update u && u.returning() != null)
                || (statement instanceof Statement.Delete d && d.returning() != null);
    }

    /** One statement of a batch or transaction: its text and parameters, checked as DynamoDB checks them. */
    private record Member(String text, JsonNode parameters) {

        static Member of(JsonNode statements, int index, String wireName) {
            JsonNode member = statements.get(index);
            String prefix = wireName + "." + (index + 1) + ".member.";
            return new Member(statementText(member.get("Statement"), prefix + "statement"),
                    PartiqlOperations.parameters(member.get("Parameters"), prefix + "parameters"));
        }
    }

    /** A batch's or transaction's list of statements, 1 to {@code max} of them (DynamoDB's constraint messages). */
    private static JsonNode statementList(ObjectNode request, String member, String wireName, int max) {
        JsonNode statements = request.get(member);
        if (statements == null || statements.isNull()) {
            throw ApiError.constraintViolations(List.of(
                    "Value null at '" + wireName + "' failed to satisfy constraint: Member must not be null"));
        }
        if (!statements.isArray() || statements.isEmpty() || statements.size() > max) {
            throw ApiError.constraintViolations(List.of("Value '" + statements + "' at '" + wireName + "' failed to"
                    + " satisfy constraint: Member must have length " + (statements.isArray() && statements.isEmpty()
                    ? "greater than or equal to 1" : "less than or equal to " + max)));
        }
        return statements;
    }

    private static String statementText(JsonNode node, String member) {
        if (node == null || node.isNull()) {
            throw ApiError.constraintViolations(List.of(
                    "Value null at '" + member + "' failed to satisfy constraint: Member must not be null"));
        }
        String text = node.asText();
        if (text.isEmpty() || text.length() > MAX_STATEMENT_LENGTH) {
            throw ApiError.constraintViolations(List.of("Value '" + text + "' at '" + member + "' failed to satisfy"
                    + " constraint: Member must have length " + (text.isEmpty() ? "greater than or equal to 1"
                    : "less than or equal to " + MAX_STATEMENT_LENGTH)));
        }
        return text;
    }

    private static JsonNode parameters(JsonNode node, String member) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isArray() || node.isEmpty()) {
            throw ApiError.constraintViolations(List.of("Value '" + node + "' at '" + member
                    + "' failed to satisfy constraint: Member must have length greater than or equal to 1"));
        }
        return node;
    }

    private static String textOrNull(JsonNode node) {
        return node == null || node.isNull() ? null : node.asText();
    }

    private static void copy(ObjectNode from, ObjectNode to, String... members) {
        for (String member : members) {
            JsonNode value = from.get(member);
            if (value != null && !value.isNull()) {
                to.set(member, value);
            }
        }
    }

    private static void copyConsumedCapacity(JsonNode result, ObjectNode answer) {
        JsonNode capacity = result.get("ConsumedCapacity");
        if (capacity != null && !capacity.isNull()) {
            answer.set("ConsumedCapacity", capacity);
        }
    }

    /** Adds a read's ConsumedCapacity to the answer's (a SELECT over several partitions reads several times). */
    private static void mergeConsumedCapacity(JsonNode page, ObjectNode answer) {
        JsonNode capacity = page.get("ConsumedCapacity");
        if (capacity == null || !capacity.isObject()) {
            return;
        }
        JsonNode total = answer.get("ConsumedCapacity");
        answer.set("ConsumedCapacity", total == null ? capacity.deepCopy() : sum((ObjectNode) total, capacity));
    }

    /** A batch's ConsumedCapacity: one entry per table, summed over its statements. */
    private static void mergeConsumedCapacityByTable(JsonNode result, ObjectNode answer) {
        JsonNode capacity = result.get("ConsumedCapacity");
        if (capacity == null || !capacity.isObject()) {
            return;
        }
        ArrayNode all = answer.has("ConsumedCapacity") ? (ArrayNode) answer.get("ConsumedCapacity")
                : answer.putArray("ConsumedCapacity");
        for (int i = 0; i < all.size(); i++) {
            if (all.get(i).path("TableName").equals(capacity.path("TableName"))) {
                all.set(i, sum((ObjectNode) all.get(i), capacity));
                return;
            }
        }
        all.add(capacity.deepCopy());
    }

    /** The member-wise sum of two ConsumedCapacity objects (numbers added, nested objects summed). */
    static ObjectNode sum(ObjectNode total, JsonNode more) {
        ObjectNode result = total.deepCopy();
        more.fields().forEachRemaining(field -> {
            JsonNode mine = result.get(field.getKey());
            if (mine == null) {
                result.set(field.getKey(), field.getValue().deepCopy());
            } else if (mine.isNumber() && field.getValue().isNumber()) {
                result.put(field.getKey(), mine.decimalValue().add(field.getValue().decimalValue()));
            } else if (mine.isObject() && field.getValue().isObject()) {
                result.set(field.getKey(), sum((ObjectNode) mine, field.getValue()));
            }
        });
        return result;
    }

    private static String fingerprint(String text, JsonNode parameters) {
        return Integer.toHexString((text + "\u0000" + (parameters == null ? "" : parameters.toString())).hashCode());
    }

    private static ApiError apiError(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        if (cause instanceof ApiError error) {
            return error;
        }
        if (cause instanceof RuntimeException runtime) {
            throw runtime;
        }
        throw new CompletionException(cause);
    }

    /**
     * Where a SELECT resumes: the index of the Query (among one per partition value) and the
     * LastEvaluatedKey within it, bound to the statement and parameters it was made for. On the wire,
     * base64 of a small JSON object.
     */
    record PageToken(int request, JsonNode startKey, String fingerprint) {

        static final PageToken START = new PageToken(0, null, "");

        String encode() {
            ObjectNode token = Json.object();
            token.put("q", request);
            if (startKey != null) {
                token.set("k", startKey);
            }
            token.put("s", fingerprint);
            return Base64.getEncoder().encodeToString(Json.toBytes(token));
        }

        static PageToken decode(String text, String fingerprint) {
            if (text == null) {
                return START;
            }
            JsonNode token;
            try {
                token = Json.readTree(Base64.getDecoder().decode(text.getBytes(StandardCharsets.US_ASCII)));
            } catch (RuntimeException e) {
                throw ApiError.validation("Invalid NextToken");
            }
            if (!token.isObject() || !token.path("q").canConvertToInt() || token.path("q").asInt() < 0) {
                throw ApiError.validation("Invalid NextToken");
            }
            if (!fingerprint.equals(token.path("s").asText())) {
                throw ApiError.validation("NextToken does not match request");
            }
            JsonNode key = token.get("k");
            return new PageToken(token.path("q").asInt(), key == null || key.isNull() ? null : key, fingerprint);
        }
    }
}
