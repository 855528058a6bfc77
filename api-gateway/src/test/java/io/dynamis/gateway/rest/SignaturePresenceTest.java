package io.dynamis.gateway.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.http.HttpRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** DynamoDB's first check of a request: a SigV4 signature is present, whole, in the header or the query string. */
class SignaturePresenceTest {

    private static final String SIGNED = "AWS4-HMAC-SHA256 Credential=AKID/20261205/us-east-1/dynamodb/aws4_request,"
            + " SignedHeaders=host;x-amz-date;x-amz-target, Signature=0123abcd";
    private static final String QUERY = "?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKID%2F20261205%2Fus-east-1"
            + "%2Fdynamodb%2Faws4_request&X-Amz-Signature=0123abcd&X-Amz-SignedHeaders=host&X-Amz-Date=20261205T000000Z";

    private static LoopbackServer server;

    @BeforeAll
    static void start() throws Exception {
        server = new LoopbackServer((request, body) -> {
            SignaturePresence.check(request);
            return "signed";
        });
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    private static LoopbackServer.Answer post(String query, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder().POST(HttpRequest.BodyPublishers.ofString("{}"));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return server.send("/" + query, request);
    }

    @Test
    void aCompleteAuthorizationHeaderWithADatePasses() throws Exception {
        assertEquals(new LoopbackServer.Answer(200, "signed"),
                post("", "Authorization", SIGNED, "X-Amz-Date", "20261205T000000Z"));
    }

    @Test
    void aCompleteQueryStringSignaturePasses() throws Exception {
        assertEquals(new LoopbackServer.Answer(200, "signed"), post(QUERY));
    }

    @Test
    void noSignatureAtAllIsMissingAuthenticationToken() throws Exception {
        assertEquals(new LoopbackServer.Answer(400,
                "MissingAuthenticationTokenException: Request is missing Authentication Token"), post(""));
    }

    @Test
    void aHeaderWithoutItsPartsNamesEachOneMissing() throws Exception {
        String header = "AWS4-HMAC-SHA256 Credential=AKID/20261205/us-east-1/dynamodb/aws4_request";
        assertEquals(new LoopbackServer.Answer(400, "IncompleteSignatureException:"
                + " Authorization header requires 'Signature' parameter."
                + " Authorization header requires 'SignedHeaders' parameter."
                + " Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header."
                + " Authorization=" + header), post("", "Authorization", header));
    }

    @Test
    void aPartNameMustBeFollowedByAnEqualsSign() throws Exception {
        String header = "AWS4-HMAC-SHA256 Credential=AKID, SignedHeaders=host, SignatureX=abc";
        assertEquals(new LoopbackServer.Answer(400, "IncompleteSignatureException:"
                + " Authorization header requires 'Signature' parameter. Authorization=" + header),
                post("", "Authorization", header, "X-Amz-Date", "20261205T000000Z"));
    }

    @Test
    void aQueryStringSignatureWithoutItsParametersNamesEachOneMissing() throws Exception {
        assertEquals(new LoopbackServer.Answer(400, "IncompleteSignatureException:"
                + " AWS query-string parameters must include 'X-Amz-Credential'."
                + " AWS query-string parameters must include 'X-Amz-Signature'."
                + " AWS query-string parameters must include 'X-Amz-SignedHeaders'."
                + " AWS query-string parameters must include 'X-Amz-Date'. Re-examine the query-string parameters."),
                post("?X-Amz-Algorithm=AWS4-HMAC-SHA256"));
    }

    @Test
    void aSignatureInBothPlacesIsInvalid() throws Exception {
        assertEquals(new LoopbackServer.Answer(400, "InvalidSignatureException: Found both 'X-Amz-Algorithm' as a"
                + " query-string param and 'Authorization' as HTTP header."),
                post(QUERY, "Authorization", SIGNED, "X-Amz-Date", "20261205T000000Z"));
    }
}
