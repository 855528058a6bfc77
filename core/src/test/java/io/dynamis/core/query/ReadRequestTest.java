package io.dynamis.core.query;

import static io.dynamis.core.query.Fixtures.json;
import static io.dynamis.core.query.Fixtures.validation;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import org.junit.jupiter.api.Test;

/** What a Query or Scan request is refused for before the table is looked at, with DynamoDB's messages. */
class ReadRequestTest {

    private static final String QUERY = "{'TableName': 'tbl', 'KeyConditionExpression': 'pk = :p',"
            + " 'ExpressionAttributeValues': {':p': {'S': 'a'}}";

    private static String query(String members) {
        return validation(() -> ReadRequest.query(json(QUERY + members + "}")));
    }

    private static String scan(String members) {
        return validation(() -> ReadRequest.scan(json("{'TableName': 'tbl'" + members + "}")));
    }

    @Test
    void limitMustBePositive() {
        assertEquals("1 validation error detected: Value at 'Limit' failed to satisfy constraint: Member must have"
                + " value greater than or equal to 1", query(", 'Limit': 0"));
        assertEquals("1 validation error detected: Value '0' at 'limit' failed to satisfy constraint: Member must have"
                + " value greater than or equal to 1", scan(", 'Limit': 0"));
    }

    @Test
    void selectMustBeKnownAndFitTheProjection() {
        assertEquals("1 validation error detected: Value 'ALL' at 'select' failed to satisfy constraint: Member must"
                + " satisfy enum value set: [SPECIFIC_ATTRIBUTES, COUNT, ALL_ATTRIBUTES, ALL_PROJECTED_ATTRIBUTES]",
                query(", 'Select': 'ALL'"));
        assertEquals("ALL_PROJECTED_ATTRIBUTES can be used only when Querying using an IndexName",
                query(", 'Select': 'ALL_PROJECTED_ATTRIBUTES'"));
        assertEquals("Must specify the AttributesToGet or ProjectionExpression when choosing to get SPECIFIC_ATTRIBUTES",
                query(", 'Select': 'SPECIFIC_ATTRIBUTES'"));
        assertEquals("Cannot specify the ProjectionExpression when choosing to get ALL_ATTRIBUTES",
                query(", 'Select': 'ALL_ATTRIBUTES', 'ProjectionExpression': 'x'"));
        assertEquals("Cannot specify the ProjectionExpression when choosing to get only the Count",
                query(", 'Select': 'COUNT', 'ProjectionExpression': 'x'"));
        assertEquals("Cannot specify the AttributesToGet when choosing to get only the Count",
                scan(", 'Select': 'COUNT', 'AttributesToGet': ['x']"));
    }

    @Test
    void projectedAttributesNeedAnIndexAndNoProjection() {
        assertEquals("ALL_PROJECTED_ATTRIBUTES can be used only when Querying using an IndexName",
                query(", 'Select': 'ALL_PROJECTED_ATTRIBUTES'"));
        assertEquals("Cannot specify the ProjectionExpression when choosing to get ALL_PROJECTED_ATTRIBUTES",
                query(", 'IndexName': 'byColor', 'Select': 'ALL_PROJECTED_ATTRIBUTES', 'ProjectionExpression': 'a'"));
    }

    @Test
    void segmentsComeInPairsWithinTheirBounds() {
        assertEquals("The TotalSegments parameter is required but was not present in the request when Segment parameter"
                + " is present", scan(", 'Segment': 1"));
        assertEquals("The Segment parameter is required but was not present in the request when parameter TotalSegments"
                + " is present", scan(", 'TotalSegments': 2"));
        assertEquals("The Segment parameter is zero-based and must be less than parameter TotalSegments: Segment: 4 is not"
                + " less than TotalSegments: 4", scan(", 'Segment': 4, 'TotalSegments': 4"));
        assertEquals("1 validation error detected: Value '0' at 'totalSegments' failed to satisfy constraint: Member must"
                + " have value greater than or equal to 1", scan(", 'Segment': 0, 'TotalSegments': 0"));
        assertEquals("1 validation error detected: Value '1000001' at 'totalSegments' failed to satisfy constraint: Member"
                + " must have value less than or equal to 1000000", scan(", 'Segment': 0, 'TotalSegments': 1000001"));
        assertEquals("1 validation error detected: Value '-1' at 'segment' failed to satisfy constraint: Member must have"
                + " value greater than or equal to 0", scan(", 'Segment': -1, 'TotalSegments': 2"));
    }

    @Test
    void aMalformedStartKeyValueIsAnInvalidStartingKey() {
        assertEquals("The provided starting key is invalid: Supplied AttributeValue is empty, must contain exactly one of"
                + " the supported datatypes", scan(", 'ExclusiveStartKey': {'pk': {}}"));
    }

    @Test
    void scanIndexForwardDefaultsToTrue() {
        assertEquals(true, ReadRequest.query(json(QUERY + "}")).forward());
        assertFalse(ReadRequest.query(json(QUERY + ", 'ScanIndexForward': false}")).forward());
    }
}
