package io.dynamis.it;

import static io.dynamis.it.Errors.expectValidation;
import static io.dynamis.it.Items.b;
import static io.dynamis.it.Items.bs;
import static io.dynamis.it.Items.chars;
import static io.dynamis.it.Items.item;
import static io.dynamis.it.Items.key;
import static io.dynamis.it.Items.m;
import static io.dynamis.it.Items.n;
import static io.dynamis.it.Items.ns;
import static io.dynamis.it.Items.s;
import static io.dynamis.it.Items.ss;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * The rules every attribute value follows (DynamoDB Developer Guide, "Supported data types and naming rules"
 * and "Service, account, and table quotas"): empty values, sets, numbers, key sizes, item size, nesting depth.
 */
@ExtendWith(StackExtension.class)
class AttributeRulesIT {

    private final DynamoDbClient client;

    AttributeRulesIT(DynamisStack stack) {
        this.client = stack.client();
    }

    @Test
    void emptyStringsAndBinariesAreAllowedInNonKeyAttributes() {
        String table = Tables.createHashTable(client, "empty-ok", ScalarAttributeType.S);
        Map<String, AttributeValue> item = item("pk", s("k"), "s", s(""), "b", AttributeValue.fromB(SdkBytes.fromByteArray(new byte[0])),
                "m", m("inner", s("")), "l", Items.l(s("")));
        client.putItem(r -> r.tableName(table).item(item));
        assertEquals(item, client.getItem(r -> r.tableName(table).key(key("k"))).item());
    }

    @Test
    void emptyStringsAndBinariesAreRejectedInKeys() {
        String strings = Tables.createHashTable(client, "empty-s-key", ScalarAttributeType.S);
        expectValidation("One or more parameter values are not valid. The AttributeValue for a key attribute cannot contain"
                + " an empty string value. Key: pk",
                () -> client.putItem(r -> r.tableName(strings).item(item("pk", s("")))));
        String binaries = Tables.createHashTable(client, "empty-b-key", ScalarAttributeType.B);
        expectValidation("One or more parameter values are not valid. The AttributeValue for a key attribute cannot contain"
                + " an empty binary value. Key: pk",
                () -> client.putItem(r -> r.tableName(binaries).item(item("pk", AttributeValue.fromB(SdkBytes.fromByteArray(new byte[0]))))));
    }

    @Test
    void emptySetsAreRejected() {
        String table = Tables.createHashTable(client, "empty-set", ScalarAttributeType.S);
        expectValidation("One or more parameter values were invalid: An string set  may not be empty",
                () -> client.putItem(r -> r.tableName(table).item(item("pk", s("k"), "ss", AttributeValue.fromSs(List.of())))));
        expectValidation("One or more parameter values were invalid: An number set  may not be empty",
                () -> client.putItem(r -> r.tableName(table).item(item("pk", s("k"), "ns", AttributeValue.fromNs(List.of())))));
        expectValidation("One or more parameter values were invalid: Binary sets should not be empty",
                () -> client.putItem(r -> r.tableName(table).item(item("pk", s("k"), "bs", AttributeValue.fromBs(List.of())))));
    }

    @Test
    void duplicateSetMembersAreRejected() {
        String table = Tables.createHashTable(client, "dup-set", ScalarAttributeType.S);
        Errors.expectValidationStartingWith("One or more parameter values were invalid: Input collection ",
                () -> client.putItem(r -> r.tableName(table).item(item("pk", s("k"), "ss", ss("a", "b", "a")))));
        expectValidation("Input collection contains duplicates",
                () -> client.putItem(r -> r.tableName(table).item(item("pk", s("k"), "ns", ns("1", "1.0")))));
        Errors.expectValidationStartingWith("One or more parameter values were invalid: Input collection ",
                () -> client.putItem(r -> r.tableName(table).item(item("pk", s("k"), "bs", bs("a", "a")))));
        org.junit.jupiter.api.Assertions.assertFalse(client.getItem(r -> r.tableName(table).key(key("k"))).hasItem(), "nothing was written");
    }

    /**
     * DEVIATION from DynamoDB Local (message only): real DynamoDB ends the string-set message with a period and quotes
     * binary sets as "Input collection [YQ==, YQ==]of type BS contains duplicates." (sic, as recorded by dynalite's
     * tests against DynamoDB); DynamoDB Local says "...Input collection [a, b, a] contains duplicates" and
     * "...Input collection of type BS contains duplicates.".
     */
    @Test
    @Tag("ddblocal-deviation")
    void duplicateSetMemberMessagesQuoteTheSet() {
        String table = Tables.createHashTable(client, "dup-set-msg", ScalarAttributeType.S);
        expectValidation("One or more parameter values were invalid: Input collection [a, b, a] contains duplicates.",
                () -> client.putItem(r -> r.tableName(table).item(item("pk", s("k"), "ss", ss("a", "b", "a")))));
        expectValidation("One or more parameter values were invalid: Input collection [YQ==, YQ==]of type BS contains duplicates.",
                () -> client.putItem(r -> r.tableName(table).item(item("pk", s("k"), "bs", bs("a", "a")))));
    }

    @Test
    void numbersKeepThirtyEightSignificantDigitsExactly() {
        String table = Tables.createHashTable(client, "digits", ScalarAttributeType.S);
        String digits38 = "1234567890123456789012345678901234567.8";
        String large = "9.9999999999999999999999999999999999999E+125";
        String small = "1E-130";
        client.putItem(r -> r.tableName(table).item(item("pk", s("k"), "a", n(digits38), "neg", n("-" + digits38),
                "large", n(large), "small", n(small))));
        Map<String, AttributeValue> got = client.getItem(r -> r.tableName(table).key(key("k"))).item();
        assertEquals(digits38, got.get("a").n());
        assertEquals("-" + digits38, got.get("neg").n());
        // the text form of very large and very small numbers is not specified (plain or exponent): compare the values
        assertEquals(0, new java.math.BigDecimal(large).compareTo(new java.math.BigDecimal(got.get("large").n())));
        assertEquals(0, new java.math.BigDecimal(small).compareTo(new java.math.BigDecimal(got.get("small").n())));
    }

    /**
     * DEVIATION from DynamoDB Local (message only): real DynamoDB says "Attempting to store more than 38 significant
     * digits in a Number"; DynamoDB Local says "DynamoDB only supports precision up to 38 digits". Both reject.
     */
    @Test
    @Tag("ddblocal-deviation")
    void numbersWithThirtyNineSignificantDigitsAreRejected() {
        String table = Tables.createHashTable(client, "digits39", ScalarAttributeType.S);
        expectValidation("Attempting to store more than 38 significant digits in a Number",
                () -> client.putItem(r -> r.tableName(table).item(item("pk", s("k"), "a", n("123456789012345678901234567890123456789")))));
        expectValidation("Attempting to store more than 38 significant digits in a Number",
                () -> client.putItem(r -> r.tableName(table).item(item("pk", s("k"), "a", n("0.123456789012345678901234567890123456789")))));
    }

    @Test
    void numbersOutsideTheSupportedRangeAreRejected() {
        String table = Tables.createHashTable(client, "range", ScalarAttributeType.S);
        expectValidation("Number overflow. Attempting to store a number with magnitude larger than supported range",
                () -> client.putItem(r -> r.tableName(table).item(item("pk", s("k"), "a", n("1E126")))));
        expectValidation("Number overflow. Attempting to store a number with magnitude larger than supported range",
                () -> client.putItem(r -> r.tableName(table).item(item("pk", s("k"), "a", n("-1E126")))));
        expectValidation("Number underflow. Attempting to store a number with magnitude smaller than supported range",
                () -> client.putItem(r -> r.tableName(table).item(item("pk", s("k"), "a", n("1E-131")))));
    }

    @Test
    void numbersCompareNumericallyNotAsText() {
        String table = Tables.createHashTable(client, "numeric", ScalarAttributeType.S);
        client.putItem(r -> r.tableName(table).item(item("pk", s("k"), "a", n("10"), "f", n("2.50"))));
        // as text "10" < "9"; as numbers 10 > 9
        client.putItem(r -> r.tableName(table).item(item("pk", s("k"), "a", n("10"), "f", n("2.50")))
                .conditionExpression("a > :nine AND f = :f")
                .expressionAttributeValues(item(":nine", n("9"), ":f", n("2.5"))));
        assertThrows(ConditionalCheckFailedException.class, () -> client.putItem(r -> r.tableName(table)
                .item(item("pk", s("k"))).conditionExpression("a < :nine")
                .expressionAttributeValues(item(":nine", n("9")))));
        client.putItem(r -> r.tableName(table).item(item("pk", s("k"), "a", n("-0.001")))
                .conditionExpression("a = :ten").expressionAttributeValues(item(":ten", n("1.0E1"))));
    }

    @Test
    void keyValuesOfTheWrongTypeAreRejected() {
        String table = Tables.createHashTable(client, "keytype", ScalarAttributeType.N);
        Errors.expectValidationStartingWith("One or more parameter values were invalid: Type mismatch for key",
                () -> client.putItem(r -> r.tableName(table).item(item("pk", s("1")))));
        assertThrows(software.amazon.awssdk.services.dynamodb.model.DynamoDbException.class,
                () -> client.getItem(r -> r.tableName(table).key(item("pk", s("1")))));
    }

    /**
     * DEVIATION from DynamoDB Local: real DynamoDB names the key and both types on writes, and answers a read
     * with a key of the wrong type with "The provided key element does not match the schema"; DynamoDB Local
     * says "One or more parameter values were invalid: Type mismatch for key" to both.
     */
    @Test
    @Tag("ddblocal-deviation")
    void keyTypeMismatchMessagesNameTheKeyAndTheTypes() {
        String table = Tables.createHashTable(client, "keytype-put", ScalarAttributeType.N);
        expectValidation("One or more parameter values were invalid: Type mismatch for key pk expected: N actual: S",
                () -> client.putItem(r -> r.tableName(table).item(item("pk", s("1")))));
        expectValidation("The provided key element does not match the schema",
                () -> client.getItem(r -> r.tableName(table).key(item("pk", s("1")))));
    }

    /**
     * DEVIATION from DynamoDB Local (message only): real DynamoDB's messages name the limit that was hit
     * ("Size of hashkey has exceeded the maximum size limit of2048 bytes", sic); DynamoDB Local answers both key
     * limits with "Hash primary key values must be under 2048 bytes, and range primary key values must be under
     * 1024 bytes". The limits themselves (2048 accepted, 2049 rejected) are the same.
     */
    @Test
    @Tag("ddblocal-deviation")
    void partitionKeysUpTo2048BytesAreAccepted() {
        String table = Tables.createHashTable(client, "hashsize", ScalarAttributeType.S);
        client.putItem(r -> r.tableName(table).item(item("pk", s(chars(2048)))));
        assertEquals(chars(2048), client.getItem(r -> r.tableName(table).key(key(chars(2048)))).item().get("pk").s());
        String twoByteChars = "é".repeat(1024);
        client.putItem(r -> r.tableName(table).item(item("pk", s(twoByteChars))));
        expectValidation("One or more parameter values were invalid: Size of hashkey has exceeded the maximum size limit of2048 bytes",
                () -> client.putItem(r -> r.tableName(table).item(item("pk", s(chars(2049))))));
        expectValidation("One or more parameter values were invalid: Size of hashkey has exceeded the maximum size limit of2048 bytes",
                () -> client.putItem(r -> r.tableName(table).item(item("pk", s(twoByteChars + "x")))));
    }

    /** DEVIATION from DynamoDB Local (message only), as {@link #partitionKeysUpTo2048BytesAreAccepted()}. */
    @Test
    @Tag("ddblocal-deviation")
    void sortKeysUpTo1024BytesAreAccepted() {
        String table = Tables.uniqueName("rangesize");
        client.createTable(r -> r.tableName(table)
                .keySchema(k -> k.attributeName("pk").keyType("HASH"), k -> k.attributeName("sk").keyType("RANGE"))
                .attributeDefinitions(a -> a.attributeName("pk").attributeType("S"), a -> a.attributeName("sk").attributeType("S"))
                .billingMode("PAY_PER_REQUEST"));
        client.putItem(r -> r.tableName(table).item(item("pk", s("k"), "sk", s(chars(1024)))));
        expectValidation("One or more parameter values were invalid: Aggregated size of all range keys has exceeded the size limit of 1024 bytes",
                () -> client.putItem(r -> r.tableName(table).item(item("pk", s("k"), "sk", s(chars(1025))))));
    }

    /** Item size = the UTF-8 lengths of the attribute names plus the sizes of the values; at most 400 KB. */
    @Test
    void itemsUpTo400KilobytesAreAccepted() {
        String table = Tables.createHashTable(client, "itemsize", ScalarAttributeType.S);
        int limit = 400 * 1024;
        // "pk" + "k" = 3 bytes, "data" = 4 bytes: the value gets the rest
        Map<String, AttributeValue> fits = item("pk", s("k"), "data", s(chars(limit - 3 - 4)));
        client.putItem(r -> r.tableName(table).item(fits));
        assertEquals(limit - 7, client.getItem(r -> r.tableName(table).key(key("k"))).item().get("data").s().length());
        expectValidation("Item size has exceeded the maximum allowed size",
                () -> client.putItem(r -> r.tableName(table).item(item("pk", s("k"), "data", s(chars(limit - 3 - 4 + 1))))));
        // the attribute name counts: one more character in the name is one byte too many
        expectValidation("Item size has exceeded the maximum allowed size",
                () -> client.putItem(r -> r.tableName(table).item(item("pk", s("k"), "data2", s(chars(limit - 3 - 4))))));
        // binary values count their raw bytes
        Map<String, AttributeValue> binary = item("pk", s("b"), "data", AttributeValue.fromB(SdkBytes.fromByteArray(new byte[limit - 3 - 4])));
        client.putItem(r -> r.tableName(table).item(binary));
    }

    @Test
    void updatesThatGrowAnItemPast400KilobytesAreRejected() {
        String table = Tables.createHashTable(client, "itemsize-upd", ScalarAttributeType.S);
        client.putItem(r -> r.tableName(table).item(item("pk", s("k"), "a", s(chars(300 * 1024)))));
        expectValidation("Item size to update has exceeded the maximum allowed size",
                () -> client.updateItem(r -> r.tableName(table).key(key("k")).updateExpression("SET b = :b")
                        .expressionAttributeValues(item(":b", s(chars(200 * 1024))))));
    }

    private static AttributeValue nested(int depth) {
        AttributeValue value = s("leaf");
        for (int i = 0; i < depth; i++) {
            value = i % 2 == 0 ? m("m", value) : Items.l(value);
        }
        return value;
    }

    /**
     * Documents nest up to 32 levels deep. The top-level attribute is the first level, so an attribute holding 31
     * nested maps and lists (with a scalar at level 32) is accepted, and one holding 32 is not.
     */
    @Test
    void documentsNestUpTo32Levels() {
        String table = Tables.createHashTable(client, "depth", ScalarAttributeType.S);
        client.putItem(r -> r.tableName(table).item(item("pk", s("k"), "doc", nested(31))));
        assertEquals(nested(31), client.getItem(r -> r.tableName(table).key(key("k"))).item().get("doc"));
        expectValidation("Nesting Levels have exceeded supported limits: Attributes in the item have nested levels beyond supported limit",
                () -> client.putItem(r -> r.tableName(table).item(item("pk", s("k"), "doc", nested(32)))));
        expectValidation("Nesting Levels have exceeded supported limits: Attributes in the item have nested levels beyond supported limit",
                () -> client.putItem(r -> r.tableName(table).item(item("pk", s("k"), "doc", nested(40)))));
    }

    @Test
    void binaryValuesRoundTripByteForByte() {
        String table = Tables.createHashTable(client, "binary", ScalarAttributeType.B);
        AttributeValue key = AttributeValue.fromB(SdkBytes.fromByteArray(new byte[] {0, (byte) 0x80, (byte) 0xff}));
        client.putItem(r -> r.tableName(table).item(item("pk", key, "v", b("é"))));
        assertEquals(b("é"), client.getItem(r -> r.tableName(table).key(Map.of("pk", key))).item().get("v"));
    }
}
