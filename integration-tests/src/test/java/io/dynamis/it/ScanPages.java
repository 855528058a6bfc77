package io.dynamis.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;

/** A Scan read page by page, as an application pages through a table (items keyed by {@code pk}, a string). */
final class ScanPages {

    /** More pages than any test table has: a Scan that has not ended by then fails the test. */
    static final int MAX_PAGES = 5_000;

    private ScanPages() {
    }

    /**
     * One page: the ExclusiveStartKey it was asked with (null: the start), the {@code pk} of its items in
     * order, and its LastEvaluatedKey (null on the last page).
     */
    record Page(Map<String, AttributeValue> start, List<String> keys, Map<String, AttributeValue> last) {
    }

    /**
     * The pages of a Scan of {@code table} from {@code from} (null: the start), each request built with
     * whatever {@code more} sets (Limit, Segment, ...), up to the last page or {@code maxPages} pages.
     */
    static List<Page> pages(DynamoDbClient client, String table, Consumer<ScanRequest.Builder> more,
            Map<String, AttributeValue> from, int maxPages) {
        List<Page> pages = new ArrayList<>();
        Map<String, AttributeValue> start = from;
        do {
            ScanRequest.Builder request = ScanRequest.builder().tableName(table).exclusiveStartKey(start);
            more.accept(request);
            ScanResponse answer = client.scan(request.build());
            Map<String, AttributeValue> last = answer.hasLastEvaluatedKey() && !answer.lastEvaluatedKey().isEmpty()
                    ? answer.lastEvaluatedKey() : null;
            pages.add(new Page(start, answer.items().stream().map(item -> item.get("pk").s()).toList(), last));
            start = last;
        } while (start != null && pages.size() < maxPages);
        return pages;
    }

    /** The {@code pk} of every item of a whole Scan from {@code from}, in the order of its pages. */
    static List<String> keys(DynamoDbClient client, String table, Consumer<ScanRequest.Builder> more,
            Map<String, AttributeValue> from) {
        List<Page> pages = pages(client, table, more, from, MAX_PAGES);
        assertTrue(pages.get(pages.size() - 1).last() == null, "the Scan did not end in " + MAX_PAGES + " pages");
        return keys(pages);
    }

    /** The keys of pages, in order. */
    static List<String> keys(List<Page> pages) {
        return pages.stream().flatMap(page -> page.keys().stream()).toList();
    }
}
