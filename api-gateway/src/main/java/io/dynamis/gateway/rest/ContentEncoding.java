package io.dynamis.gateway.rest;

import io.dynamis.core.error.ApiError;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.GZIPOutputStream;
import java.util.zip.Inflater;

/**
 * Compression on the wire, both ways: a request body sent with {@code Content-Encoding: gzip} (RFC 1952)
 * or {@code deflate} (the zlib format of RFC 1950, as HTTP defines it) is inflated (within the same size
 * limit as a plain one, so a small bomb cannot inflate without bound), and an answer is deflated when
 * the client accepts gzip and the body is worth it. The {@code x-amz-crc32} header is the checksum of
 * the bytes actually sent.
 *
 * <p>A compressed body must be exactly that: empty, truncated, not compressed, with a wrong checksum or
 * followed by anything but another gzip member, it is refused with a SerializationException before
 * anything reads it (DynamoDB answers some of these with a 500).
 */
final class ContentEncoding {

    /** Bodies smaller than this are sent as they are: compressing them saves nothing. */
    static final int MIN_COMPRESSED_BYTES = 1024;

    private static final int RESERVED_FLAGS = 0xE0; // must be zero
    private static final int FHCRC = 2;
    private static final int FEXTRA = 4;
    private static final int FNAME = 8;
    private static final int FCOMMENT = 16;

    private ContentEncoding() {
    }

    /** The request body, inflated when it came compressed; at most {@code maxBytes} once inflated. */
    static Buffer requestBody(HttpServerRequest request, Buffer body, long maxBytes) {
        String encoding = request.getHeader("Content-Encoding");
        if (isIdentity(encoding)) {
            return body; // the common case: no copy of the bytes
        }
        byte[] decoded = decode(encoding, body.getBytes(), maxBytes);
        return decoded == null ? body : Buffer.buffer(decoded);
    }

    private static boolean isIdentity(String encoding) {
        return encoding == null || encoding.isBlank() || encoding.trim().equalsIgnoreCase("identity");
    }

    /** The body decoded per its Content-Encoding, or null when it is not encoded. */
    static byte[] decode(String encoding, byte[] body, long maxBytes) {
        if (isIdentity(encoding)) {
            return null;
        }
        String coding = encoding.trim();
        if (coding.equalsIgnoreCase("gzip") || coding.equalsIgnoreCase("x-gzip")) {
            return gunzip(body, maxBytes);
        }
        if (coding.equalsIgnoreCase("deflate")) {
            return inflateZlib(body, maxBytes);
        }
        throw ApiError.serialization("Unsupported Content-Encoding: " + encoding);
    }

    private static byte[] inflateZlib(byte[] body, long maxBytes) {
        if (body.length == 0) {
            throw invalid("deflate");
        }
        Inflater inflater = new Inflater(false);
        try {
            inflater.setInput(body);
            ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(256, body.length * 4));
            inflate(inflater, out, maxBytes, "deflate");
            if (inflater.getRemaining() != 0) {
                throw invalid("deflate");
            }
            return out.toByteArray();
        } finally {
            inflater.end();
        }
    }

    /** One or more gzip members, each with its header and trailer checked, and nothing after the last. */
    private static byte[] gunzip(byte[] body, long maxBytes) {
        if (body.length == 0) {
            throw invalid("gzip");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(256, body.length * 4));
        int offset = 0;
        while (offset < body.length) {
            int data = gzipHeaderEnd(body, offset);
            Inflater inflater = new Inflater(true);
            try {
                inflater.setInput(body, data, body.length - data);
                int before = out.size();
                inflate(inflater, out, maxBytes, "gzip");
                int trailer = body.length - inflater.getRemaining();
                if (trailer + 8 > body.length) {
                    throw invalid("gzip");
                }
                CRC32 crc = new CRC32();
                byte[] sofar = out.toByteArray();
                crc.update(sofar, before, sofar.length - before);
                if (littleEndianInt(body, trailer) != (int) crc.getValue()
                        || littleEndianInt(body, trailer + 4) != (int) (sofar.length - before)) {
                    throw invalid("gzip");
                }
                offset = trailer + 8;
            } finally {
                inflater.end();
            }
        }
        return out.toByteArray();
    }

    /** Where the compressed data of the gzip member at {@code offset} starts. */
    private static int gzipHeaderEnd(byte[] body, int offset) {
        int i = offset;
        if (body.length - i < 10 || (body[i] & 0xFF) != 0x1F || (body[i + 1] & 0xFF) != 0x8B || body[i + 2] != 8
                || (body[i + 3] & RESERVED_FLAGS) != 0) {
            throw invalid("gzip");
        }
        int flags = body[i + 3];
        i += 10;
        if ((flags & FEXTRA) != 0) {
            if (i + 2 > body.length) {
                throw invalid("gzip");
            }
            i += 2 + ((body[i] & 0xFF) | (body[i + 1] & 0xFF) << 8);
        }
        for (int flag : new int[] {FNAME, FCOMMENT}) {
            if ((flags & flag) != 0) {
                while (i < body.length && body[i] != 0) {
                    i++;
                }
                i++;
            }
        }
        if ((flags & FHCRC) != 0) {
            i += 2;
        }
        if (i >= body.length) {
            throw invalid("gzip");
        }
        return i;
    }

    private static void inflate(Inflater inflater, ByteArrayOutputStream out, long maxBytes, String coding) {
        byte[] chunk = new byte[16 * 1024];
        try {
            while (!inflater.finished()) {
                int n = inflater.inflate(chunk);
                if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    throw invalid(coding); // truncated
                }
                if (out.size() + n > maxBytes) {
                    throw ApiError.requestEntityTooLarge("Request Entity Too Large");
                }
                out.write(chunk, 0, n);
            }
        } catch (DataFormatException e) {
            throw invalid(coding);
        }
    }

    private static int littleEndianInt(byte[] b, int i) {
        return (b[i] & 0xFF) | (b[i + 1] & 0xFF) << 8 | (b[i + 2] & 0xFF) << 16 | (b[i + 3] & 0xFF) << 24;
    }

    private static ApiError invalid(String coding) {
        return ApiError.serialization("The request body is not valid " + coding);
    }

    /** True when the client accepts a gzip-encoded answer. */
    static boolean acceptsGzip(HttpServerRequest request) {
        String accepted = request.getHeader("Accept-Encoding");
        if (accepted == null) {
            return false;
        }
        for (String coding : accepted.split(",")) {
            String[] parts = coding.trim().split(";");
            if (parts[0].trim().equalsIgnoreCase("gzip")
                    && !(parts.length > 1 && parts[1].replace(" ", "").equals("q=0"))) {
                return true;
            }
        }
        return false;
    }

    static Buffer gzip(Buffer body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(body.length() / 2 + 64);
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(body.getBytes());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return Buffer.buffer(out.toByteArray());
    }
}
