package io.dynamis.it;

import static io.dynamis.it.Errors.expectValidation;
import static io.dynamis.it.Items.item;
import static io.dynamis.it.Items.n;
import static io.dynamis.it.Items.s;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ComparisonOperator;
import software.amazon.awssdk.services.dynamodb.model.Condition;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;
import software.amazon.awssdk.services.dynamodb.model.Select;

/** Scan: whole tables, filters, Limit and paging, parallel segments, Select, projections, errors. */
@ExtendWith(StackExtension.class)
class ScanIT {

    private final DynamoDbClient client;

    ScanIT(DynamisStack stack) {
        this.client = stack.client();
    }

    /** A table with a string partition key pk holding items p0 .. p(count-1), with n = i and a parity attribute. */
    private String tableOf(String prefix, int count) {
        String table = Tables.createHashTable(client, prefix, ScalarAttributeType.S);
        for (int i = 0; i < count; i++) {
            Map<String, AttributeValue> item = item("pk", s("p" + i), "n", n(i), "parity", s(i % 2 == 0 ? "even" : "odd"));
            client.putItem(r -> r.tableName(table).item(item));
        }
        return table;
    }

    private ScanResponse scan(String table, Consumer<ScanRequest.Builder> more) {
        ScanRequest.Builder builder = ScanRequest.builder().tableName(table);
        more.accept(builder);
        return client.scan(builder.build());
    }

    private static boolean hasMore(ScanResponse page) {
        return page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty();
    }

    /** Every partition key returned by scanning to the end, page by page, with the given request members. */
    private List<String> scanAll(String table, Consumer<ScanRequest.Builder> more) {
        List<String> keys = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        int pages = 0;
        do {
            Map<String, AttributeValue> from = start;
            ScanResponse page = scan(table, b -> {
                more.accept(b);
                b.exclusiveStartKey(from);
            });
            page.items().forEach(item -> keys.add(item.get("pk").s()));
            start = hasMore(page) ? page.lastEvaluatedKey() : null;
            assertTrue(++pages < 1000, "paging does not end");
        } while (start != null);
        return keys;
    }

    private static Set<String> keys(int count) {
        Set<String> keys = new HashSet<>();
        for (int i = 0; i < count; i++) {
            keys.add("p" + i);
        }
        return keys;
    }

    @Test
    void scanReturnsEveryItemOfTheTableAndNoOther() {
        String table = tableOf("scanall", 40);
        tableOf("scanother", 5);
        ScanResponse response = scan(table, b -> { });
        assertEquals(40, response.count());
        assertEquals(40, response.scannedCount());
        Set<String> seen = new HashSet<>();
        response.items().forEach(item -> seen.add(item.get("pk").s()));
        assertEquals(keys(40), seen);
        assertFalse(hasMore(response));
    }

    @Test
    void filterDecidesCountAndScannedCountCountsEverythingRead() {
        String table = tableOf("scanfilter", 20);
        ScanResponse response = scan(table, b -> b.filterExpression("parity = :p AND n >= :n")
                .expressionAttributeValues(Map.of(":p", s("even"), ":n", n(10))));
        assertEquals(5, response.count());
        assertEquals(20, response.scannedCount());
        ScanResponse legacy = scan(table, b -> b.scanFilter(Map.of(
                "n", Condition.builder().comparisonOperator(ComparisonOperator.LT).attributeValueList(n(3)).build(),
                "pk", Condition.builder().comparisonOperator(ComparisonOperator.BEGINS_WITH).attributeValueList(s("p")).build())));
        assertEquals(3, legacy.count());
        ScanResponse count = scan(table, b -> b.select(Select.COUNT).filterExpression("parity = :p")
                .expressionAttributeValues(Map.of(":p", s("odd"))));
        assertEquals(10, count.count());
        assertFalse(count.hasItems());
    }

    @Test
    void projectionsReturnOnlyTheNamedAttributes() {
        String table = tableOf("scanproj", 3);
        ScanResponse response = scan(table, b -> b.projectionExpression("parity"));
        assertEquals(3, response.count());
        assertEquals(3, response.items().size());
        response.items().forEach(item -> assertEquals(Set.of("parity"), item.keySet()));
        ScanResponse legacy = scan(table, b -> b.attributesToGet("pk"));
        assertEquals(3, legacy.count());
        assertEquals(3, legacy.items().size());
        legacy.items().forEach(item -> assertEquals(Set.of("pk"), item.keySet()));
    }

    @Test
    void limitPagesThroughTheTableWithoutDuplicates() {
        String table = tableOf("scanlimit", 50);
        ScanResponse first = scan(table, b -> b.limit(7));
        assertEquals(7, first.count());
        assertTrue(hasMore(first));
        assertEquals(Set.of("pk"), first.lastEvaluatedKey().keySet());
        List<String> all = scanAll(table, b -> b.limit(7));
        assertEquals(50, all.size());
        assertEquals(keys(50), new HashSet<>(all));
        // the same order as one unlimited scan
        List<String> unlimited = new ArrayList<>();
        scan(table, b -> { }).items().forEach(item -> unlimited.add(item.get("pk").s()));
        assertEquals(unlimited, all);
    }

    @Test
    void limitCountsItemsBeforeTheFilter() {
        String table = tableOf("scanlimitfilter", 30);
        ScanResponse page = scan(table, b -> b.limit(10).filterExpression("parity = :p")
                .expressionAttributeValues(Map.of(":p", s("even"))));
        assertEquals(10, page.scannedCount());
        assertTrue(page.count() <= 10);
        assertTrue(hasMore(page));
    }

    @Test
    void pagesStopAtOneMegabyte() {
        String table = Tables.createHashTable(client, "scanbig", ScalarAttributeType.S);
        String payload = Items.chars(100_000);
        for (int i = 0; i < 25; i++) {
            Map<String, AttributeValue> item = item("pk", s("p" + i), "payload", s(payload));
            client.putItem(r -> r.tableName(table).item(item));
        }
        ScanResponse first = scan(table, b -> b.projectionExpression("pk"));
        assertTrue(first.count() >= 10 && first.count() <= 11, "a page holds about 1 MB: " + first.count());
        assertTrue(hasMore(first));
        List<String> all = scanAll(table, b -> b.projectionExpression("pk"));
        assertEquals(keys(25), new HashSet<>(all));
        assertEquals(25, all.size());
    }

    @Test
    void parallelScanSegmentsCoverTheTableExactlyOnce() {
        String table = tableOf("scanpar", 300);
        for (int total : new int[] {1, 4, 16}) {
            List<String> all = new ArrayList<>();
            for (int segment = 0; segment < total; segment++) {
                int seg = segment;
                all.addAll(scanAll(table, b -> b.segment(seg).totalSegments(total).limit(25)));
            }
            assertEquals(300, all.size(), total + " segments");
            assertEquals(keys(300), new HashSet<>(all), total + " segments");
        }
    }

    // ---- errors ----

    @Test
    @Tag("ddblocal-deviation") // DynamoDB Local words the segment errors its own way ("If segment is specified, ...")
    void segmentsComeInPairsWithinTheirBounds() {
        String table = tableOf("scanerr", 0);
        expectValidation("The TotalSegments parameter is required but was not present in the request when Segment"
                + " parameter is present", () -> scan(table, b -> b.segment(1)));
        expectValidation("The Segment parameter is required but was not present in the request when parameter"
                + " TotalSegments is present", () -> scan(table, b -> b.totalSegments(2)));
        expectValidation("The Segment parameter is zero-based and must be less than parameter TotalSegments: Segment: 4"
                + " is not less than TotalSegments: 4", () -> scan(table, b -> b.segment(4).totalSegments(4)));
        expectValidation("1 validation error detected: Value '0' at 'totalSegments' failed to satisfy constraint:"
                + " Member must have value greater than or equal to 1", () -> scan(table, b -> b.segment(0).totalSegments(0)));
    }

    @Test
    void totalSegmentsAtMostOneMillion() {
        String table = tableOf("scanerr", 0);
        expectValidation("1 validation error detected: Value '1000001' at 'totalSegments' failed to satisfy constraint:"
                + " Member must have value less than or equal to 1000000",
                () -> scan(table, b -> b.segment(0).totalSegments(1_000_001)));
    }

    @Test
    void selectMustFitTheProjection() {
        String table = tableOf("scanerr", 0);
        expectValidation("ALL_PROJECTED_ATTRIBUTES can be used only when Querying using an IndexName",
                () -> scan(table, b -> b.select(Select.ALL_PROJECTED_ATTRIBUTES)));
        expectValidation("Cannot specify the AttributesToGet when choosing to get ALL_ATTRIBUTES",
                () -> scan(table, b -> b.select(Select.ALL_ATTRIBUTES).attributesToGet("pk")));
        expectValidation("Cannot specify the ProjectionExpression when choosing to get only the Count",
                () -> scan(table, b -> b.select(Select.COUNT).projectionExpression("pk")));
    }

    @Test
    @Tag("ddblocal-deviation") // DynamoDB Local: "Limit must be greater than or equal to 1" and
    // "Exclusive Start Key must have same size as table's key schema"
    void limitAndStartKeyErrors() {
        String table = tableOf("scanerr", 0);
        expectValidation("1 validation error detected: Value '0' at 'limit' failed to satisfy constraint: Member must have"
                + " value greater than or equal to 1", () -> scan(table, b -> b.limit(0)));
        expectValidation("The provided starting key is invalid: The provided key element does not match the schema",
                () -> scan(table, b -> b.exclusiveStartKey(Map.of("pk", s("a"), "other", s("b")))));
    }

    @Test
    void aStartKeyOutsideItsSegmentIsRefused() {
        String table = tableOf("scanerr", 0);
        // p0's partition hash falls in exactly one of the three segments: the other two refuse it as a start key
        int refused = 0;
        for (int segment = 0; segment < 3; segment++) {
            int seg = segment;
            try {
                scan(table, b -> b.segment(seg).totalSegments(3).exclusiveStartKey(Map.of("pk", s("p0"))));
            } catch (software.amazon.awssdk.services.dynamodb.model.DynamoDbException e) {
                assertEquals("Exclusive start key must lie within the segment", e.awsErrorDetails().errorMessage());
                refused++;
            }
        }
        assertEquals(2, refused);
    }

    @Test
    void aMissingTableIsResourceNotFound() {
        assertThrows(ResourceNotFoundException.class, () -> scan(Tables.uniqueName("missing"), b -> { }));
    }
}
