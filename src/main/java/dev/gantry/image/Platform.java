package dev.gantry.image;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** One platform an image has a manifest for, in the registry's words (os linux, architecture amd64). */
public record Platform(String os, String architecture, String variant) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * The platforms a multi-platform index (OCI image index, Docker manifest list) lists; empty for
     * a single manifest. Attestation entries (buildx provenance: unknown/unknown) are not runnable.
     */
    public static List<Platform> listedIn(JsonNode manifest) {
        List<Platform> out = new ArrayList<>();
        for (JsonNode d : manifest.path("manifests")) {
            JsonNode p = d.get("platform");
            if (p == null || "unknown".equals(p.path("os").asText())) continue;
            out.add(new Platform(p.path("os").asText(), p.path("architecture").asText(), p.path("variant").asText(null)));
        }
        return out;
    }

    public static List<Platform> listedIn(String manifest) {
        try {
            return listedIn(JSON.readTree(manifest));
        } catch (IOException e) {
            return List.of();
        }
    }
    @Override public String toString() {
        return os + "/" + architecture + (variant == null || variant.isBlank() ? "" : "/" + variant);
    }

    /** The registry's name for a task architecture (x86_64 → amd64). */
    public static String registryArchitecture(String taskArchitecture) {
        return "arm64".equals(taskArchitecture) ? "arm64" : "amd64";
    }

    /** The task's {@code architecture:} value that runs this platform, or null when Fargate has none. */
    public String taskArchitecture() {
        if (!"linux".equals(os)) return null;
        return switch (architecture) {
            case "amd64" -> "x86_64";
            case "arm64" -> "arm64";
            default -> null;
        };
    }
}
