package io.dynamis.gateway.rest;

import io.dynamis.core.error.ApiError;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * gzip on the wire, both ways: a request body sent with {@code Content-Encoding: gzip} is inflated
 * (within the same size limit as a plain one, so a small bomb cannot inflate without bound), and an
 * answer is deflated when the client accepts gzip and the body is worth it. The {@code x-amz-crc32}
 * header is the checksum of the bytes actually sent.
 */
final class ContentEncoding {

    /** Bodies smaller than this are sent as they are: compressing them saves nothing. */
    static final int MIN_COMPRESSED_BYTES = 1024;

    private ContentEncoding() {
    }

    /** The request body, inflated when it came gzip-encoded; at most {@code maxBytes} once inflated. */
    static Buffer requestBody(HttpServerRequest request, Buffer body, long maxBytes) {
        String encoding = request.getHeader("Content-Encoding");
        if (encoding == null || encoding.isBlank() || encoding.trim().equalsIgnoreCase("identity")) {
            return body;
        }
        if (!encoding.trim().equalsIgnoreCase("gzip")) {
            throw ApiError.serialization("Unsupported Content-Encoding: " + encoding);
        }
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(body.getBytes()))) {
            ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(256, body.length() * 4));
            byte[] chunk = new byte[16 * 1024];
            int n;
            while ((n = in.read(chunk)) > 0) {
                if (out.size() + n > maxBytes) {
                    throw ApiError.requestEntityTooLarge("Request Entity Too Large");
                }
                out.write(chunk, 0, n);
            }
            return Buffer.buffer(out.toByteArray());
        } catch (IOException e) {
            throw ApiError.serialization("The request body is not valid gzip");
        }
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
