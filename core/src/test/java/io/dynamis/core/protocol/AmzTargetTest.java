package io.dynamis.core.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The X-Amz-Target header: {@code <ServicePrefix>.<Operation>}. */
class AmzTargetTest {

    @Test
    void dynamoDbTargetSplitsIntoServiceAndOperation() {
        AmzTarget target = AmzTarget.parse("DynamoDB_20120810.PutItem");
        assertEquals(new AmzTarget(AmzTarget.DYNAMODB, "PutItem"), target);
        assertEquals("DynamoDB_20120810.PutItem", target.toString());
    }

    @Test
    void streamsTargetHasTheStreamsPrefix() {
        assertEquals(new AmzTarget(AmzTarget.STREAMS, "GetRecords"), AmzTarget.parse("DynamoDBStreams_20120810.GetRecords"));
    }

    @Test
    void operationIsWhatFollowsTheLastDot() {
        assertEquals(new AmzTarget("a.b", "c"), AmzTarget.parse("a.b.c"));
    }

    @Test
    void missingHeaderParsesToNull() {
        assertNull(AmzTarget.parse(null));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "PutItem", "DynamoDB_20120810.", ".PutItem", "."})
    void headerWithoutServiceOrOperationParsesToNull(String header) {
        assertNull(AmzTarget.parse(header));
    }

    @Test
    void unknownServicesAndOperationsStillParse() {
        // Deciding whether they are known is the router's job.
        assertEquals(new AmzTarget("Foo", "Bar"), AmzTarget.parse("Foo.Bar"));
    }
}
