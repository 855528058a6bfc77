package io.dynamis.gateway.auth;

import io.dynamis.core.error.ApiError;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.DigestException;
import java.security.MessageDigest;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Verifies an AWS Signature Version 4 as DynamoDB does, in the {@code Authorization} header form or the
 * presigned query-string form ({@code X-Amz-Algorithm}, {@code X-Amz-Credential}, {@code X-Amz-Date},
 * {@code X-Amz-SignedHeaders}, {@code X-Amz-Signature}, {@code X-Amz-Expires}): the credential scope's
 * region and service, the 15-minute clock skew both ways (and a presigned URL's expiry), {@code host}
 * among the signed headers, the access key (and the session token of temporary credentials), then the
 * signature itself, over the canonical request with the hash of the body bytes as received. Each refusal
 * is DynamoDB's error with DynamoDB's message. Pure: no I/O, the clock and the keys are given.
 */
public final class SigV4Verifier {

    public static final String ALGORITHM = "AWS4-HMAC-SHA256";
    /** The signing name of DynamoDB and of DynamoDB Streams. */
    public static final String SERVICE = "dynamodb";
    static final Duration SKEW = Duration.ofMinutes(15);
    static final long MAX_EXPIRES_SECONDS = 604_800;
    static final String MISMATCH = "The request signature we calculated does not match the signature you provided."
            + " Check your AWS Secret Access Key and signing method. Consult the service documentation for details.";

    private static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    /**
     * How many distinct credentials and signed-header lists are kept worked out (see {@link BoundedMemo}),
     * and the longest text kept: they are read before the signature is checked, so what anyone may send
     * must not fill the memory (at most about 1,000 x 256 characters each).
     */
    static final int MAX_PIECES = 1_000;
    static final int MAX_PIECE_LENGTH = 256;

    private final String region;
    private final SigningKeyCache keys;
    /** A credential's five slash-separated parts; a client sends the same credential all day. */
    private final Function<String, String[]> scopes = memoizedPiece(SigV4Verifier::scopeOf);
    /** The names in a SignedHeaders list; a client signs the same headers on every request. */
    private final Function<String, SignedHeaders> headerLists = memoizedPiece(SigV4Verifier::headerNamesOf);

    public SigV4Verifier(String region, SigningKeyCache keys) {
        this.region = region;
        this.keys = keys;
    }

    /**
     * A function of a piece of the Authorization header, its answers kept in a bounded memo; a piece longer than
     * {@link #MAX_PIECE_LENGTH} is worked out each time, never kept.
     */
    private static <V> Function<String, V> memoizedPiece(Function<String, V> function) {
        BoundedMemo<String, V> memo = new BoundedMemo<>(MAX_PIECES, function);
        return piece -> piece.length() <= MAX_PIECE_LENGTH ? memo.get(piece) : function.apply(piece);
    }

    /**
     * A SignedHeaders list: its names, whether the host is among them, and as the canonical request writes
     * them, in UTF-8: each name with its ':', and the list joined by ';' between the blank line that ends the
     * headers and the '\n' before the body's hash.
     */
    record SignedHeaders(HeaderNames names, boolean signsHost, byte[][] nameColons, byte[] joinedLine) {

        static SignedHeaders of(List<String> names) {
            byte[][] nameColons = new byte[names.size()][];
            for (int i = 0; i < nameColons.length; i++) {
                nameColons[i] = (names.get(i) + ':').getBytes(StandardCharsets.UTF_8);
            }
            return new SignedHeaders(new HeaderNames(names), names.contains("host") || names.contains(":authority"), nameColons,
                    ('\n' + String.join(";", names) + '\n').getBytes(StandardCharsets.UTF_8));
        }
    }

    /** The parts of a signature, from the header or the query string. */
    record Signature(String algorithm, String credential, String signedHeaders, String signature, String amzDate,
            String expires, String securityToken, boolean presigned) {
    }

    /**
     * Verifies the request; answers the access key that signed it, or throws DynamoDB's error.
     *
     * @param lookup the access key of an id, or null when there is none
     */
    public AccessKey verify(SigV4Request request, Instant now, Function<String, AccessKey> lookup) {
        VerificationScratch scratch = VerificationScratch.get();
        Signature sig = parse(request, scratch);
        String credential = sig.credential();
        String[] scope = scratch.lastScope.of(credential, scopes);
        if (scope.length != 5) {
            throw ApiError.incompleteSignature("Credential must have exactly 5 slash-delimited elements, e.g."
                    + " keyid/date/region/service/term, got '" + sig.credential() + "'");
        }
        if (!ALGORITHM.equals(sig.algorithm())) {
            throw ApiError.incompleteSignature("Unsupported AWS 'algorithm': '" + sig.algorithm() + "'");
        }
        if (!region.equals(scope[2])) {
            throw ApiError.invalidSignature("Credential should be scoped to a valid region, not '" + scope[2] + "'. ");
        }
        if (!SERVICE.equals(scope[3])) {
            throw ApiError.invalidSignature("Credential should be scoped to correct service: '" + SERVICE + "'. ");
        }
        if (!"aws4_request".equals(scope[4])) {
            throw ApiError.invalidSignature("Credential should be scoped with a valid terminator: 'aws4_request', not '"
                    + scope[4] + "'. ");
        }
        Instant signedAt = signedAt(sig, request, scratch);
        // the header as sent when it is well-formed (parsing it checked that), else its ISO form
        String amzDate = sig.amzDate() != null && sig.amzDate().length() == 16 ? sig.amzDate() : AMZ_DATE.format(signedAt);
        if (!amzDate.startsWith(scope[1])) {
            throw ApiError.invalidSignature("Date in Credential scope does not match YYYYMMDD from ISO-8601 version of"
                    + " date from HTTP: '" + scope[1] + "' != '" + amzDate.substring(0, 8) + "', from '" + amzDate + "'.");
        }
        checkTime(sig, signedAt, now);
        SignedHeaders signedHeaders = scratch.lastSignedHeaders.of(sig.signedHeaders(), headerLists);
        if (!signedHeaders.signsHost()) {
            throw ApiError.invalidSignature("'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.");
        }
        AccessKey key = lookup.apply(scope[0]);
        if (key == null) {
            throw ApiError.unrecognizedClient();
        }
        if (key.temporary()) {
            if (sig.securityToken() == null || !MessageDigest.isEqual(key.sessionToken().getBytes(StandardCharsets.UTF_8),
                    sig.securityToken().getBytes(StandardCharsets.UTF_8))) {
                throw ApiError.unrecognizedClient();
            }
            if (now.toEpochMilli() >= key.expiresAtMillis()) {
                throw ApiError.expiredToken();
            }
        } else if (sig.securityToken() != null) {
            throw ApiError.unrecognizedClient();
        }
        // the canonical request, then the string to sign with the scope as the credential gives it (its four
        // parts were checked above), written and hashed in the thread's buffer
        byte[] hash = scratch.hash;
        Utf8Buffer text = canonicalRequest(request, signedHeaders, sig.presigned(), scratch);
        text.sha256(scratch.sha256, hash);
        text.clear().append(ALGORITHM).append('\n').append(amzDate).append('\n')
                .append(credential, scope[0].length() + 1, credential.length()).append('\n').appendHex(hash, hash.length);
        byte[] signingKey = keys.signingKey(key.secretAccessKey(), scope[1], scope[2], scope[3], scratch);
        text.mac(SigningKeyCache.mac(signingKey, scratch), hash);
        if (!isHexOf(sig.signature(), hash)) {
            throw ApiError.invalidSignature(MISMATCH);
        }
        return key;
    }

    /** A credential's parts (key id, day, region, service, terminator); shared by requests: read, never written. */
    private static String[] scopeOf(String credential) {
        return credential.split("/", -1);
    }

    private static SignedHeaders headerNamesOf(String signedHeaders) {
        return SignedHeaders.of(List.of(signedHeaders.split(";")));
    }

    /** The signature's parts; a missing one is DynamoDB's IncompleteSignatureException. */
    static Signature parse(SigV4Request request) {
        return parse(request, VerificationScratch.get());
    }

    private static Signature parse(SigV4Request request, VerificationScratch scratch) {
        String header = request.headers().first("authorization");
        if (header != null) {
            AuthorizationHeader parts = AuthorizationHeader.of(header, scratch);
            String algorithm = parts.algorithm();
            String credential = parts.credential();
            String signedHeaders = parts.signedHeaders();
            String signature = parts.signature();
            String date = request.headers().first("x-amz-date");
            if (credential == null || signedHeaders == null || signature == null
                    || (date == null && request.header("date") == null)) {
                throw ApiError.incompleteSignature("Authorization header requires 'Credential', 'Signature' and"
                        + " 'SignedHeaders' parameters and a 'X-Amz-Date' or 'Date' header. Authorization=" + header);
            }
            return new Signature(algorithm, credential, signedHeaders, signature, date, null,
                    request.headers().first("x-amz-security-token"), false);
        }
        Map<String, String> query = queryParameters(request.rawQuery());
        if (query.containsKey("X-Amz-Algorithm")) {
            for (String name : new String[] {"X-Amz-Credential", "X-Amz-Signature", "X-Amz-SignedHeaders", "X-Amz-Date"}) {
                if (query.get(name) == null) {
                    throw ApiError.incompleteSignature("AWS query-string parameters must include '" + name
                            + "'. Re-examine the query-string parameters.");
                }
            }
            return new Signature(query.get("X-Amz-Algorithm"), query.get("X-Amz-Credential"),
                    query.get("X-Amz-SignedHeaders"), query.get("X-Amz-Signature"), query.get("X-Amz-Date"),
                    query.get("X-Amz-Expires"), query.get("X-Amz-Security-Token"), true);
        }
        throw ApiError.missingAuthenticationToken("Request is missing Authentication Token");
    }

    private static Instant signedAt(Signature sig, SigV4Request request, VerificationScratch scratch) {
        try {
            if (sig.amzDate() != null) {
                return scratch.lastDate.of(sig.amzDate(), SigV4Verifier::amzDateInstant);
            }
            return ZonedDateTime.parse(request.header("date"), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        } catch (DateTimeParseException e) {
            throw ApiError.incompleteSignature("Date must be in ISO-8601 'basic format'. Got '"
                    + (sig.amzDate() != null ? sig.amzDate() : request.header("date")) + "'. See"
                    + " http://en.wikipedia.org/wiki/ISO_8601");
        }
    }

    /** An X-Amz-Date's instant: the basic format read by hand (what clients send), anything else by the parser. */
    private static Instant amzDateInstant(String text) {
        Instant basic = basicFormat(text);
        return basic != null ? basic : AMZ_DATE.parse(text, Instant::from);
    }

    /**
     * A valid {@code yyyyMMdd'T'HHmmss'Z'} timestamp read by hand (the formatter costs microseconds on every
     * request), or null for anything else, which the formatter then reads as before.
     */
    static Instant basicFormat(String text) {
        if (text.length() != 16 || text.charAt(8) != 'T' || text.charAt(15) != 'Z') {
            return null;
        }
        int year = digits(text, 0, 4);
        int month = digits(text, 4, 6);
        int day = digits(text, 6, 8);
        int hour = digits(text, 9, 11);
        int minute = digits(text, 11, 13);
        int second = digits(text, 13, 15);
        if ((year | month | day | hour | minute | second) < 0) {
            return null;
        }
        try {
            return Instant.ofEpochSecond(LocalDateTime.of(year, month, day, hour, minute, second).toEpochSecond(ZoneOffset.UTC));
        } catch (DateTimeException e) {
            return null;
        }
    }

    /** The decimal number in text[from, to), or -1 when a character is not an ASCII digit. */
    private static int digits(String text, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    /** The clock-skew rule both ways; for a presigned request, its expiry too. */
    static void checkTime(Signature sig, Instant signedAt, Instant now) {
        if (!sig.presigned() && withinSkew(signedAt, now)) {
            return; // the usual case, decided without an Instant made
        }
        if (signedAt.isBefore(now.minus(SKEW)) && !sig.presigned()) {
            throw ApiError.invalidSignature("Signature expired: " + AMZ_DATE.format(signedAt) + " is now earlier than "
                    + AMZ_DATE.format(now.minus(SKEW)) + " (" + AMZ_DATE.format(now) + " - 15 min.)");
        }
        if (signedAt.isAfter(now.plus(SKEW))) {
            throw ApiError.invalidSignature("Signature not yet current: " + AMZ_DATE.format(signedAt)
                    + " is still later than " + AMZ_DATE.format(now.plus(SKEW)) + " (" + AMZ_DATE.format(now) + " + 15 min.)");
        }
        if (sig.presigned()) {
            long expires;
            try {
                expires = sig.expires() == null ? SKEW.toSeconds() : Long.parseLong(sig.expires());
            } catch (NumberFormatException e) {
                throw ApiError.incompleteSignature("X-Amz-Expires should be a number");
            }
            if (expires < 0 || expires > MAX_EXPIRES_SECONDS) {
                throw ApiError.incompleteSignature("X-Amz-Expires must be non-negative and less than a week (in"
                        + " seconds); that is, the given X-Amz-Expires must be less than 604800 seconds");
            }
            Instant until = signedAt.plusSeconds(expires);
            if (now.isAfter(until)) {
                throw ApiError.invalidSignature("Signature expired: " + AMZ_DATE.format(signedAt) + " is now earlier than "
                        + AMZ_DATE.format(now.minusSeconds(expires)) + " (" + AMZ_DATE.format(now) + " - "
                        + expiresText(expires) + ")");
            }
        }
    }

    /**
     * Whether {@code signedAt} is neither before {@code now - SKEW} nor after {@code now + SKEW}: the two checks
     * of {@link #checkTime} on seconds and nanoseconds, as {@link Instant#isBefore} and {@link Instant#isAfter}
     * compare them.
     */
    static boolean withinSkew(Instant signedAt, Instant now) {
        long seconds = signedAt.getEpochSecond();
        int nanos = signedAt.getNano();
        long earliest = now.getEpochSecond() - SKEW.getSeconds();
        long latest = now.getEpochSecond() + SKEW.getSeconds();
        boolean tooEarly = seconds < earliest || (seconds == earliest && nanos < now.getNano());
        boolean tooLate = seconds > latest || (seconds == latest && nanos > now.getNano());
        return !tooEarly && !tooLate;
    }

    private static String expiresText(long seconds) {
        return seconds % 60 == 0 ? seconds / 60 + " min." : seconds + " sec.";
    }

    /**
     * SigV4's canonical request (method, URI, query, signed headers with their values, their names, body
     * hash), written in the thread's buffer.
     */
    static Utf8Buffer canonicalRequest(SigV4Request request, SignedHeaders signedHeaders, boolean presigned,
            VerificationScratch scratch) {
        byte[] bodyHash = scratch.hash;
        MessageDigest digest = scratch.sha256;
        ByteBuffer body = request.body();
        if (body.hasArray()) {
            digest.update(body.array(), body.arrayOffset() + body.position(), body.remaining()); // no view made
        } else {
            digest.update(body.duplicate()); // read without moving the request's own position
        }
        try {
            digest.digest(bodyHash, 0, bodyHash.length);
        } catch (DigestException e) {
            throw new IllegalStateException(e);
        }
        Utf8Buffer out = scratch.text.clear();
        out.append(request.method()).append('\n');
        out.append(canonicalUri(request.rawPath())).append('\n');
        out.append(canonicalQuery(request.rawQuery(), presigned)).append('\n');
        HeaderNames names = signedHeaders.names();
        String[] single = scratch.singleValues(names.size());
        request.headers().singleValues(names, single);
        for (int i = 0; i < names.size(); i++) {
            out.append(signedHeaders.nameColons()[i]);
            if (single[i] != null) {
                out.appendTrimmed(single[i]);
            } else {
                appendValues(out, request, names.names().get(i));
            }
            out.append('\n');
        }
        out.append(signedHeaders.joinedLine());
        return out.appendHex(bodyHash, bodyHash.length);
    }

    /** A signed header with no value or several: its values, trimmed, joined by ','. */
    private static void appendValues(Utf8Buffer out, SigV4Request request, String name) {
        List<String> values = request.headers().of(name.equals(":authority") ? "host" : name);
        if (values != null) {
            for (int i = 0; i < values.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                out.appendTrimmed(values.get(i));
            }
        }
    }

    /**
     * Whether a signature as sent (hexadecimal, either case) is these bytes; in time independent of where
     * they differ. Anything else (another length, a character that is no hexadecimal digit) is not.
     */
    static boolean isHexOf(String hex, byte[] bytes) {
        if (hex.length() != 2 * bytes.length) {
            return false;
        }
        int difference = 0;
        int invalid = 0;
        for (int i = 0; i < bytes.length; i++) {
            int high = hexValue(hex.charAt(2 * i));
            int low = hexValue(hex.charAt(2 * i + 1));
            invalid |= high | low; // negative when either is no hexadecimal digit
            difference |= bytes[i] ^ (byte) (high << 4 | low);
        }
        return invalid >= 0 && difference == 0;
    }

    /** The value of each ASCII character as a hexadecimal digit (either case), -1 when it is none. */
    private static final byte[] HEX_VALUES = new byte[128];

    static {
        Arrays.fill(HEX_VALUES, (byte) -1);
        for (int c = 0; c < HEX_VALUES.length; c++) {
            if (HexFormat.isHexDigit(c)) {
                HEX_VALUES[c] = (byte) HexFormat.fromHexDigit(c);
            }
        }
    }

    /** A character's value as a hexadecimal digit, or -1. */
    private static int hexValue(char c) {
        return c < HEX_VALUES.length ? HEX_VALUES[c] : -1;
    }

    /** The path as the SDKs canonicalize it for every service but S3: each segment URI-encoded once more. */
    private static String canonicalUri(String rawPath) {
        if (rawPath == null || rawPath.isEmpty()) {
            return "/";
        }
        return uriEncode(rawPath, false);
    }

    private static String canonicalQuery(String rawQuery, boolean presigned) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return "";
        }
        List<String[]> pairs = new ArrayList<>();
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            if (presigned && name.equals("X-Amz-Signature")) {
                continue;
            }
            pairs.add(new String[] {uriEncode(name, true), uriEncode(value, true)});
        }
        pairs.sort((a, b) -> a[0].equals(b[0]) ? a[1].compareTo(b[1]) : a[0].compareTo(b[0]));
        StringBuilder out = new StringBuilder();
        for (String[] pair : pairs) {
            if (out.length() > 0) {
                out.append('&');
            }
            out.append(pair[0]).append('=').append(pair[1]);
        }
        return out.toString();
    }

    static Map<String, String> queryParameters(String rawQuery) {
        Map<String, String> parameters = new TreeMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return parameters;
        }
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            parameters.putIfAbsent(name, eq < 0 ? "" : decode(pair.substring(eq + 1)));
        }
        return parameters;
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return text;
        }
    }

    /** RFC 3986 percent-encoding of everything but the unreserved characters (and '/' unless told). */
    static String uriEncode(String text, boolean encodeSlash) {
        if (unreserved(text, encodeSlash)) {
            return text; // nothing to encode (the path "/" of every DynamoDB request)
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xFF);
            if (unreserved(c, encodeSlash)) {
                out.append(c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit((c >> 4) & 0xF, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xF, 16)));
            }
        }
        return out.toString();
    }

    private static boolean unreserved(String text, boolean encodeSlash) {
        for (int i = 0; i < text.length(); i++) {
            if (!unreserved(text.charAt(i), encodeSlash)) {
                return false;
            }
        }
        return true;
    }

    /** RFC 3986's unreserved characters, and '/' unless told to encode it. */
    private static boolean unreserved(char c, boolean encodeSlash) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_'
                || c == '.' || c == '~' || (c == '/' && !encodeSlash);
    }

    /** SigV4's timestamp format ({@code 20240102T030405Z}). */
    public static String amzDate(Instant at) {
        return AMZ_DATE.format(at);
    }

    static String lower(String name) {
        return name.toLowerCase(Locale.ROOT);
    }
}
