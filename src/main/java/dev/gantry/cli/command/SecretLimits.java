package dev.gantry.cli.command;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * What a secret value may be, checked before anything in AWS is touched, and a file's value read
 * so that no file can fill memory ({@code /dev/zero}, a log file given by mistake).
 *
 * <p>gantry stores managed secrets as SSM parameters of the standard tier (the advanced tier holds
 * 8 KB but costs money per parameter and month): AWS allows a value of 4 KB there ("Standard
 * parameters have a value limit of 4 KB", PutParameter), so gantry allows 4,096 bytes of UTF-8,
 * which every way of counting it accepts. A registry login goes to Secrets Manager, whose
 * SecretString holds 65,536 bytes. Neither takes an empty value.
 */
final class SecretLimits {
    static final int PARAMETER_BYTES = 4096;
    static final int REGISTRY_LOGIN_BYTES = 65536;

    private SecretLimits() {}

    /** A value read, or why not (never both). */
    record Read(char[] value, String problem) {}

    static int limitFor(String name) {
        return dev.gantry.spec.RegistryCredentials.isValueName(name) ? REGISTRY_LOGIN_BYTES : PARAMETER_BYTES;
    }

    /** Null when {@code value} (given as {@code what}) fits where {@code name} is stored; else the problem and its fix. */
    static String check(String name, String what, char[] value) {
        if (value.length == 0) return what + " is empty: a secret needs a value and AWS stores no empty one; put the value there (nothing was changed)";
        int bytes = StandardCharsets.UTF_8.encode(CharBuffer.wrap(value)).remaining();
        return bytes <= limitFor(name) ? null : tooLong(name, what, Integer.toString(bytes));
    }

    private static String tooLong(String name, String what, String size) {
        int limit = limitFor(name);
        return what + " is " + size + " bytes long; " + (limit == PARAMETER_BYTES
                ? "an SSM parameter of the standard tier, where gantry keeps secrets, holds at most " + limit + " bytes (4 KB)"
                : "a Secrets Manager secret holds at most " + limit + " bytes") + ": give a shorter value (nothing was changed)";
    }

    /**
     * Reads at most the limit (and a final newline) from {@code in}: more than that is refused without
     * reading on. The final newline editors and echo add is dropped; the bytes read are wiped.
     */
    static Read read(String name, String what, InputStream in) throws IOException {
        int limit = limitFor(name);
        byte[] buf = new byte[limit + 3];
        int n = 0;
        for (int r; n < buf.length && (r = in.read(buf, n, buf.length - n)) >= 0; ) n += r;
        try {
            int end = n;
            if (end > 0 && buf[end - 1] == '\n') end--;
            if (end > 0 && buf[end - 1] == '\r') end--;
            if (end > limit) return new Read(null, tooLong(name, what, "more than " + limit));
            CharBuffer chars = StandardCharsets.UTF_8.decode(ByteBuffer.wrap(buf, 0, end));
            char[] value = Arrays.copyOf(chars.array(), chars.limit());
            Arrays.fill(chars.array(), '\0');
            String problem = check(name, what, value);
            if (problem != null) {
                Arrays.fill(value, '\0');
                return new Read(null, problem);
            }
            return new Read(value, null);
        } finally {
            Arrays.fill(buf, (byte) 0);
        }
    }
}
