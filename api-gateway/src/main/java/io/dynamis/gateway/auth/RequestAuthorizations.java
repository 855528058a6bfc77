package io.dynamis.gateway.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dynamis.core.expression.ItemExpressions;
import io.dynamis.core.expression.KeyCondition;
import io.dynamis.core.expression.Projection;
import io.dynamis.core.expression.Update;
import io.dynamis.core.json.Json;
import io.dynamis.core.model.AttributeValue;
import io.dynamis.core.partiql.Statement;
import io.dynamis.core.partiql.StatementParser;
import io.dynamis.core.protocol.RequestReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a DynamoDB request asks to do, as IAM sees it: one {@link AuthorizationContext} per thing to
 * authorize, with DynamoDB's condition keys. A GetItem, PutItem, UpdateItem, DeleteItem, Query or Scan is
 * one; a BatchGetItem or BatchWriteItem one per table; a TransactGetItems or TransactWriteItems one per
 * item, each under the action of its kind (GetItem, PutItem, UpdateItem, DeleteItem, ConditionCheckItem),
 * as IAM authorizes them. {@code dynamodb:LeadingKeys} holds every partition key the request (or that
 * part of it) touches; {@code dynamodb:Attributes} the top-level attributes it reads or writes;
 * {@code dynamodb:Select}, {@code dynamodb:ReturnValues} and {@code dynamodb:ReturnConsumedCapacity} what
 * it asks for.
 */
public final class RequestAuthorizations {

    /** A table's partition key, and each index's: what LeadingKeys are made of. */
    public interface KeySchemas {
        /** The partition key attribute of the table (index null) or of its index; null when unknown. */
        String partitionKey(String table, String index);
    }

    private final ResourceArns arns;
    private final KeySchemas schemas;
    private final Map<String, List<String>> global;

    /**
     * @param global the keys every part of the request carries ({@code aws:username}, {@code aws:SourceIp}, ...)
     */
    public RequestAuthorizations(ResourceArns arns, KeySchemas schemas, Map<String, List<String>> global) {
        this.arns = arns;
        this.schemas = schemas;
        this.global = global;
    }

    /** The tables whose key schema this request's authorization needs. */
    public static Set<String> tablesOf(String operation, ObjectNode request) {
        Set<String> tables = new LinkedHashSet<>();
        switch (operation) {
            case "GetItem", "PutItem", "UpdateItem", "DeleteItem", "Query" -> tables.add(request.path("TableName").asText());
            case "BatchGetItem", "BatchWriteItem" -> request.path("RequestItems").fieldNames().forEachRemaining(tables::add);
            case "TransactGetItems", "TransactWriteItems" -> {
                for (JsonNode item : request.path("TransactItems")) {
                    item.fields().forEachRemaining(e -> tables.add(e.getValue().path("TableName").asText()));
                }
            }
            default -> {
            }
        }
        tables.remove("");
        return tables;
    }

    /** The contexts of a DynamoDB ({@code dynamodb}) or Streams ({@code streams}) operation. */
    public List<AuthorizationContext> of(String operation, ObjectNode request) {
        List<AuthorizationContext> out = new ArrayList<>();
        String table = request.path("TableName").asText(null);
        switch (operation) {
            case "GetItem", "PutItem", "UpdateItem", "DeleteItem" ->
                out.add(item(operation, request, request, request.path("ReturnValues").asText(null)));
            case "Query" -> {
                String index = request.path("IndexName").asText(null);
                Keys keys = keys(operation, request, table);
                ItemExpressions.QueryExpressions query = ItemExpressions.query(new RequestReader(request));
                String partition = schemas.partitionKey(table, index);
                for (KeyCondition.Term term : query.keyCondition().terms()) {
                    if (term.operator() == KeyCondition.Operator.EQ
                            && (partition == null || partition.equals(term.attribute()))) {
                        keys.leadingKeys.add(text(term.value()));
                    }
                }
                keys.projected(query.projection(), request);
                out.add(keys.context(index == null ? arns.table(table) : arns.index(table, index)));
            }
            case "Scan" -> {
                String index = request.path("IndexName").asText(null);
                Keys keys = keys(operation, request, table);
                keys.projected(ItemExpressions.scan(new RequestReader(request)).projection(), request);
                keys.leadingKeys = null; // a Scan touches every partition: the key is absent, as in DynamoDB
                out.add(keys.context(index == null ? arns.table(table) : arns.index(table, index)));
            }
            case "BatchGetItem" -> {
                for (Iterator<Map.Entry<String, JsonNode>> it = request.path("RequestItems").fields(); it.hasNext();) {
                    Map.Entry<String, JsonNode> entry = it.next();
                    Keys keys = keys(operation, request, entry.getKey());
                    String partition = schemas.partitionKey(entry.getKey(), null);
                    for (JsonNode key : entry.getValue().path("Keys")) {
                        keys.leading(key, partition);
                    }
                    if (entry.getValue() instanceof ObjectNode tableRequest) {
                        keys.read(tableRequest);
                    }
                    out.add(keys.context(arns.table(entry.getKey())));
                }
            }
            case "BatchWriteItem" -> {
                for (Iterator<Map.Entry<String, JsonNode>> it = request.path("RequestItems").fields(); it.hasNext();) {
                    Map.Entry<String, JsonNode> entry = it.next();
                    Keys keys = keys(operation, request, entry.getKey());
                    String partition = schemas.partitionKey(entry.getKey(), null);
                    for (JsonNode write : entry.getValue()) {
                        JsonNode item = write.path("PutRequest").path("Item");
                        JsonNode key = write.path("DeleteRequest").path("Key");
                        JsonNode touched = item.isObject() ? item : key;
                        keys.leading(touched, partition);
                        touched.fieldNames().forEachRemaining(keys.attributes::add);
                    }
                    out.add(keys.context(arns.table(entry.getKey())));
                }
            }
            case "TransactGetItems", "TransactWriteItems" -> {
                for (JsonNode element : request.path("TransactItems")) {
                    element.fields().forEachRemaining(e -> out.add(transactItem(e.getKey(), e.getValue(), request)));
                }
            }
            case "ListTables", "DescribeLimits", "DescribeEndpoints", "ListBackups", "ListGlobalTables",
                    "ListExports", "ListImports", "ListContributorInsights", "ListStreams" ->
                out.add(keys(operation, request, null).context(arns.allTables()));
            case "DescribeBackup", "DeleteBackup", "RestoreTableFromBackup" -> {
                String backup = request.path("BackupArn").asText(arns.allTables());
                out.add(keys(operation, request, null).context(backup));
                if (operation.equals("RestoreTableFromBackup")) {
                    out.add(keys(operation, request, null).context(arns.table(request.path("TargetTableName").asText())));
                }
            }
            case "RestoreTableToPointInTime" -> {
                out.add(keys(operation, request, null).context(arns.table(request.path("SourceTableName").asText())));
                out.add(keys(operation, request, null).context(arns.table(request.path("TargetTableName").asText())));
            }
            case "TagResource", "UntagResource", "ListTagsOfResource", "GetResourcePolicy", "PutResourcePolicy",
                    "DeleteResourcePolicy" ->
                out.add(keys(operation, request, null).context(request.path("ResourceArn").asText(arns.allTables())));
            case "DescribeStream", "GetShardIterator" ->
                out.add(keys(operation, request, null).context(request.path("StreamArn").asText(arns.allTables())));
            case "GetRecords" -> out.add(keys(operation, request, null).context(streamOfIterator(request)));
            case "ExecuteStatement" -> out.add(statement(request.path("Statement").asText(""), request));
            case "BatchExecuteStatement" -> {
                for (JsonNode member : request.path("Statements")) {
                    out.add(statement(member.path("Statement").asText(""), request));
                }
            }
            case "ExecuteTransaction" -> {
                for (JsonNode member : request.path("TransactStatements")) {
                    out.add(statement(member.path("Statement").asText(""), request));
                }
            }
            default -> out.add(keys(operation, request, table)
                    .context(table != null ? arns.table(table) : arns.allTables()));
        }
        return out;
    }

    /**
     * A PartiQL statement, as IAM authorizes it: {@code dynamodb:PartiQLSelect}, {@code PartiQLInsert},
     * {@code PartiQLUpdate} or {@code PartiQLDelete} on its table (or index). Its partition keys are not
     * worked out here: {@code dynamodb:LeadingKeys} holds the empty string, which no key can be, so a
     * policy that limits leading keys refuses PartiQL rather than let it reach other partitions. A
     * statement that does not parse is checked as a PartiQLSelect on every table (the service answers
     * its syntax error to a caller allowed that far).
     */
    private AuthorizationContext statement(String text, ObjectNode request) {
        Statement statement;
        try {
            statement = StatementParser.parse(text).statement();
        } catch (RuntimeException e) {
            statement = null;
        }
        String action = "PartiQLSelect";
        String resource = arns.allTables();
        if (statement instanceof Statement.Select select) {
            resource = select.index() != null ? arns.index(select.table(), select.index()) : arns.table(select.table());
        } else if (statement instanceof Statement.Exists exists) {
            resource = arns.table(exists.table());
        } else if (statement instanceof Statement.Insert insert) {
            action = "PartiQLInsert";
            resource = arns.table(insert.table());
        } else if (statement instanceof Statement.Update update) {
            action = "PartiQLUpdate";
            resource = arns.table(update.table());
        } else if (statement instanceof Statement.Delete delete) {
            action = "PartiQLDelete";
            resource = arns.table(delete.table());
        }
        Keys keys = keys(action, request, null);
        keys.leadingKeys.add("");
        return keys.context(resource);
    }

    private AuthorizationContext transactItem(String kind, JsonNode item, ObjectNode request) {
        String action = switch (kind) {
            case "Get" -> "GetItem";
            case "Put" -> "PutItem";
            case "Update" -> "UpdateItem";
            case "Delete" -> "DeleteItem";
            default -> "ConditionCheckItem";
        };
        return item(action, request, item, item.path("ReturnValuesOnConditionCheckFailure").asText(null));
    }

    /**
     * One item's action: a single-item call ({@code item} is the request) or a transaction's element: its
     * key's (or item's) partition key, and the attributes it reads (a projection), updates, or names.
     */
    private AuthorizationContext item(String action, ObjectNode request, JsonNode item, String returnValues) {
        String table = item.path("TableName").asText();
        Keys keys = keys(action, request, table);
        keys.returnValues = returnValues;
        JsonNode key = action.equals("PutItem") ? item.path("Item") : item.path("Key");
        keys.leading(key, schemas.partitionKey(table, null));
        if (item instanceof ObjectNode object) {
            switch (action) {
                case "GetItem" -> keys.read(object);
                case "UpdateItem" -> keys.updated(object);
                default -> key.fieldNames().forEachRemaining(keys.attributes::add);
            }
        }
        return keys.context(arns.table(table));
    }

    private String streamOfIterator(ObjectNode request) {
        try {
            JsonNode iterator = Json.readTree(Base64.getUrlDecoder().decode(
                    request.path("ShardIterator").asText().getBytes(StandardCharsets.US_ASCII)));
            if (iterator.path("a").isTextual()) {
                return iterator.get("a").asText();
            }
        } catch (RuntimeException e) {
            // not an iterator of ours: the service answers that
        }
        return arns.allTables();
    }

    private Keys keys(String operation, ObjectNode request, String table) {
        Keys keys = new Keys("dynamodb:" + operation);
        keys.returnValues = request.path("ReturnValues").asText(null);
        keys.returnConsumedCapacity = request.path("ReturnConsumedCapacity").asText(null);
        return keys;
    }

    /** The condition keys of one context, as they are gathered. */
    private final class Keys {
        private final String action;
        private List<String> leadingKeys = new ArrayList<>();
        private final Set<String> attributes = new LinkedHashSet<>();
        private String select;
        private String returnValues;
        private String returnConsumedCapacity;

        Keys(String action) {
            this.action = action;
        }

        /** The partition key of a key or item; every key-typed value when the schema is unknown. */
        void leading(JsonNode key, String partition) {
            if (!key.isObject()) {
                return;
            }
            if (partition != null) {
                JsonNode value = key.get(partition);
                if (value != null) {
                    leadingKeys.add(scalar(value));
                }
                return;
            }
            key.fields().forEachRemaining(e -> {
                if (e.getValue().has("S") || e.getValue().has("N") || e.getValue().has("B")) {
                    leadingKeys.add(scalar(e.getValue()));
                }
            });
        }

        /** A read's projection (ProjectionExpression or AttributesToGet) and Select. */
        void read(ObjectNode request) {
            projected(ItemExpressions.projection(new RequestReader(request)), request);
        }

        void projected(Projection projection, ObjectNode request) {
            if (projection != null) {
                attributes.addAll(projection.attributes());
            }
            select = request.path("Select").asText(projection != null ? "SPECIFIC_ATTRIBUTES" : "ALL_ATTRIBUTES");
        }

        /** An update's key and the top-level attributes it writes or removes. */
        void updated(ObjectNode request) {
            request.path("Key").fieldNames().forEachRemaining(attributes::add);
            Update update = ItemExpressions.update(new RequestReader(request)).update();
            if (update != null) {
                update.paths().forEach(path -> attributes.add(path.attribute()));
            }
        }

        AuthorizationContext context(String resource) {
            Map<String, List<String>> keys = new LinkedHashMap<>(global);
            if (leadingKeys != null && !leadingKeys.isEmpty()) {
                keys.put("dynamodb:LeadingKeys", List.copyOf(leadingKeys));
            }
            if (!attributes.isEmpty()) {
                keys.put("dynamodb:Attributes", List.copyOf(attributes));
            }
            put(keys, "dynamodb:Select", select);
            put(keys, "dynamodb:ReturnValues", returnValues);
            put(keys, "dynamodb:ReturnConsumedCapacity", returnConsumedCapacity);
            return new AuthorizationContext(action, resource, keys);
        }

        private static void put(Map<String, List<String>> keys, String key, String value) {
            if (value != null) {
                keys.put(key, List.of(value));
            }
        }
    }

    private static String scalar(JsonNode value) {
        for (String type : new String[] {"S", "N", "B"}) {
            if (value.has(type)) {
                return value.get(type).asText();
            }
        }
        return value.toString();
    }

    private static String text(AttributeValue value) {
        if (value instanceof AttributeValue.Str s) {
            return s.value();
        }
        if (value instanceof AttributeValue.Num n) {
            return n.text();
        }
        if (value instanceof AttributeValue.Bin b) {
            return Base64.getEncoder().encodeToString(b.value());
        }
        return String.valueOf(value);
    }
}
