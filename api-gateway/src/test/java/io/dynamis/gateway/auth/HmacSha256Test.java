package io.dynamis.gateway.auth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.Arrays;
import java.util.Random;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/** HMAC-SHA256 from the key's kept states: the JDK's {@code Mac} bytes for any key, any data, any order of use. */
class HmacSha256Test {

    private static byte[] jdk(byte[] key, byte[] data, int offset, int length) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        mac.update(data, offset, length);
        return mac.doFinal();
    }

    @Test
    void signsAsTheJdksMacForRandomKeysAndData() throws Exception {
        Random random = new Random(19);
        HmacSha256 hmac = new HmacSha256();
        for (int i = 0; i < 5_000; i++) {
            // keys shorter than, as long as and longer than a block (hashed first); data across block bounds
            byte[] key = new byte[1 + random.nextInt(200)];
            random.nextBytes(key);
            byte[] data = new byte[random.nextInt(300)];
            random.nextBytes(data);
            int offset = data.length == 0 ? 0 : random.nextInt(data.length);
            int length = random.nextInt(data.length - offset + 1);
            byte[] out = new byte[HmacSha256.LENGTH];
            hmac.keyed(key).sign(data, offset, length, out);
            assertArrayEquals(jdk(key, data, offset, length), out, "key " + key.length + " B, data " + length + " B");
        }
    }

    @Test
    void aKeyUsedAgainSignsAgainAsTheFirstTime() throws Exception {
        Random random = new Random(7);
        byte[] first = new byte[32];
        byte[] second = new byte[64];
        random.nextBytes(first);
        random.nextBytes(second);
        HmacSha256 hmac = new HmacSha256();
        for (int i = 0; i < 200; i++) {
            byte[] key = i % 3 == 2 ? second : first;
            byte[] data = new byte[random.nextInt(200)];
            random.nextBytes(data);
            assertArrayEquals(jdk(key, data, 0, data.length), hmac.keyed(key).sign(data));
        }
    }

    @Test
    void anotherArrayIsAnotherKeyEvenWithTheSameLength() throws Exception {
        byte[] key = new byte[32];
        Arrays.fill(key, (byte) 1);
        byte[] other = key.clone();
        other[31] = 2;
        byte[] data = "AWS4-HMAC-SHA256\n20260101T000000Z\n".getBytes();
        HmacSha256 hmac = new HmacSha256();
        assertArrayEquals(jdk(key, data, 0, data.length), hmac.keyed(key).sign(data));
        assertArrayEquals(jdk(other, data, 0, data.length), hmac.keyed(other).sign(data));
        assertArrayEquals(jdk(key, data, 0, data.length), hmac.keyed(key).sign(data));
    }
}
