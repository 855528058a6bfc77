package io.dynamis.gateway.auth;

import static io.dynamis.gateway.auth.PolicyEvaluator.Decision.ALLOW;
import static io.dynamis.gateway.auth.PolicyEvaluator.Decision.EXPLICIT_DENY;
import static io.dynamis.gateway.auth.PolicyEvaluator.Decision.IMPLICIT_DENY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dynamis.core.json.Json;
import io.dynamis.core.policy.PolicyDocument;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** IAM's evaluation rules on DynamoDB requests, as {@link RequestAuthorizations} describes them. */
class PolicyEvaluatorTest {

    private static final ResourceArns ARNS = new ResourceArns("us-east-1", "000000000000");
    private static final String MUSIC = ARNS.table("Music");

    /** Music is keyed by Artist (and SongTitle); its index ByYear by Year. */
    private static final RequestAuthorizations.KeySchemas SCHEMAS = (table, index) ->
            index == null ? "Artist" : "Year";

    private static List<AuthorizationContext> contexts(String user, String operation, String json) {
        Map<String, List<String>> global = Map.of("aws:username", List.of(user),
                "aws:PrincipalArn", List.of(ARNS.user(user)), "aws:SourceIp", List.of("127.0.0.1"),
                "aws:SecureTransport", List.of("false"));
        ObjectNode request = (ObjectNode) Json.readTree(json.getBytes(StandardCharsets.UTF_8));
        return new RequestAuthorizations(ARNS, SCHEMAS, global).of(operation, request);
    }

    /** The verdict for the whole request: every part must be allowed; an explicit deny anywhere wins. */
    private static PolicyEvaluator.Decision decide(String policy, String user, String operation, String json) {
        List<PolicyDocument> policies = List.of(PolicyDocument.parse(policy));
        PolicyEvaluator.Decision verdict = ALLOW;
        for (AuthorizationContext context : contexts(user, operation, json)) {
            PolicyEvaluator.Decision d = PolicyEvaluator.evaluate(policies, context);
            if (d == EXPLICIT_DENY) {
                return d;
            }
            if (d == IMPLICIT_DENY) {
                verdict = d;
            }
        }
        return verdict;
    }

    private static String policy(String statements) {
        return "{\"Version\":\"2012-10-17\",\"Statement\":[" + statements + "]}";
    }

    private static final String OWN_PARTITION = policy("""
            {"Effect":"Allow","Action":["dynamodb:GetItem","dynamodb:Query","dynamodb:BatchGetItem"],
             "Resource":"arn:aws:dynamodb:*:*:table/Music",
             "Condition":{"ForAllValues:StringEquals":{"dynamodb:LeadingKeys":["${aws:username}"],
                                                       "dynamodb:Attributes":["Artist","SongTitle","Album"]},
                          "StringEqualsIfExists":{"dynamodb:Select":"SPECIFIC_ATTRIBUTES"}}}""");

    private static String get(String artist, String projection) {
        return "{\"TableName\":\"Music\",\"Key\":{\"Artist\":{\"S\":\"" + artist + "\"},\"SongTitle\":{\"S\":\"x\"}}"
                + (projection == null ? "" : ",\"ProjectionExpression\":\"" + projection + "\"") + "}";
    }

    @Test
    void nothingIsAllowedWithoutAStatementThatAllowsIt() {
        assertEquals(IMPLICIT_DENY, decide(policy("{\"Effect\":\"Allow\",\"Action\":\"dynamodb:PutItem\",\"Resource\":\"*\"}"),
                "alice", "GetItem", get("alice", null)));
    }

    @Test
    void actionsAndResourcesMatchWithWildcards() {
        String gets = policy("{\"Effect\":\"Allow\",\"Action\":\"DynamoDB:Get*\",\"Resource\":\"arn:aws:dynamodb:us-east-1:*:table/Mus?c\"}");
        assertEquals(ALLOW, decide(gets, "alice", "GetItem", get("bob", null)));
        assertEquals(IMPLICIT_DENY, decide(gets, "alice", "PutItem",
                "{\"TableName\":\"Music\",\"Item\":{\"Artist\":{\"S\":\"a\"}}}"));
        assertEquals(IMPLICIT_DENY, decide(gets, "alice", "GetItem",
                "{\"TableName\":\"Movies\",\"Key\":{\"Artist\":{\"S\":\"a\"}}}"));
        String all = policy("{\"Effect\":\"Allow\",\"Action\":\"dynamodb:*\",\"Resource\":\"*\"}");
        assertEquals(ALLOW, decide(all, "alice", "Scan", "{\"TableName\":\"Music\"}"));
    }

    @Test
    void indexesHaveArnsOfTheirOwn() {
        String tableOnly = policy("{\"Effect\":\"Allow\",\"Action\":\"dynamodb:Query\",\"Resource\":\"" + MUSIC + "\"}");
        String query = "{\"TableName\":\"Music\",\"IndexName\":\"ByYear\",\"KeyConditionExpression\":\"#y = :y\","
                + "\"ExpressionAttributeNames\":{\"#y\":\"Year\"},\"ExpressionAttributeValues\":{\":y\":{\"N\":\"1999\"}}}";
        assertEquals(IMPLICIT_DENY, decide(tableOnly, "alice", "Query", query));
        String indexes = policy("{\"Effect\":\"Allow\",\"Action\":\"dynamodb:Query\",\"Resource\":\"" + MUSIC + "/index/*\"}");
        assertEquals(ALLOW, decide(indexes, "alice", "Query", query));
    }

    @Test
    void anExplicitDenyWinsOverAnyAllow() {
        String policy = policy("""
                {"Effect":"Allow","Action":"dynamodb:*","Resource":"*"},
                {"Effect":"Deny","Action":"dynamodb:DeleteItem","Resource":"*"}""");
        assertEquals(ALLOW, decide(policy, "alice", "GetItem", get("alice", null)));
        assertEquals(EXPLICIT_DENY, decide(policy, "alice", "DeleteItem", get("alice", null)));
        String transact = "{\"TransactItems\":[{\"Put\":{\"TableName\":\"Music\",\"Item\":{\"Artist\":{\"S\":\"a\"}}}},"
                + "{\"Delete\":{\"TableName\":\"Music\",\"Key\":{\"Artist\":{\"S\":\"b\"}}}}]}";
        assertEquals(EXPLICIT_DENY, decide(policy, "alice", "TransactWriteItems", transact),
                "a transaction's Delete is a DeleteItem");
    }

    @Test
    void partiqlStatementsAreAuthorizedAsPartiqlActionsOnTheirTableOrIndex() {
        String selects = policy("{\"Effect\":\"Allow\",\"Action\":\"dynamodb:PartiQLSelect\",\"Resource\":\"" + MUSIC + "\"}");
        assertEquals(ALLOW, decide(selects, "alice", "ExecuteStatement",
                "{\"Statement\":\"SELECT * FROM \\\"Music\\\" WHERE Artist = 'alice'\"}"));
        assertEquals(IMPLICIT_DENY, decide(selects, "alice", "ExecuteStatement",
                "{\"Statement\":\"SELECT * FROM \\\"Music\\\".\\\"ByYear\\\" WHERE \\\"Year\\\" = 1999\"}"),
                "an index has an ARN of its own");
        assertEquals(IMPLICIT_DENY, decide(selects, "alice", "ExecuteStatement",
                "{\"Statement\":\"DELETE FROM \\\"Music\\\" WHERE Artist = 'alice' AND SongTitle = 'x'\"}"));
        assertEquals(IMPLICIT_DENY, decide(selects, "alice", "BatchExecuteStatement",
                "{\"Statements\":[{\"Statement\":\"SELECT * FROM \\\"Music\\\" WHERE Artist = 'a'\"},"
                        + "{\"Statement\":\"SELECT * FROM \\\"Movies\\\" WHERE Artist = 'a'\"}]}"),
                "every statement of a batch is authorized");
        String writes = policy("{\"Effect\":\"Allow\",\"Action\":[\"dynamodb:PartiQLInsert\",\"dynamodb:PartiQLUpdate\"],\"Resource\":\"*\"}");
        assertEquals(ALLOW, decide(writes, "alice", "ExecuteTransaction",
                "{\"TransactStatements\":[{\"Statement\":\"INSERT INTO \\\"Music\\\" VALUE {'Artist':'a'}\"},"
                        + "{\"Statement\":\"UPDATE \\\"Music\\\" SET n = 1 WHERE Artist = 'b'\"}]}"));
        String ownPartition = policy("""
                {"Effect":"Allow","Action":"dynamodb:PartiQLSelect","Resource":"*",
                 "Condition":{"ForAllValues:StringEquals":{"dynamodb:LeadingKeys":["${aws:username}"]}}}""");
        assertEquals(IMPLICIT_DENY, decide(ownPartition, "alice", "ExecuteStatement",
                "{\"Statement\":\"SELECT * FROM \\\"Music\\\" WHERE Artist = 'bob'\"}"),
                "a policy limiting leading keys refuses PartiQL, whose keys are not worked out");
    }

    @Test
    void notActionAllowsEverythingElse() {
        String policy = policy("{\"Effect\":\"Allow\",\"NotAction\":[\"dynamodb:Delete*\",\"dynamodb:Update*\"],\"Resource\":\"*\"}");
        assertEquals(ALLOW, decide(policy, "alice", "PutItem", "{\"TableName\":\"Music\",\"Item\":{\"Artist\":{\"S\":\"a\"}}}"));
        assertEquals(IMPLICIT_DENY, decide(policy, "alice", "DeleteItem", get("a", null)));
        assertEquals(IMPLICIT_DENY, decide(policy, "alice", "UpdateTable", "{\"TableName\":\"Music\"}"));
    }

    @Test
    void leadingKeysWithTheUsernameKeepAUserInHerPartition() {
        assertEquals(ALLOW, decide(OWN_PARTITION, "alice", "GetItem", get("alice", "Album")));
        assertEquals(IMPLICIT_DENY, decide(OWN_PARTITION, "alice", "GetItem", get("bob", "Album")));
        assertEquals(ALLOW, decide(OWN_PARTITION, "bob", "GetItem", get("bob", "Album")), "the variable is per user");
        String query = "{\"TableName\":\"Music\",\"KeyConditionExpression\":\"Artist = :a AND SongTitle > :s\","
                + "\"ProjectionExpression\":\"SongTitle\",\"ExpressionAttributeValues\":{\":a\":{\"S\":\"%s\"},\":s\":{\"S\":\"\"}}}";
        assertEquals(ALLOW, decide(OWN_PARTITION, "alice", "Query", query.formatted("alice")));
        assertEquals(IMPLICIT_DENY, decide(OWN_PARTITION, "alice", "Query", query.formatted("bob")));
        String batch = "{\"RequestItems\":{\"Music\":{\"Keys\":[{\"Artist\":{\"S\":\"alice\"}},{\"Artist\":{\"S\":\"%s\"}}],"
                + "\"ProjectionExpression\":\"Album\"}}}";
        assertEquals(ALLOW, decide(OWN_PARTITION, "alice", "BatchGetItem", batch.formatted("alice")));
        assertEquals(IMPLICIT_DENY, decide(OWN_PARTITION, "alice", "BatchGetItem", batch.formatted("bob")),
                "every partition key of a batch counts");
    }

    @Test
    void forAllValuesOnAttributesAndSelectIfExists() {
        assertEquals(IMPLICIT_DENY, decide(OWN_PARTITION, "alice", "GetItem", get("alice", "Album, Price")),
                "Price is not among the allowed attributes");
        assertEquals(IMPLICIT_DENY, decide(OWN_PARTITION, "alice", "GetItem", get("alice", null)),
                "no projection: ALL_ATTRIBUTES, not SPECIFIC_ATTRIBUTES");
        String aliased = "{\"TableName\":\"Music\",\"Key\":{\"Artist\":{\"S\":\"alice\"}},"
                + "\"ProjectionExpression\":\"#p\",\"ExpressionAttributeNames\":{\"#p\":\"Price\"}}";
        assertEquals(IMPLICIT_DENY, decide(OWN_PARTITION, "alice", "GetItem", aliased), "names are resolved");
        String ifExists = policy("{\"Effect\":\"Allow\",\"Action\":\"dynamodb:*\",\"Resource\":\"*\","
                + "\"Condition\":{\"StringEqualsIfExists\":{\"dynamodb:ReturnValues\":[\"NONE\",\"UPDATED_NEW\"]}}}");
        assertEquals(ALLOW, decide(ifExists, "alice", "DeleteItem", get("a", null)), "absent key: IfExists holds");
        String withReturn = "{\"TableName\":\"Music\",\"Key\":{\"Artist\":{\"S\":\"a\"}},\"ReturnValues\":\"%s\"}";
        assertEquals(ALLOW, decide(ifExists, "alice", "DeleteItem", withReturn.formatted("NONE")));
        assertEquals(IMPLICIT_DENY, decide(ifExists, "alice", "DeleteItem", withReturn.formatted("ALL_OLD")));
    }

    @Test
    void otherOperators() {
        String ip = policy("{\"Effect\":\"Allow\",\"Action\":\"dynamodb:*\",\"Resource\":\"*\","
                + "\"Condition\":{\"IpAddress\":{\"aws:SourceIp\":\"127.0.0.0/8\"},\"Bool\":{\"aws:SecureTransport\":\"false\"},"
                + "\"Null\":{\"dynamodb:LeadingKeys\":\"true\"},\"StringLike\":{\"aws:PrincipalArn\":\"arn:aws:iam::*:user/al*\"}}}");
        assertEquals(ALLOW, decide(ip, "alice", "Scan", "{\"TableName\":\"Music\"}"));
        assertEquals(IMPLICIT_DENY, decide(ip, "bob", "Scan", "{\"TableName\":\"Music\"}"));
        assertEquals(IMPLICIT_DENY, decide(ip, "alice", "GetItem", get("a", null)), "Null: the key is present");
        String any = policy("{\"Effect\":\"Deny\",\"Action\":\"dynamodb:*\",\"Resource\":\"*\","
                + "\"Condition\":{\"ForAnyValue:StringEquals\":{\"dynamodb:Attributes\":[\"Secret\"]}}},"
                + "{\"Effect\":\"Allow\",\"Action\":\"dynamodb:*\",\"Resource\":\"*\"}");
        assertEquals(ALLOW, decide(any, "alice", "GetItem", get("a", "Album")));
        assertEquals(EXPLICIT_DENY, decide(any, "alice", "GetItem", get("a", "Album, Secret")));
        assertEquals(false, Conditions.inCidr("10.0.0.0/8", "127.0.0.1"));
        assertEquals(true, Conditions.inCidr("::1/128", "::1"));
    }

    @Test
    void malformedPoliciesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> PolicyDocument.parse("{\"Statement\":[]}"));
        assertThrows(IllegalArgumentException.class, () -> PolicyDocument.parse(policy(
                "{\"Effect\":\"Permit\",\"Action\":\"*\",\"Resource\":\"*\"}")));
        assertThrows(IllegalArgumentException.class, () -> PolicyDocument.parse(policy(
                "{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\",\"Condition\":{\"StringSorta\":{\"a\":\"b\"}}}")));
        assertThrows(IllegalArgumentException.class, () -> PolicyDocument.parse(policy(
                "{\"Effect\":\"Allow\",\"Action\":\"*\",\"NotAction\":\"x\",\"Resource\":\"*\"}")));
    }
}
