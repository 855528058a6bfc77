package io.dynamis.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.PolicyNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;

/**
 * PutResourcePolicy, GetResourcePolicy and DeleteResourcePolicy on tables and streams, and CreateTable's
 * ResourcePolicy, with the real SDK: revisions, conditional updates, DynamoDB's errors. (In open mode the
 * policies are stored, not enforced; AuthVerifyIT shows them enforced.)
 */
@ExtendWith(StackExtension.class)
class ResourcePoliciesIT {

    private final DynamoDbClient client;

    ResourcePoliciesIT(DynamisStack stack) {
        this.client = stack.client();
    }

    static String policy(String arn, String principal) {
        return "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\""
                + principal + "\"},\"Action\":\"dynamodb:GetItem\",\"Resource\":\"" + arn + "\"}]}";
    }

    private String arnOf(String table) {
        return client.describeTable(b -> b.tableName(table)).table().tableArn();
    }

    @Test
    void aPolicyIsPutReadReplacedOnlyAtTheExpectedRevisionAndDeleted() {
        String arn = arnOf(Tables.createHashTable(client, "rbac", ScalarAttributeType.S));
        Errors.expect(PolicyNotFoundException.class, "PolicyNotFoundException",
                "Resource-based policy not found for the provided ResourceArn: " + arn,
                () -> client.getResourcePolicy(b -> b.resourceArn(arn)));

        String first = policy(arn, "arn:aws:iam::000000000000:user/alice");
        String revision = client.putResourcePolicy(b -> b.resourceArn(arn).policy(first)).revisionId();
        var read = client.getResourcePolicy(b -> b.resourceArn(arn));
        assertEquals(first, read.policy());
        assertEquals(revision, read.revisionId());
        // the same document again keeps its revision
        assertEquals(revision, client.putResourcePolicy(b -> b.resourceArn(arn).policy(first)).revisionId());

        String second = policy(arn, "arn:aws:iam::000000000000:user/bob");
        Errors.expect(PolicyNotFoundException.class, "PolicyNotFoundException", null,
                () -> client.putResourcePolicy(b -> b.resourceArn(arn).policy(second).expectedRevisionId("1")));
        Errors.expect(PolicyNotFoundException.class, "PolicyNotFoundException", null,
                () -> client.putResourcePolicy(b -> b.resourceArn(arn).policy(second).expectedRevisionId("NO_POLICY")));
        assertEquals(first, client.getResourcePolicy(b -> b.resourceArn(arn)).policy());
        String next = client.putResourcePolicy(b -> b.resourceArn(arn).policy(second).expectedRevisionId(revision)
                .confirmRemoveSelfResourceAccess(true)).revisionId();
        assertNotEquals(revision, next);
        assertEquals(second, client.getResourcePolicy(b -> b.resourceArn(arn)).policy());

        Errors.expect(PolicyNotFoundException.class, "PolicyNotFoundException", null,
                () -> client.deleteResourcePolicy(b -> b.resourceArn(arn).expectedRevisionId(revision)));
        assertTrue(client.deleteResourcePolicy(b -> b.resourceArn(arn).expectedRevisionId(next)).revisionId() != null);
        Errors.expect(PolicyNotFoundException.class, "PolicyNotFoundException", null,
                () -> client.getResourcePolicy(b -> b.resourceArn(arn)));
        Errors.expect(PolicyNotFoundException.class, "PolicyNotFoundException", null,
                () -> client.deleteResourcePolicy(b -> b.resourceArn(arn)));
        // NO_POLICY: attach only where there is none
        client.putResourcePolicy(b -> b.resourceArn(arn).policy(first).expectedRevisionId("NO_POLICY"));
        assertEquals(first, client.getResourcePolicy(b -> b.resourceArn(arn)).policy());
    }

    @Test
    void aNotPrincipalDenyAndAServicePrincipalAreAccepted() {
        String arn = arnOf(Tables.createHashTable(client, "rbac-not", ScalarAttributeType.S));
        String deny = policy(arn, "arn:aws:iam::000000000000:user/alice").replace("\"Allow\"", "\"Deny\"")
                .replace("\"Principal\"", "\"NotPrincipal\"");
        client.putResourcePolicy(b -> b.resourceArn(arn).policy(deny));
        assertEquals(deny, client.getResourcePolicy(b -> b.resourceArn(arn)).policy());
        String service = policy(arn, "*").replace("{\"AWS\":\"*\"}", "{\"Service\":\"glue.amazonaws.com\"}");
        client.putResourcePolicy(b -> b.resourceArn(arn).policy(service));
        assertEquals(service, client.getResourcePolicy(b -> b.resourceArn(arn)).policy());
    }

    @Test
    void aMissingTableAnInvalidDocumentAndAnOversizedOneAreRefused() {
        String arn = arnOf(Tables.createHashTable(client, "rbac-bad", ScalarAttributeType.S));
        String missing = arn + "-not-there";
        Errors.expect(ResourceNotFoundException.class, "ResourceNotFoundException", null,
                () -> client.putResourcePolicy(b -> b.resourceArn(missing).policy(policy(missing, "*"))));
        Errors.expect(ResourceNotFoundException.class, "ResourceNotFoundException", null,
                () -> client.getResourcePolicy(b -> b.resourceArn(missing)));
        Errors.expect(DynamoDbException.class, "ValidationException", null,
                () -> client.putResourcePolicy(b -> b.resourceArn(arn).policy("not json")));
        Errors.expect(DynamoDbException.class, "ValidationException", null, () -> client.putResourcePolicy(b -> b
                .resourceArn(arn).policy("{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"dynamodb:*\"}}")));
        // NotPrincipal: only in a Deny
        String notPrincipal = policy(arn, "*").replace("\"Principal\"", "\"NotPrincipal\"");
        Errors.expectValidation("Invalid policy document: NotPrincipal must be used with \"Effect\":\"Deny\"",
                () -> client.putResourcePolicy(b -> b.resourceArn(arn).policy(notPrincipal)));
        // what the gateway could not evaluate is refused when it is put (it would fail closed on every request)
        String unknownOperator = policy(arn, "*").replace("\"Effect\"", "\"Condition\":{\"StringSortOf\":{\"aws:username\":\"a\"}},\"Effect\"");
        Errors.expectValidation("Invalid policy document: unknown condition operator StringSortOf",
                () -> client.putResourcePolicy(b -> b.resourceArn(arn).policy(unknownOperator)));
        String padded = policy(arn, "*").replace("[{", "[" + " ".repeat(20 * 1024) + "{");
        Errors.expect(DynamoDbException.class, "LimitExceededException", null,
                () -> client.putResourcePolicy(b -> b.resourceArn(arn).policy(padded)));
        Errors.expect(PolicyNotFoundException.class, "PolicyNotFoundException", null,
                () -> client.getResourcePolicy(b -> b.resourceArn(arn)));
    }

    @Test
    void createTableAttachesItsResourcePolicyAndAStreamHasItsOwn() {
        String name = "rbac-create-" + System.nanoTime();
        String arnPrefix = "arn:aws:dynamodb:us-east-1:000000000000:table/";
        String document = policy(arnPrefix + name, "*");
        var created = client.createTable(b -> b.tableName(name).billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(AttributeDefinition.builder().attributeName("pk").attributeType(ScalarAttributeType.S).build())
                .keySchema(KeySchemaElement.builder().attributeName("pk").keyType(KeyType.HASH).build())
                .streamSpecification(s -> s.streamEnabled(true).streamViewType(StreamViewType.KEYS_ONLY))
                .resourcePolicy(document)).tableDescription();
        assertEquals(document, client.getResourcePolicy(b -> b.resourceArn(created.tableArn())).policy());

        String stream = created.latestStreamArn();
        Errors.expect(PolicyNotFoundException.class, "PolicyNotFoundException", null,
                () -> client.getResourcePolicy(b -> b.resourceArn(stream)));
        String streamPolicy = policy(stream, "*").replace("dynamodb:GetItem", "dynamodb:GetRecords");
        client.putResourcePolicy(b -> b.resourceArn(stream).policy(streamPolicy));
        assertEquals(streamPolicy, client.getResourcePolicy(b -> b.resourceArn(stream)).policy());
        assertEquals(document, client.getResourcePolicy(b -> b.resourceArn(created.tableArn())).policy());
        Errors.expect(ResourceNotFoundException.class, "ResourceNotFoundException", null,
                () -> client.getResourcePolicy(b -> b.resourceArn(created.tableArn() + "/stream/2000-01-01T00:00:00.000")));
    }
}
