package io.dynamis.gateway.auth;

import static io.dynamis.gateway.auth.PolicyEvaluator.Decision.ALLOW;
import static io.dynamis.gateway.auth.PolicyEvaluator.Decision.EXPLICIT_DENY;
import static io.dynamis.gateway.auth.PolicyEvaluator.Decision.EXPLICIT_DENY_BY_RESOURCE_POLICY;
import static io.dynamis.gateway.auth.PolicyEvaluator.Decision.IMPLICIT_DENY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.dynamis.core.policy.PolicyDocument;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Identity-based and resource-based policies evaluated together, as IAM does within one account. */
class ResourcePolicyEvaluationTest {

    private static final ResourceArns ARNS = new ResourceArns("us-east-1", "000000000000");
    private static final String MUSIC = ARNS.table("Music");

    private static AuthorizationContext getItem(String user, String resource) {
        return new AuthorizationContext("dynamodb:GetItem", resource, Map.of("aws:username", List.of(user),
                "aws:PrincipalArn", List.of(ARNS.user(user))));
    }

    private static PolicyDocument resource(String effect, String principal) {
        return PolicyDocument.parseResourcePolicy("{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"" + effect
                + "\",\"Principal\":" + principal + ",\"Action\":\"dynamodb:GetItem\",\"Resource\":\"" + MUSIC + "\"}}");
    }

    private static final PolicyDocument ALLOW_ALL = PolicyDocument.parse(
            "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"dynamodb:*\",\"Resource\":\"*\"}}");

    @Test
    void aResourcePolicyAllowsAPrincipalItNamesThatHasNoIdentityPolicy() {
        PolicyDocument bob = resource("Allow", "{\"AWS\":\"" + ARNS.user("bob") + "\"}");
        assertEquals(ALLOW, PolicyEvaluator.evaluate(List.of(), List.of(bob), getItem("bob", MUSIC)));
        assertEquals(IMPLICIT_DENY, PolicyEvaluator.evaluate(List.of(), List.of(bob), getItem("carol", MUSIC)));
        assertEquals(ALLOW, PolicyEvaluator.evaluate(List.of(), List.of(resource("Allow", "\"*\"")), getItem("carol", MUSIC)));
        assertEquals(ALLOW, PolicyEvaluator.evaluate(List.of(), List.of(resource("Allow", "{\"AWS\":[\"x\",\"*\"]}")),
                getItem("carol", MUSIC)));
    }

    @Test
    void anExplicitDenyInEitherPolicyWins() {
        PolicyDocument denyBob = resource("Deny", "{\"AWS\":[\"" + ARNS.user("bob") + "\"]}");
        assertEquals(EXPLICIT_DENY_BY_RESOURCE_POLICY,
                PolicyEvaluator.evaluate(List.of(ALLOW_ALL), List.of(denyBob), getItem("bob", MUSIC)));
        assertEquals(ALLOW, PolicyEvaluator.evaluate(List.of(ALLOW_ALL), List.of(denyBob), getItem("carol", MUSIC)));
        PolicyDocument denyIdentity = PolicyDocument.parse("{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Deny\","
                + "\"Action\":\"dynamodb:GetItem\",\"Resource\":\"*\"}}");
        assertEquals(EXPLICIT_DENY, PolicyEvaluator.evaluate(List.of(denyIdentity),
                List.of(resource("Allow", "\"*\"")), getItem("bob", MUSIC)));
    }

    @Test
    void aStoredPolicyThatCannotBeReadFailsClosed() {
        // corrupt JSON in the catalog, or a document the evaluator refuses: its Deny statements must not be lost
        for (String stored : List.of("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Deny\"",
                "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Deny\",\"Action\":\"dynamodb:*\"}}")) {
            PolicyDocument unreadable = ResourcePolicyCache.readStored(MUSIC, stored);
            assertEquals(EXPLICIT_DENY_BY_RESOURCE_POLICY,
                    PolicyEvaluator.evaluate(List.of(ALLOW_ALL), List.of(unreadable), getItem("bob", MUSIC)));
            AuthorizationContext putOnIndex = new AuthorizationContext("dynamodb:PutResourcePolicy",
                    ARNS.index("Music", "ByYear"), Map.of("aws:PrincipalArn", List.of(ARNS.user("carol"))));
            assertEquals(EXPLICIT_DENY_BY_RESOURCE_POLICY,
                    PolicyEvaluator.evaluate(List.of(ALLOW_ALL), List.of(unreadable), putOnIndex));
        }
        // a readable one is evaluated as written
        assertEquals(ALLOW, PolicyEvaluator.evaluate(List.of(ALLOW_ALL), List.of(ResourcePolicyCache.readStored(MUSIC,
                "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Deny\",\"Principal\":\"*\","
                        + "\"Action\":\"dynamodb:Scan\",\"Resource\":\"*\"}}")), getItem("bob", MUSIC)));
    }

    @Test
    void anIndexIsGovernedByItsTablesPolicyAndAStreamByItsOwn() {
        assertEquals(MUSIC, ResourcePolicyCache.attachedTo(ARNS.index("Music", "ByYear")));
        assertEquals(MUSIC, ResourcePolicyCache.attachedTo(MUSIC));
        String stream = MUSIC + "/stream/2026-01-01T00:00:00.000";
        assertEquals(stream, ResourcePolicyCache.attachedTo(stream));
        assertNull(ResourcePolicyCache.attachedTo(ARNS.allTables()));
        assertNull(ResourcePolicyCache.attachedTo(MUSIC + "/backup/01234567890123-abcdefgh"));
    }

    @Test
    void aResourcePolicyNeedsAPrincipalAndAnIdentityPolicyMayNotHaveOne() {
        assertThrows(IllegalArgumentException.class, () -> PolicyDocument.parseResourcePolicy(
                "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"dynamodb:*\",\"Resource\":\"*\"}}"));
        assertThrows(IllegalArgumentException.class, () -> PolicyDocument.parse(
                "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"dynamodb:*\"}}"));
        assertThrows(IllegalArgumentException.class, () -> PolicyDocument.parseResourcePolicy(
                "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\",\"Principal\":{\"Federated\":\"x\"},"
                        + "\"Action\":\"dynamodb:*\"}}"));
    }

    @Test
    void aServicePrincipalIsAcceptedAndNamesNoCaller() {
        PolicyDocument glue = resource("Allow", "{\"Service\":\"glue.amazonaws.com\"}");
        assertEquals(IMPLICIT_DENY, PolicyEvaluator.evaluate(List.of(), List.of(glue), getItem("glue", MUSIC)));
        PolicyDocument both = resource("Allow", "{\"Service\":[\"glue.amazonaws.com\"],\"AWS\":\"" + ARNS.user("bob") + "\"}");
        assertEquals(ALLOW, PolicyEvaluator.evaluate(List.of(), List.of(both), getItem("bob", MUSIC)));
    }

    @Test
    void aNotPrincipalDenyAppliesToEveryoneButThoseItNames() {
        PolicyDocument onlyBob = PolicyDocument.parseResourcePolicy("{\"Version\":\"2012-10-17\",\"Statement\":{"
                + "\"Effect\":\"Deny\",\"NotPrincipal\":{\"AWS\":[\"" + ARNS.user("bob") + "\"]},"
                + "\"Action\":\"dynamodb:GetItem\",\"Resource\":\"" + MUSIC + "\"}}");
        assertEquals(EXPLICIT_DENY_BY_RESOURCE_POLICY,
                PolicyEvaluator.evaluate(List.of(ALLOW_ALL), List.of(onlyBob), getItem("carol", MUSIC)));
        assertEquals(ALLOW, PolicyEvaluator.evaluate(List.of(ALLOW_ALL), List.of(onlyBob), getItem("bob", MUSIC)));
        // it denies, it never allows: bob still needs an allow
        assertEquals(IMPLICIT_DENY, PolicyEvaluator.evaluate(List.of(), List.of(onlyBob), getItem("bob", MUSIC)));
    }

    @Test
    void notPrincipalOnlyInADenyOfAResourcePolicyAndNeverBesideAPrincipal() {
        String statement = "\"NotPrincipal\":{\"AWS\":\"" + ARNS.user("bob") + "\"},\"Action\":\"dynamodb:*\"";
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PolicyDocument.parseResourcePolicy(
                "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\"," + statement + "}}"));
        assertEquals("NotPrincipal must be used with \"Effect\":\"Deny\"", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> PolicyDocument.parseResourcePolicy(
                "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Deny\",\"Principal\":\"*\"," + statement + "}}"));
        assertThrows(IllegalArgumentException.class, () -> PolicyDocument.parse(
                "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Deny\"," + statement + "}}"));
    }
}
