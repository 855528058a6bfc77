package io.dynamis.gateway.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dynamis.core.error.ApiError;
import io.dynamis.core.json.Json;
import io.dynamis.core.policy.PolicyDocument;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** PutResourcePolicy refuses a policy that locks its caller out, unless ConfirmRemoveSelfResourceAccess is true. */
class SelfLockoutTest {

    private static final ResourceArns ARNS = new ResourceArns("us-east-1", "000000000000");
    private static final String MUSIC = ARNS.table("Music");
    private static final AuthorizationContext ALICE_PUTS = new AuthorizationContext("dynamodb:PutResourcePolicy", MUSIC,
            Map.of("aws:username", List.of("alice"), "aws:PrincipalArn", List.of(ARNS.user("alice"))));
    private static final List<PolicyDocument> ALICE_MAY_PUT = List.of(PolicyDocument.parse("{\"Version\":\"2012-10-17\","
            + "\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"dynamodb:*ResourcePolicy\",\"Resource\":\"*\"}}"));

    private static ObjectNode put(String effect, String action, Boolean confirm) {
        ObjectNode request = Json.object().put("ResourceArn", MUSIC).put("Policy", "{\"Version\":\"2012-10-17\","
                + "\"Statement\":{\"Effect\":\"" + effect + "\",\"Principal\":{\"AWS\":\"" + ARNS.user("alice") + "\"},"
                + "\"Action\":\"" + action + "\",\"Resource\":\"" + MUSIC + "\"}}");
        if (confirm != null) {
            request.put("ConfirmRemoveSelfResourceAccess", confirm);
        }
        return request;
    }

    @Test
    void aPolicyThatDeniesTheCallerPutResourcePolicyNeedsTheConfirmation() {
        ApiError e = assertThrows(ApiError.class,
                () -> SelfLockout.check(ALICE_PUTS, ALICE_MAY_PUT, put("Deny", "dynamodb:PutResourcePolicy", null)));
        assertEquals("ValidationException", e.code().errorName());
        assertEquals("The resource-based policy would remove your permission to change the policy of " + MUSIC
                + " (dynamodb:PutResourcePolicy); set ConfirmRemoveSelfResourceAccess to true to confirm", e.getMessage());
        assertThrows(ApiError.class,
                () -> SelfLockout.check(ALICE_PUTS, ALICE_MAY_PUT, put("Deny", "dynamodb:*", false)));
        SelfLockout.check(ALICE_PUTS, ALICE_MAY_PUT, put("Deny", "dynamodb:PutResourcePolicy", true));
    }

    @Test
    void aCallerWhoseOnlyAllowIsTheOldPolicyMustConfirmANewOneWithoutIt() {
        // alice may put only through the resource policy; the new one allows her GetItem only
        assertThrows(ApiError.class, () -> SelfLockout.check(ALICE_PUTS, List.of(), put("Allow", "dynamodb:GetItem", null)));
        SelfLockout.check(ALICE_PUTS, List.of(), put("Allow", "dynamodb:PutResourcePolicy", null));
        SelfLockout.check(ALICE_PUTS, List.of(), put("Allow", "dynamodb:GetItem", true));
    }

    @Test
    void aPolicyThatLeavesTheCallerItsPermissionAndOtherActionsAreNotChecked() {
        SelfLockout.check(ALICE_PUTS, ALICE_MAY_PUT, put("Deny", "dynamodb:GetItem", null));
        AuthorizationContext getItem = new AuthorizationContext("dynamodb:GetItem", MUSIC, ALICE_PUTS.keys());
        SelfLockout.check(getItem, List.of(), put("Deny", "dynamodb:*", null));
    }
}
