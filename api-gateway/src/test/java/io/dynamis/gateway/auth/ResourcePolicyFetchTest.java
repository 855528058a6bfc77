package io.dynamis.gateway.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dynamis.core.error.ApiError;
import io.dynamis.core.error.ErrorCode;
import io.dynamis.core.json.Json;
import io.dynamis.core.policy.PolicyDocument;
import io.dynamis.core.protocol.ServiceAnswer;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A table's resource-based policy as item-service's answer gives it: none only when item-service says there
 * is none; any other failure fails authorization closed (InternalServerError), never "no policy".
 */
class ResourcePolicyFetchTest {

    private static final String ARN = "arn:aws:dynamodb:us-east-1:000000000000:table/Music";
    private static final String POLICY = "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Deny\",\"Principal\":"
            + "\"*\",\"Action\":\"dynamodb:*\",\"Resource\":\"" + ARN + "\"}}";

    private static ServiceAnswer answer(int status, String body) {
        return new ServiceAnswer(status, Buffer.buffer(body));
    }

    private static ServiceAnswer error(ErrorCode code) {
        return ServiceAnswer.of(new ApiError(code, "from item-service"));
    }

    private static void failsClosed(Future<?> future) {
        assertTrue(future.failed(), "failed");
        ApiError e = (ApiError) future.cause();
        assertEquals(ErrorCode.INTERNAL_SERVER_ERROR, e.code());
        assertEquals(500, e.status());
    }

    @Test
    void thePolicyItemServiceAnswers() {
        Future<Optional<PolicyDocument>> policy = ResourcePolicyCache.policyIn(ARN,
                answer(200, Json.object().put("Policy", POLICY).put("RevisionId", "1").toString()));
        assertEquals(PolicyDocument.parseResourcePolicy(POLICY), policy.result().orElseThrow());
    }

    @Test
    void noPolicyOnlyWhenItemServiceSaysThereIsNone() {
        assertEquals(Optional.empty(), ResourcePolicyCache.policyIn(ARN, error(ErrorCode.POLICY_NOT_FOUND)).result());
        assertEquals(Optional.empty(), ResourcePolicyCache.policyIn(ARN, error(ErrorCode.RESOURCE_NOT_FOUND)).result());
        // an ARN that names no valid table or stream (a table name too short, ...): nothing to hold a policy
        assertEquals(Optional.empty(), ResourcePolicyCache.policyIn(ARN, error(ErrorCode.VALIDATION)).result());
    }

    @Test
    void anyOtherAnswerFailsClosed() {
        failsClosed(ResourcePolicyCache.policyIn(ARN, error(ErrorCode.SERVICE_UNAVAILABLE)));
        failsClosed(ResourcePolicyCache.policyIn(ARN, error(ErrorCode.INTERNAL_SERVER_ERROR)));
        failsClosed(ResourcePolicyCache.policyIn(ARN, error(ErrorCode.THROTTLING)));
        failsClosed(ResourcePolicyCache.policyIn(ARN, answer(503, "connection refused")));
        failsClosed(ResourcePolicyCache.policyIn(ARN, answer(200, "")));
    }

    @Test
    void aPolicyThatCannotBeFetchedIsNotTakenForNone() {
        RefreshingCache<Optional<PolicyDocument>> cache = new RefreshingCache<>(
                arn -> Future.failedFuture(ResourcePolicyCache.unfetched(arn, new RuntimeException("down"))));
        failsClosed(cache.load(List.of(ARN)));
    }
}
