package io.dynamis.it;

import static io.dynamis.it.Items.item;
import static io.dynamis.it.Items.l;
import static io.dynamis.it.Items.m;
import static io.dynamis.it.Items.n;
import static io.dynamis.it.Items.s;
import static io.dynamis.it.Items.ss;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchExecuteStatementResponse;
import software.amazon.awssdk.services.dynamodb.model.BatchStatementErrorCodeEnum;
import software.amazon.awssdk.services.dynamodb.model.BatchStatementRequest;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DuplicateItemException;
import software.amazon.awssdk.services.dynamodb.model.ExecuteStatementResponse;
import software.amazon.awssdk.services.dynamodb.model.ExecuteTransactionResponse;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ParameterizedStatement;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * PartiQL ({@code ExecuteStatement}, {@code BatchExecuteStatement}, {@code ExecuteTransaction}) with the AWS SDK
 * v2: every statement kind, paging, DynamoDB's errors for the usual mistakes, and PartiQL writes seen where
 * JSON writes are seen (Streams, the accelerator), since they are lowered into the same requests.
 */
@ExtendWith(StackExtension.class)
class PartiqlIT {

    /** How long a write may take to show through the accelerator's cache (the change log's delay, with room). */
    private static final long COHERENCE_TIMEOUT_MILLIS = 10_000;

    private final DynamisStack stack;
    private final DynamoDbClient client;

    PartiqlIT(DynamisStack stack) {
        this.stack = stack;
        this.client = stack.client();
    }

    private ExecuteStatementResponse execute(String statement, AttributeValue... parameters) {
        return client.executeStatement(b -> {
            b.statement(statement);
            if (parameters.length > 0) {
                b.parameters(parameters);
            }
        });
    }

    private static String q(String table) {
        return "\"" + table + "\"";
    }

    /** The item, or null when there is none. */
    private Map<String, AttributeValue> get(String table, String pk, long sk) {
        var response = client.getItem(b -> b.tableName(table).consistentRead(true)
                .key(item("pk", s(pk), "sk", n(sk))));
        return response.hasItem() ? response.item() : null;
    }

    @Test
    void insertThenSelectByPartitionKeyIsAQueryWithSortKeyConditionsAndProjectedPaths() {
        String table = Tables.createHashRangeTable(client, "pql-select");
        for (int i = 0; i < 6; i++) {
            execute("INSERT INTO " + q(table) + " VALUE {'pk': ?, 'sk': ?, 'name': 'n" + i + "', 'address':"
                    + " {'city': 'Lyon', 'zip': ?}, 'tags': ['a', 'b']}", s("p"), n(i), n(69000 + i));
        }
        execute("INSERT INTO " + q(table) + " VALUE {'pk': 'other', 'sk': 1}");

        ExecuteStatementResponse all = execute("SELECT * FROM " + q(table) + " WHERE pk = 'p'");
        assertEquals(6, all.items().size());
        assertEquals(get(table, "p", 0), all.items().get(0));
        assertNull(all.nextToken());

        ExecuteStatementResponse range = execute("SELECT name, address.zip, tags[1] FROM " + q(table)
                + " WHERE pk = ? AND sk BETWEEN 2 AND 4", s("p"));
        assertEquals(List.of(item("name", s("n2"), "zip", n(69002), "tags[1]", s("b")),
                item("name", s("n3"), "zip", n(69003), "tags[1]", s("b")),
                item("name", s("n4"), "zip", n(69004), "tags[1]", s("b"))), range.items());

        ExecuteStatementResponse descending = execute("SELECT sk FROM " + q(table)
                + " WHERE pk = 'p' AND sk >= 3 ORDER BY sk DESC");
        assertEquals(List.of(item("sk", n(5)), item("sk", n(4)), item("sk", n(3))), descending.items());

        ExecuteStatementResponse filtered = execute("SELECT sk FROM " + q(table) + " WHERE pk IN ['p', 'other']"
                + " AND (name = 'n1' OR name IS MISSING)");
        assertEquals(List.of(item("sk", n(1)), item("sk", n(1))), filtered.items(),
                "n1 in p, and the item of 'other', which has no name");
    }

    @Test
    void selectWithoutThePartitionKeyScansWithTheWholeWhereAsFilter() {
        String table = Tables.createHashRangeTable(client, "pql-scan");
        client.putItem(b -> b.tableName(table).item(item("pk", s("a"), "sk", n(1), "title", s("PartiQL rocks"),
                "tags", ss("x", "y"), "n", n(5))));
        client.putItem(b -> b.tableName(table).item(item("pk", s("b"), "sk", n(2), "title", s("Plain"),
                "tags", ss("z"), "n", s("five"))));
        client.putItem(b -> b.tableName(table).item(item("pk", s("c"), "sk", n(3))));

        assertEquals(Set.of("a"), pks(execute("SELECT pk FROM " + q(table) + " WHERE begins_with(title, 'Part')")));
        assertEquals(Set.of("a"), pks(execute("SELECT pk FROM " + q(table) + " WHERE contains(tags, 'y')")));
        assertEquals(Set.of("c"), pks(execute("SELECT pk FROM " + q(table) + " WHERE title IS MISSING")));
        assertEquals(Set.of("a", "b"), pks(execute("SELECT pk FROM " + q(table) + " WHERE title IS NOT MISSING")));
        assertEquals(Set.of("b"), pks(execute("SELECT pk FROM " + q(table) + " WHERE attribute_type(n, 'S')")));
        assertEquals(Set.of("a"), pks(execute("SELECT pk FROM " + q(table) + " WHERE size(tags) > 1")));
        assertEquals(Set.of("b", "c"), pks(execute("SELECT pk FROM " + q(table) + " WHERE NOT pk = 'a'")));
        assertEquals(Set.of("a", "c"), pks(execute("SELECT pk FROM " + q(table) + " WHERE sk IN (1, 3)")));
        assertEquals(Set.of("a", "b"), pks(execute("SELECT pk FROM " + q(table) + " WHERE sk < 3 AND pk <> 'z'")));
        assertEquals(Set.of("a", "b", "c"), pks(execute("SELECT pk FROM " + q(table))));
    }

    private static Set<String> pks(ExecuteStatementResponse response) {
        return response.items().stream().map(i -> i.get("pk").s()).collect(Collectors.toCollection(TreeSet::new));
    }

    @Test
    void selectFromAnIndexQueriesTheIndex() {
        String table = Tables.uniqueName("pql-gsi");
        client.createTable(r -> r.tableName(table)
                .keySchema(KeySchemaElement.builder().attributeName("pk").keyType(KeyType.HASH).build())
                .attributeDefinitions(AttributeDefinition.builder().attributeName("pk").attributeType(ScalarAttributeType.S).build(),
                        AttributeDefinition.builder().attributeName("color").attributeType(ScalarAttributeType.S).build())
                .globalSecondaryIndexes(GlobalSecondaryIndex.builder().indexName("byColor")
                        .keySchema(KeySchemaElement.builder().attributeName("color").keyType(KeyType.HASH).build())
                        .projection(p -> p.projectionType(ProjectionType.ALL)).build())
                .billingMode(BillingMode.PAY_PER_REQUEST));
        execute("INSERT INTO " + q(table) + " VALUE {'pk': 'a', 'color': 'red'}");
        execute("INSERT INTO " + q(table) + " VALUE {'pk': 'b', 'color': 'blue'}");
        execute("INSERT INTO " + q(table) + " VALUE {'pk': 'c', 'color': 'red'}");

        assertEquals(Set.of("a", "c"), pks(execute("SELECT pk FROM " + q(table) + ".\"byColor\" WHERE color = 'red'")));
        Errors.expectValidation("The table does not have the specified index: nope",
                () -> execute("SELECT * FROM " + q(table) + ".\"nope\" WHERE color = 'red'"));
    }

    @Test
    void limitAndNextTokenPageThroughEveryItemOnce() {
        String table = Tables.createHashRangeTable(client, "pql-pages");
        for (int i = 0; i < 7; i++) {
            int sk = i;
            client.putItem(b -> b.tableName(table).item(item("pk", s("p"), "sk", n(sk))));
            client.putItem(b -> b.tableName(table).item(item("pk", s("q"), "sk", n(sk))));
        }
        for (String where : List.of("", " WHERE pk = 'p' OR pk = 'q'", " WHERE pk IN ['p', 'q'] AND sk >= 0")) {
            List<String> seen = new ArrayList<>();
            String token = null;
            for (int page = 0; page < 20; page++) {
                String from = token;
                ExecuteStatementResponse response = client.executeStatement(b -> b
                        .statement("SELECT * FROM " + q(table) + where).limit(3).nextToken(from));
                assertTrue(response.items().size() <= 3, "Limit bounds a page");
                response.items().forEach(i -> seen.add(i.get("pk").s() + i.get("sk").n()));
                token = response.nextToken();
                if (token == null) {
                    break;
                }
            }
            assertNull(token, "the pages end");
            assertEquals(14, seen.size(), where + ": every item once: " + seen);
            assertEquals(14, Set.copyOf(seen).size(), where + ": no item twice: " + seen);
        }
        Errors.expectValidation("Invalid NextToken", () -> client.executeStatement(b -> b
                .statement("SELECT * FROM " + q(table)).nextToken("not a token")));
    }

    @Test
    void insertOfAnExistingItemIsDuplicateItemException() {
        String table = Tables.createHashRangeTable(client, "pql-insert");
        execute("INSERT INTO " + q(table) + " VALUE {'pk': 'a', 'sk': 1, 'v': 'first'}");
        DuplicateItemException e = assertThrows(DuplicateItemException.class,
                () -> execute("INSERT INTO " + q(table) + " VALUE {'pk': 'a', 'sk': 1, 'v': 'second'}"));
        assertEquals("Duplicate primary key exists in table", e.awsErrorDetails().errorMessage());
        assertEquals(s("first"), get(table, "a", 1).get("v"));
    }

    @Test
    void updateSetsRemovesAndAddsAsUpdateItemDoesAndFailsOnAMissingItemOrAFalseCondition() {
        String table = Tables.createHashRangeTable(client, "pql-update");
        client.putItem(b -> b.tableName(table).item(item("pk", s("a"), "sk", n(1), "count", n(1), "l", l(n(1)),
                "s", ss("x", "y"), "gone", s("soon"), "m", m("inner", s("old")))));

        ExecuteStatementResponse updated = execute("UPDATE " + q(table) + " SET count = count + 2,"
                + " l = list_append(l, [2]), m.inner = 'new' SET s = set_add(s, <<'z'>>) SET s2 = ?"
                + " REMOVE gone WHERE pk = 'a' AND sk = 1 RETURNING ALL NEW *", ss("q"));
        Map<String, AttributeValue> expected = item("pk", s("a"), "sk", n(1), "count", n(3), "l", l(n(1), n(2)),
                "s", ss("x", "y", "z"), "s2", ss("q"), "m", m("inner", s("new")));
        assertEquals(List.of(expected), updated.items());
        assertEquals(expected, get(table, "a", 1));

        ExecuteStatementResponse modified = execute("UPDATE " + q(table) + " SET s = set_delete(s, <<'x'>>)"
                + " WHERE pk = 'a' AND sk = 1 AND count = 3 RETURNING MODIFIED OLD *");
        assertEquals(List.of(item("s", ss("x", "y", "z"))), modified.items());
        assertEquals(ss("y", "z"), get(table, "a", 1).get("s"));

        ConditionalCheckFailedException missing = assertThrows(ConditionalCheckFailedException.class,
                () -> execute("UPDATE " + q(table) + " SET v = 1 WHERE pk = 'nobody' AND sk = 1"));
        assertEquals("The conditional request failed", missing.awsErrorDetails().errorMessage());
        assertNull(get(table, "nobody", 1), "UPDATE does not create an item");

        ConditionalCheckFailedException failed = assertThrows(ConditionalCheckFailedException.class,
                () -> client.executeStatement(b -> b.statement("UPDATE " + q(table) + " SET v = 1"
                        + " WHERE pk = 'a' AND sk = 1 AND count > 10")
                        .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)));
        assertEquals(n(3), failed.item().get("count"), "the item as it is");
        assertFalse(get(table, "a", 1).containsKey("v"));
    }

    @Test
    void deleteRemovesTheItemAndReturnsItWhenAsked() {
        String table = Tables.createHashRangeTable(client, "pql-delete");
        client.putItem(b -> b.tableName(table).item(item("pk", s("a"), "sk", n(1), "kind", s("alpha"))));
        assertThrows(ConditionalCheckFailedException.class,
                () -> execute("DELETE FROM " + q(table) + " WHERE pk = 'a' AND sk = 1 AND kind = 'beta'"));
        assertNotNull(get(table, "a", 1));

        ExecuteStatementResponse deleted = execute("DELETE FROM " + q(table)
                + " WHERE pk = 'a' AND sk = 1 AND kind = 'alpha' RETURNING ALL OLD *");
        assertEquals(List.of(item("pk", s("a"), "sk", n(1), "kind", s("alpha"))), deleted.items());
        assertNull(get(table, "a", 1));
        assertFalse(execute("DELETE FROM " + q(table) + " WHERE pk = 'a' AND sk = 1").hasItems(),
                "deleting a missing item is not an error");
        Errors.expectValidation("Invalid returning clause: RETURNING ALL NEW *. Only RETURNING ALL OLD * is allowed"
                + " in DELETE statements.", () -> execute("DELETE FROM " + q(table)
                + " WHERE pk = 'a' AND sk = 1 RETURNING ALL NEW *"));
    }

    @Test
    void batchExecuteStatementRunsEachStatementAndReportsEachError() {
        String table = Tables.createHashRangeTable(client, "pql-batch");
        client.putItem(b -> b.tableName(table).item(item("pk", s("taken"), "sk", n(1))));
        BatchExecuteStatementResponse writes = client.batchExecuteStatement(b -> b.statements(
                BatchStatementRequest.builder().statement("INSERT INTO " + q(table) + " VALUE {'pk': ?, 'sk': 1}")
                        .parameters(s("new")).build(),
                BatchStatementRequest.builder().statement("INSERT INTO " + q(table) + " VALUE {'pk': 'taken', 'sk': 1}").build(),
                BatchStatementRequest.builder().statement("UPDATE " + q(table) + " SET v = 1 WHERE pk = 'x'").build(),
                BatchStatementRequest.builder().statement("INSERT INTO \"no-such-table\" VALUE {'pk': 'a'}").build(),
                BatchStatementRequest.builder().statement("SLECT nonsense").build()));
        assertEquals(5, writes.responses().size());
        assertNull(writes.responses().get(0).error());
        assertEquals(table, writes.responses().get(0).tableName());
        assertEquals(BatchStatementErrorCodeEnum.DUPLICATE_ITEM, writes.responses().get(1).error().code());
        assertEquals("Duplicate primary key exists in table", writes.responses().get(1).error().message());
        assertEquals(BatchStatementErrorCodeEnum.VALIDATION_ERROR, writes.responses().get(2).error().code());
        assertEquals("Where clause does not contain a mandatory equality on all key attributes",
                writes.responses().get(2).error().message());
        assertEquals(BatchStatementErrorCodeEnum.RESOURCE_NOT_FOUND, writes.responses().get(3).error().code());
        assertEquals("Statement wasn't well formed, can't be processed: Expected data manipulation",
                writes.responses().get(4).error().message());
        assertNotNull(get(table, "new", 1));

        BatchExecuteStatementResponse reads = client.batchExecuteStatement(b -> b.statements(
                BatchStatementRequest.builder().statement("SELECT pk FROM " + q(table) + " WHERE pk = 'new' AND sk = 1").build(),
                BatchStatementRequest.builder().statement("SELECT * FROM " + q(table) + " WHERE pk = 'none' AND sk = 1").build(),
                BatchStatementRequest.builder().statement("SELECT * FROM " + q(table) + " WHERE pk = 'new'").build()));
        assertEquals(item("pk", s("new")), reads.responses().get(0).item());
        assertFalse(reads.responses().get(1).hasItem());
        assertNull(reads.responses().get(1).error());
        assertEquals(BatchStatementErrorCodeEnum.VALIDATION_ERROR, reads.responses().get(2).error().code());

        client.putItem(b -> b.tableName(table).item(item("pk", s("guarded"), "sk", n(1), "v", n(1))));
        BatchExecuteStatementResponse failedCondition = client.batchExecuteStatement(b -> b.statements(
                BatchStatementRequest.builder().statement("UPDATE " + q(table) + " SET v = 2"
                        + " WHERE pk = 'guarded' AND sk = 1 AND v = 5")
                        .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD).build()));
        assertEquals(BatchStatementErrorCodeEnum.CONDITIONAL_CHECK_FAILED, failedCondition.responses().get(0).error().code());
        assertEquals(n(1), failedCondition.responses().get(0).error().item().get("v"), "the item, as asked");

        Errors.expectValidation("Read and write requests together in the same batch is not supported",
                () -> client.batchExecuteStatement(b -> b.statements(
                        BatchStatementRequest.builder().statement("SELECT * FROM " + q(table) + " WHERE pk = 'a' AND sk = 1").build(),
                        BatchStatementRequest.builder().statement("DELETE FROM " + q(table) + " WHERE pk = 'a' AND sk = 1").build())));
        Errors.expectValidation("Provided list of item keys contains duplicates",
                () -> client.batchExecuteStatement(b -> b.statements(
                        BatchStatementRequest.builder().statement("INSERT INTO " + q(table) + " VALUE {'pk': 'd', 'sk': 1}").build(),
                        BatchStatementRequest.builder().statement("DELETE FROM " + q(table) + " WHERE pk = 'd' AND sk = 1").build())));
        List<BatchStatementRequest> tooMany = IntStream.range(0, 26).mapToObj(i -> BatchStatementRequest.builder()
                .statement("SELECT * FROM " + q(table) + " WHERE pk = 'a' AND sk = " + i).build()).toList();
        Errors.expectValidationEndingWith("Member must have length less than or equal to 25",
                () -> client.batchExecuteStatement(b -> b.statements(tooMany)));
    }

    @Test
    void aTransactionThatFailsOnAConditionLeavesNothing() {
        String table = Tables.createHashRangeTable(client, "pql-tx");
        client.putItem(b -> b.tableName(table).item(item("pk", s("acct"), "sk", n(1), "balance", n(10))));
        client.putItem(b -> b.tableName(table).item(item("pk", s("other"), "sk", n(1))));
        TransactionCanceledException e = assertThrows(TransactionCanceledException.class,
                () -> client.executeTransaction(b -> b.transactStatements(
                        ParameterizedStatement.builder().statement("INSERT INTO " + q(table) + " VALUE {'pk': 'log', 'sk': 1}").build(),
                        ParameterizedStatement.builder().statement("UPDATE " + q(table) + " SET balance = balance - 20"
                                + " WHERE pk = 'acct' AND sk = 1 AND balance >= 20").build())));
        assertEquals(List.of("None", "ConditionalCheckFailed"),
                e.cancellationReasons().stream().map(r -> r.code()).toList());
        assertNull(get(table, "log", 1), "the INSERT did not happen");
        assertEquals(n(10), get(table, "acct", 1).get("balance"));

        TransactionCanceledException duplicate = assertThrows(TransactionCanceledException.class,
                () -> client.executeTransaction(b -> b.transactStatements(
                        ParameterizedStatement.builder().statement("INSERT INTO " + q(table) + " VALUE {'pk': 'acct', 'sk': 1}").build())));
        assertEquals("DuplicateItem", duplicate.cancellationReasons().get(0).code());

        TransactionCanceledException exists = assertThrows(TransactionCanceledException.class,
                () -> client.executeTransaction(b -> b.transactStatements(
                        ParameterizedStatement.builder().statement("EXISTS(SELECT * FROM " + q(table)
                                + " WHERE pk = 'acct' AND sk = 1 AND balance > 100)").build(),
                        ParameterizedStatement.builder().statement("DELETE FROM " + q(table) + " WHERE pk = 'other' AND sk = 1").build())));
        assertEquals("ConditionalCheckFailed", exists.cancellationReasons().get(0).code());
        assertNotNull(get(table, "other", 1), "the DELETE did not happen");
    }

    @Test
    void aTransactionWithAClientRequestTokenIsAppliedOnce() {
        String table = Tables.createHashRangeTable(client, "pql-tx-once");
        client.putItem(b -> b.tableName(table).item(item("pk", s("acct"), "sk", n(1), "balance", n(10))));
        client.putItem(b -> b.tableName(table).item(item("pk", s("bank"), "sk", n(1), "open", Items.bool(true))));
        for (int attempt = 0; attempt < 2; attempt++) {
            client.executeTransaction(b -> b.clientRequestToken("pql-once-" + table).transactStatements(
                    ParameterizedStatement.builder().statement("EXISTS(SELECT * FROM " + q(table)
                            + " WHERE pk = ? AND sk = 1 AND open = true)").parameters(s("bank")).build(),
                    ParameterizedStatement.builder().statement("UPDATE " + q(table) + " SET balance = balance - 5"
                            + " WHERE pk = 'acct' AND sk = 1").build(),
                    ParameterizedStatement.builder().statement("INSERT INTO " + q(table) + " VALUE {'pk': 'log', 'sk': 1}").build()));
        }
        assertEquals(n(5), get(table, "acct", 1).get("balance"), "the retry with the same token changed nothing");

        ExecuteTransactionResponse read = client.executeTransaction(b -> b.transactStatements(
                ParameterizedStatement.builder().statement("SELECT balance FROM " + q(table) + " WHERE pk = 'acct' AND sk = 1").build(),
                ParameterizedStatement.builder().statement("SELECT * FROM " + q(table) + " WHERE pk = 'none' AND sk = 1").build()));
        assertEquals(item("balance", n(5)), read.responses().get(0).item());
        assertFalse(read.responses().get(1).hasItem());

        Errors.expectValidation("Validation failed in TransactStatements[0]: RETURNING clause is not supported in"
                + " ExecuteTransaction.", () -> client.executeTransaction(b -> b.transactStatements(
                        ParameterizedStatement.builder().statement("DELETE FROM " + q(table)
                                + " WHERE pk = 'log' AND sk = 1 RETURNING ALL OLD *").build())));
        assertNotNull(get(table, "log", 1));
    }

    @Test
    void partiqlWritesAppearInTheTablesStream() throws Exception {
        try (DynamoDbStreamsClient streams = stack.streamsClient()) {
            String table = StreamsIT.createStreamTable(client, "pql-streams", StreamViewType.NEW_AND_OLD_IMAGES);
            execute("INSERT INTO " + q(table) + " VALUE {'pk': 'a', 'sk': 1, 'v': 1}");
            execute("UPDATE " + q(table) + " SET v = 2 WHERE pk = 'a' AND sk = 1");
            execute("DELETE FROM " + q(table) + " WHERE pk = 'a' AND sk = 1");

            String arn = client.describeTable(b -> b.tableName(table)).table().latestStreamArn();
            String shard = streams.describeStream(b -> b.streamArn(arn)).streamDescription().shards().get(0).shardId();
            String iterator = streams.getShardIterator(b -> b.streamArn(arn).shardId(shard)
                    .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
            List<Record> records = StreamsIT.readAtLeast(streams, iterator, 3);
            assertEquals(List.of("INSERT", "MODIFY", "REMOVE"), records.stream().map(Record::eventNameAsString).toList());
            assertEquals(n(1), records.get(1).dynamodb().oldImage().get("v"));
            assertEquals(n(2), records.get(1).dynamodb().newImage().get("v"));
        }
    }

    @Test
    void partiqlWritesAreSeenThroughTheAccelerator() throws Exception {
        if (stack.isExternal()) {
            return;
        }
        String table = Tables.createHashRangeTable(client, "pql-accelerator");
        try (DynamoDbClient accelerator = stack.acceleratorClient()) {
            execute("INSERT INTO " + q(table) + " VALUE {'pk': 'a', 'sk': 1, 'v': 1}");
            Map<String, AttributeValue> key = item("pk", s("a"), "sk", n(1));
            awaitThroughAccelerator(accelerator, table, key, n(1));
            // the item is cached now: a PartiQL write through :8000 must reach the cache
            execute("UPDATE " + q(table) + " SET v = 2 WHERE pk = 'a' AND sk = 1");
            awaitThroughAccelerator(accelerator, table, key, n(2));
            // and one through the accelerator's own endpoint
            accelerator.executeStatement(b -> b.statement("UPDATE " + q(table) + " SET v = 3 WHERE pk = 'a' AND sk = 1"));
            awaitThroughAccelerator(accelerator, table, key, n(3));
            assertEquals(List.of(item("v", n(3))), accelerator.executeStatement(b -> b
                    .statement("SELECT v FROM " + q(table) + " WHERE pk = 'a'")).items());
        }
    }

    private static void awaitThroughAccelerator(DynamoDbClient accelerator, String table,
            Map<String, AttributeValue> key, AttributeValue expected) throws InterruptedException {
        long deadline = System.currentTimeMillis() + COHERENCE_TIMEOUT_MILLIS;
        AttributeValue seen = null;
        while (System.currentTimeMillis() < deadline) {
            Map<String, AttributeValue> item = accelerator.getItem(b -> b.tableName(table).key(key)).item();
            seen = item == null ? null : item.get("v");
            if (expected.equals(seen)) {
                return;
            }
            Thread.sleep(50);
        }
        assertEquals(expected, seen, "the accelerator shows the PartiQL write");
    }

    @Test
    void consumedCapacityIsReportedWhenAsked() {
        String table = Tables.createHashRangeTable(client, "pql-capacity");
        ExecuteStatementResponse insert = client.executeStatement(b -> b.statement("INSERT INTO " + q(table)
                + " VALUE {'pk': 'a', 'sk': 1}").returnConsumedCapacity(ReturnConsumedCapacity.TOTAL));
        assertEquals(1.0, insert.consumedCapacity().capacityUnits());
        ExecuteStatementResponse select = client.executeStatement(b -> b.statement("SELECT * FROM " + q(table)
                + " WHERE pk = 'a'").consistentRead(true).returnConsumedCapacity(ReturnConsumedCapacity.TOTAL));
        assertEquals(1.0, select.consumedCapacity().capacityUnits());
        assertEquals(table, select.consumedCapacity().tableName());
    }

    @Test
    void commonMistakesGetDynamoDbsErrors() {
        String table = Tables.createHashRangeTable(client, "pql-errors");
        ResourceNotFoundException missing = assertThrows(ResourceNotFoundException.class,
                () -> execute("SELECT * FROM \"no-such-table\""));
        assertEquals("Requested resource not found", missing.awsErrorDetails().errorMessage());
        Errors.expectValidation("Where clause does not contain a mandatory equality on all key attributes",
                () -> execute("UPDATE " + q(table) + " SET v = 1 WHERE pk = 'a'"));
        Errors.expectValidation("Where clause does not contain a mandatory equality on all key attributes",
                () -> execute("DELETE FROM " + q(table) + " WHERE v = 1"));
        Errors.expectValidation("Statement wasn't well formed, can't be processed: Expected data manipulation",
                () -> execute("SLECT * FROM " + q(table)));
        Errors.expectValidation("Statement wasn't well formed, can't be processed: Unexpected keyword or identifier"
                + " 'WHER' at 1:" + (16 + q(table).length()), () -> execute("SELECT * FROM " + q(table) + " WHER pk = 1"));
        Errors.expectValidation("Number of parameters in request and statement don't match.",
                () -> execute("SELECT * FROM " + q(table) + " WHERE pk = ? AND sk = ?", s("a")));
        Errors.expectValidation("One or more parameter values were invalid: Type mismatch for key sk expected: N"
                + " actual: S", () -> execute("INSERT INTO " + q(table) + " VALUE {'pk': 'a', 'sk': 'one'}"));
    }
}
