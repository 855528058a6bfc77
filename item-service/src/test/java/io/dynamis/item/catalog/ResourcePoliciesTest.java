package io.dynamis.item.catalog;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.dynamis.core.error.ApiError;
import io.dynamis.core.error.ErrorCode;
import org.junit.jupiter.api.Test;

/**
 * PutResourcePolicy's (and CreateTable's) check of a document: what the gateway could not evaluate is
 * refused when it is put, with the reason, rather than stored and then failing closed on every request.
 */
class ResourcePoliciesTest {

    private static final String ARN = "arn:aws:dynamodb:us-east-1:000000000000:table/t";

    private static String statement(String extra) {
        return "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"*\"},"
                + "\"Action\":\"dynamodb:GetItem\",\"Resource\":\"" + ARN + "\"" + extra + "}]}";
    }

    private static ApiError refused(String policy) {
        ApiError e = assertThrows(ApiError.class, () -> ResourcePolicies.checkDocument(policy));
        assertEquals(ErrorCode.VALIDATION, e.code());
        return e;
    }

    @Test
    void aPolicyTheGatewayCanEvaluateIsAccepted() {
        assertDoesNotThrow(() -> ResourcePolicies.checkDocument(statement(
                ",\"Condition\":{\"ForAnyValue:StringLikeIfExists\":{\"aws:username\":[\"a*\"]}}")));
    }

    @Test
    void whatTheGatewayCouldNotEvaluateIsRefusedWithTheReason() {
        assertEquals("Invalid policy document: unknown condition operator StringSortOf",
                refused(statement(",\"Condition\":{\"StringSortOf\":{\"aws:username\":\"a\"}}")).getMessage());
        assertEquals("Invalid policy document: the policy's Version must be \"2012-10-17\"",
                refused(statement("").replace("2012-10-17", "2008-10-17")).getMessage());
        assertEquals("Invalid policy document: a Principal names \"AWS\" or \"Service\" principals, not \"Federated\"",
                refused(statement("").replace("{\"AWS\":\"*\"}", "{\"Federated\":\"x\"}")).getMessage());
        assertEquals("Invalid policy document: Resource values must be strings, numbers or booleans",
                refused(statement("").replace("\"" + ARN + "\"", "{\"arn\":\"" + ARN + "\"}")).getMessage());
        assertEquals("Invalid policy document: NotPrincipal must be used with \"Effect\":\"Deny\"",
                refused(statement("").replace("Principal", "NotPrincipal")).getMessage());
        assertEquals("Invalid policy document: the policy is not JSON", refused("not json").getMessage());
    }

    @Test
    void aDocumentOver20KbIsALimitExceeded() {
        String padded = statement("").replace("[{", "[" + " ".repeat(20 * 1024) + "{");
        ApiError e = assertThrows(ApiError.class, () -> ResourcePolicies.checkDocument(padded));
        assertEquals(ErrorCode.LIMIT_EXCEEDED, e.code());
    }
}
