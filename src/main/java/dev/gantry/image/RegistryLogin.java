package dev.gantry.image;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.CharBuffer;
import java.util.Optional;

/**
 * The registry login as ECS reads it from Secrets Manager: {@code {"username": …, "password": …}}.
 * People may also type {@code user:password}; gantry stores that as the JSON ECS wants.
 */
public final class RegistryLogin {
    private static final ObjectMapper JSON = new ObjectMapper();

    private RegistryLogin() {}

    /** The login in {@code value} (JSON or user:password), or empty when it is neither. */
    public static Optional<RegistryClient.Credentials> parse(char[] value) {
        String text = new String(value).strip();
        if (text.startsWith("{")) {
            try {
                JsonNode n = JSON.readTree(text);
                if (!n.hasNonNull("username") || !n.hasNonNull("password")) return Optional.empty();
                return Optional.of(new RegistryClient.Credentials(n.get("username").asText(), n.get("password").asText().toCharArray()));
            } catch (IOException e) {
                return Optional.empty();
            }
        }
        int colon = text.indexOf(':');
        if (colon <= 0 || colon == text.length() - 1) return Optional.empty();
        return Optional.of(new RegistryClient.Credentials(text.substring(0, colon), text.substring(colon + 1).toCharArray()));
    }

    /** What gantry stores in the secret: the JSON ECS reads. */
    public static String secretString(RegistryClient.Credentials c) {
        ObjectNode n = JSON.createObjectNode();
        n.put("username", c.username());
        n.put("password", CharBuffer.wrap(c.password()).toString());
        return n.toString();
    }

    /** Why {@code value} is not a login, for the message that asks again. */
    public static final String FORMAT = "{\"username\": \"…\", \"password\": \"…\"} or user:password";
}
