package dev.gantry.aws;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;

/**
 * A salted SHA-256 of a secret value, {@code sha256:SALT:HASH}: enough to tell whether a value
 * changed without keeping the value. The simulated AWS keeps only this for SecureStrings it saves
 * to disk, and answers a decrypting read of such a parameter with it; {@link #matches} is how a
 * comparison still works then.
 */
public final class SecretDigest {
    private static final String PREFIX = "sha256:";
    private static final SecureRandom RANDOM = new SecureRandom();

    private SecretDigest() {}

    public static String of(char[] value) {
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        return PREFIX + b64(salt) + ":" + b64(hash(salt, value));
    }

    public static boolean isDigest(String s) { return s != null && s.startsWith(PREFIX) && s.split(":").length == 3; }

    /** Whether {@code stored} is a digest of {@code value}. */
    public static boolean matches(String stored, char[] value) {
        if (!isDigest(stored)) return false;
        String[] parts = stored.split(":");
        try {
            byte[] salt = Base64.getDecoder().decode(parts[1]);
            return MessageDigest.isEqual(Base64.getDecoder().decode(parts[2]), hash(salt, value));
        } catch (IllegalArgumentException notBase64) {
            return false;
        }
    }

    private static byte[] hash(byte[] salt, char[] value) {
        ByteBuffer bytes = StandardCharsets.UTF_8.encode(CharBuffer.wrap(value));
        byte[] plain = new byte[bytes.remaining()];
        bytes.get(plain);
        try {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            d.update(salt);
            return d.digest(plain);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        } finally {
            Arrays.fill(plain, (byte) 0);
        }
    }

    private static String b64(byte[] b) { return Base64.getEncoder().withoutPadding().encodeToString(b); }
}
