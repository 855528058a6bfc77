package io.dynamis.gateway.rest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.dynamis.core.error.ApiError;
import io.dynamis.core.error.ErrorCode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

/** Compressed request bodies: gzip and deflate inflated exactly, anything malformed refused. */
class ContentEncodingTest {

    private static final byte[] BODY = "{\"TableName\":\"orders\"}".getBytes(StandardCharsets.UTF_8);
    private static final long LIMIT = 16 * 1024 * 1024;

    private static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(data);
        }
        return out.toByteArray();
    }

    private static byte[] zlib(byte[] data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (DeflaterOutputStream deflate = new DeflaterOutputStream(out, new Deflater())) {
            deflate.write(data);
        }
        return out.toByteArray();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] all = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    private static void refused(String encoding, byte[] body) {
        ApiError e = assertThrows(ApiError.class, () -> ContentEncoding.decode(encoding, body, LIMIT));
        assertEquals(ErrorCode.SERIALIZATION, e.code());
        assertEquals(400, e.status());
    }

    @Test
    void plainBodiesAreLeftAlone() {
        assertNull(ContentEncoding.decode(null, BODY, LIMIT));
        assertNull(ContentEncoding.decode("identity", BODY, LIMIT));
    }

    @Test
    void gzipBodiesAreInflated() throws IOException {
        assertArrayEquals(BODY, ContentEncoding.decode("gzip", gzip(BODY), LIMIT));
        assertArrayEquals(concat(BODY, BODY), ContentEncoding.decode("gzip", concat(gzip(BODY), gzip(BODY)), LIMIT));
    }

    @Test
    void deflateBodiesInTheZlibFormatAreInflated() throws IOException {
        assertArrayEquals(BODY, ContentEncoding.decode("deflate", zlib(BODY), LIMIT));
        assertArrayEquals(BODY, ContentEncoding.decode("Deflate", zlib(BODY), LIMIT));
    }

    @Test
    void anEmptyCompressedBodyIsRefused() {
        refused("gzip", new byte[0]);
        refused("deflate", new byte[0]);
    }

    @Test
    void aTruncatedCompressedBodyIsRefused() throws IOException {
        byte[] gzip = gzip(BODY);
        refused("gzip", Arrays.copyOf(gzip, gzip.length - 4)); // the trailer cut
        refused("gzip", Arrays.copyOf(gzip, 15));
        byte[] zlib = zlib(BODY);
        refused("deflate", Arrays.copyOf(zlib, zlib.length - 2));
    }

    @Test
    void aBodyThatIsNotCompressedIsRefused() {
        refused("gzip", BODY);
        refused("deflate", BODY);
    }

    @Test
    void trailingJunkAfterTheCompressedDataIsRefused() throws IOException {
        refused("gzip", concat(gzip(BODY), "junk".getBytes(StandardCharsets.UTF_8)));
        refused("gzip", concat(gzip(BODY), new byte[] {0x1f}));
        refused("deflate", concat(zlib(BODY), "junk".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void aWrongChecksumIsRefused() throws IOException {
        byte[] gzip = gzip(BODY);
        gzip[gzip.length - 8] ^= 1;
        refused("gzip", gzip);
        byte[] zlib = zlib(BODY);
        zlib[zlib.length - 1] ^= 1;
        refused("deflate", zlib);
    }

    @Test
    void otherEncodingsAreRefused() {
        refused("br", BODY);
    }

    @Test
    void inflatingPastTheLimitIsRequestEntityTooLarge() throws IOException {
        byte[] bomb = gzip(new byte[100_000]);
        ApiError e = assertThrows(ApiError.class, () -> ContentEncoding.decode("gzip", bomb, 50_000));
        assertEquals(413, e.status());
    }
}
