package dev.gantry.aws.sim;

import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.*;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Simulated Secrets Manager: secrets with a string value, ARNs with AWS's random suffix, tags,
 * idempotent creation by client request token, deletion with a recovery window (during which the
 * name is taken and the value unreadable) or at once, and ListSecrets filters.
 */
public final class SimSecretsManager implements SecretsManagerClient {
    private static final Pattern NAME = Pattern.compile("^[A-Za-z0-9/_+=.@-]{1,512}$");
    private static final String SUFFIX_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private final SimWorld world;

    public SimSecretsManager(SimWorld world) { this.world = world; }

    private RuntimeException err(int status, String code, String message) {
        AwsServiceException.Builder b = switch (code) {
            case "ResourceNotFoundException" -> ResourceNotFoundException.builder();
            case "ResourceExistsException" -> ResourceExistsException.builder();
            case "InvalidParameterException" -> InvalidParameterException.builder();
            case "InvalidRequestException" -> InvalidRequestException.builder();
            default -> SecretsManagerException.builder();
        };
        return SimErrors.error(b, "SecretsManager", status, code, message);
    }

    private SecretsState st() { return world.state.secrets; }

    private long now() { return world.now().toEpochMilli(); }

    private SecretsState.SecretRec secret(String id) {
        SecretsState.SecretRec s = st().find(id, now());
        if (s == null) throw err(400, "ResourceNotFoundException", "Secrets Manager can't find the specified secret.");
        return s;
    }

    private SecretsState.SecretRec live(String id, String doing) {
        SecretsState.SecretRec s = secret(id);
        if (s.deletedAtMillis != 0) {
            throw err(400, "InvalidRequestException", "You can't perform this operation on the secret because it was marked for deletion.");
        }
        return s;
    }

    private static List<Tag> tags(SecretsState.SecretRec s) {
        return s.tags.entrySet().stream().map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build()).toList();
    }

    /** A deterministic stand-in for AWS's random six characters, so runs are repeatable. */
    private String suffix() {
        String id = world.newId("s");
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 6; i++) b.append(SUFFIX_CHARS.charAt(Math.floorMod(id.charAt(id.length() - 1 - i) * 31 + i * 7, SUFFIX_CHARS.length())));
        return b.toString();
    }

    @Override public CreateSecretResponse createSecret(CreateSecretRequest req) {
        return world.mutate("secretsmanager:CreateSecret", this::err, () -> {
            String name = req.name();
            if (name == null || !NAME.matcher(name).matches()) {
                throw err(400, "InvalidParameterException", "Invalid name. Must be a valid name containing alphanumeric characters, or any of the following: -/_+=.@!");
            }
            if (req.secretString() != null && req.secretBinary() != null) {
                throw err(400, "InvalidParameterException", "You can't specify both a binary secret value and a string secret value in the same secret.");
            }
            if (req.secretString() != null && req.secretString().length() > 65536) {
                throw err(400, "InvalidParameterException", "The secret value exceeds the maximum size of 65536 bytes.");
            }
            SecretsState.SecretRec existing = st().find(name, now());
            if (existing != null) {
                if (existing.deletedAtMillis != 0) {
                    throw err(400, "InvalidRequestException", "You can't create this secret because a secret with this name is already scheduled for deletion.");
                }
                // A retried create with the same token is the same request: answer as before.
                if (req.clientRequestToken() != null && req.clientRequestToken().equals(existing.versionId)) {
                    return CreateSecretResponse.builder().arn(existing.arn).name(existing.name).versionId(existing.versionId).build();
                }
                throw err(400, "ResourceExistsException", "The operation failed because the secret " + name + " already exists.");
            }
            SecretsState.SecretRec s = new SecretsState.SecretRec();
            s.name = name;
            s.arn = "arn:aws:secretsmanager:" + world.region() + ":" + world.accountId() + ":secret:" + name + "-" + suffix();
            s.description = req.description();
            s.value = req.secretString();
            s.versionId = req.clientRequestToken() != null ? req.clientRequestToken() : UUID.randomUUID().toString();
            s.createdAt = s.changedAt = now();
            if (req.hasTags()) req.tags().forEach(t -> s.tags.put(t.key(), t.value()));
            st().secrets.put(name, s);
            return CreateSecretResponse.builder().arn(s.arn).name(s.name).versionId(s.versionId).build();
        });
    }

    @Override public PutSecretValueResponse putSecretValue(PutSecretValueRequest req) {
        return world.mutate("secretsmanager:PutSecretValue", this::err, () -> {
            SecretsState.SecretRec s = live(req.secretId(), "put");
            if (req.secretString() == null || req.secretString().isEmpty()) {
                throw err(400, "InvalidParameterException", "You must provide either SecretString or SecretBinary.");
            }
            s.value = req.secretString();
            s.versionId = req.clientRequestToken() != null ? req.clientRequestToken() : UUID.randomUUID().toString();
            s.changedAt = now();
            return PutSecretValueResponse.builder().arn(s.arn).name(s.name).versionId(s.versionId).build();
        });
    }

    @Override public GetSecretValueResponse getSecretValue(GetSecretValueRequest req) {
        return world.read("secretsmanager:GetSecretValue", this::err, () -> {
            SecretsState.SecretRec s = live(req.secretId(), "get");
            if (s.value == null) throw err(400, "ResourceNotFoundException", "Secrets Manager can't find the specified secret value for staging label: AWSCURRENT");
            return GetSecretValueResponse.builder().arn(s.arn).name(s.name).secretString(s.value).versionId(s.versionId)
                    .versionStages("AWSCURRENT").createdDate(Instant.ofEpochMilli(s.changedAt)).build();
        });
    }

    @Override public DescribeSecretResponse describeSecret(DescribeSecretRequest req) {
        return world.read("secretsmanager:DescribeSecret", this::err, () -> {
            SecretsState.SecretRec s = secret(req.secretId());
            return DescribeSecretResponse.builder().arn(s.arn).name(s.name).description(s.description).tags(tags(s))
                    .createdDate(Instant.ofEpochMilli(s.createdAt)).lastChangedDate(Instant.ofEpochMilli(s.changedAt))
                    .deletedDate(s.deletedAtMillis == 0 ? null : Instant.ofEpochMilli(s.deletedAtMillis)).build();
        });
    }

    @Override public ListSecretsResponse listSecrets(ListSecretsRequest req) {
        return world.read("secretsmanager:ListSecrets", this::err, () -> {
            Predicate<SecretsState.SecretRec> keep = s -> Boolean.TRUE.equals(req.includePlannedDeletion()) || s.deletedAtMillis == 0;
            if (req.hasFilters()) for (Filter f : req.filters()) keep = keep.and(filter(f));
            List<SecretListEntry> out = new ArrayList<>();
            for (SecretsState.SecretRec s : new ArrayList<>(st().secrets.values())) {
                if (st().find(s.name, now()) == null || !keep.test(s)) continue;
                out.add(SecretListEntry.builder().arn(s.arn).name(s.name).description(s.description).tags(tags(s))
                        .createdDate(Instant.ofEpochMilli(s.createdAt)).lastChangedDate(Instant.ofEpochMilli(s.changedAt))
                        .deletedDate(s.deletedAtMillis == 0 ? null : Instant.ofEpochMilli(s.deletedAtMillis)).build());
            }
            return ListSecretsResponse.builder().secretList(out).build();
        });
    }

    /** Secrets Manager's filters match by prefix; a leading ! negates. */
    private Predicate<SecretsState.SecretRec> filter(Filter f) {
        List<String> values = f.hasValues() ? f.values() : List.of();
        java.util.function.BiPredicate<String, String> match = (have, want) -> want.startsWith("!") ? !have.startsWith(want.substring(1)) : have.startsWith(want);
        return switch (f.keyAsString()) {
            case "name" -> s -> values.stream().anyMatch(v -> match.test(s.name, v));
            case "description" -> s -> s.description != null && values.stream().anyMatch(v -> match.test(s.description, v));
            case "tag-key" -> s -> values.stream().anyMatch(v -> s.tags.keySet().stream().anyMatch(k -> match.test(k, v)));
            case "tag-value" -> s -> values.stream().anyMatch(v -> s.tags.values().stream().anyMatch(x -> match.test(x, v)));
            case "all" -> s -> values.stream().anyMatch(v -> match.test(s.name, v) || s.tags.keySet().stream().anyMatch(k -> match.test(k, v))
                    || s.tags.values().stream().anyMatch(x -> match.test(x, v)));
            default -> throw err(400, "InvalidParameterException", "Invalid filter key: " + f.keyAsString());
        };
    }

    @Override public TagResourceResponse tagResource(TagResourceRequest req) {
        return world.mutate("secretsmanager:TagResource", this::err, () -> {
            SecretsState.SecretRec s = secret(req.secretId());
            // Secrets Manager TagResource, Errors: InvalidParameterException (a malformed tag or more than 50).
            TagRules.put(s.tags, req.tags().stream().collect(java.util.stream.Collectors.toMap(t -> t.key(), t -> t.value() == null ? "" : t.value(), (first, last) -> last, java.util.LinkedHashMap::new)), this::err, TagRules.SECRETS_MANAGER);
            return TagResourceResponse.builder().build();
        });
    }

    @Override public DeleteSecretResponse deleteSecret(DeleteSecretRequest req) {
        return world.mutate("secretsmanager:DeleteSecret", this::err, () -> {
            boolean force = Boolean.TRUE.equals(req.forceDeleteWithoutRecovery());
            if (force && req.recoveryWindowInDays() != null) {
                throw err(400, "InvalidParameterException", "You can't use ForceDeleteWithoutRecovery in conjunction with RecoveryWindowInDays.");
            }
            long days = req.recoveryWindowInDays() == null ? 30 : req.recoveryWindowInDays();
            if (!force && (days < 7 || days > 30)) {
                throw err(400, "InvalidParameterException", "The RecoveryWindowInDays value must be between 7 and 30 days (inclusive).");
            }
            SecretsState.SecretRec s = secret(req.secretId());
            if (force) {
                st().secrets.remove(s.name);
                return DeleteSecretResponse.builder().arn(s.arn).name(s.name).deletionDate(world.now()).build();
            }
            if (s.deletedAtMillis != 0) {
                throw err(400, "InvalidRequestException", "You can't perform this operation on the secret because it was already scheduled for deletion.");
            }
            s.deletedAtMillis = world.now().plus(Duration.ofDays(days)).toEpochMilli();
            return DeleteSecretResponse.builder().arn(s.arn).name(s.name).deletionDate(Instant.ofEpochMilli(s.deletedAtMillis)).build();
        });
    }

    @Override public String serviceName() { return SERVICE_NAME; }

    @Override public void close() {}
}
