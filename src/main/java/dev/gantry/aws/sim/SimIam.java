package dev.gantry.aws.sim;

import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.*;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Simulated IAM: roles, AWS managed and inline role policies, and the policy simulator. Like real
 * IAM, GetRole and GetRolePolicy return policy documents URL-encoded (RFC 3986).
 */
public final class SimIam implements IamClient {
    private final SimWorld world;

    public SimIam(SimWorld world) { this.world = world; }

    private RuntimeException err(int status, String code, String message) {
        AwsServiceException.Builder b = switch (code) {
            case "NoSuchEntity" -> NoSuchEntityException.builder();
            case "EntityAlreadyExists" -> EntityAlreadyExistsException.builder();
            case "DeleteConflict" -> DeleteConflictException.builder();
            case "MalformedPolicyDocument" -> MalformedPolicyDocumentException.builder();
            case "InvalidInput" -> InvalidInputException.builder();
            case "LimitExceeded" -> LimitExceededException.builder();
            default -> IamException.builder();
        };
        return SimErrors.error(b, "IAM", status, code, message);
    }

    private IamState st() { return world.state.iam; }

    private IamState.RoleRec role(String name) {
        IamState.RoleRec r = st().roles.get(name);
        if (r == null) throw err(404, "NoSuchEntity", "The role with name " + name + " cannot be found.");
        return r;
    }

    static String urlEncode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private void checkPolicy(String doc) {
        try {
            IamState.statements(doc);
        } catch (IllegalArgumentException e) {
            throw err(400, "MalformedPolicyDocument", e.getMessage());
        }
    }

    private Role toRole(IamState.RoleRec r, boolean withTags) {
        Role.Builder b = Role.builder().roleName(r.name).path(r.path).arn(r.arn).roleId(r.roleId)
                .createDate(java.time.Instant.ofEpochMilli(r.createdAt)).description(r.description)
                .assumeRolePolicyDocument(urlEncode(r.trustPolicy)).maxSessionDuration(3600);
        if (withTags) b.tags(r.tags.entrySet().stream().map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build()).toList());
        return b.build();
    }

    @Override public CreateRoleResponse createRole(CreateRoleRequest req) {
        return world.mutate("iam:CreateRole", this::err, () -> {
            if (st().roles.containsKey(req.roleName())) {
                throw err(409, "EntityAlreadyExists", "Role with name " + req.roleName() + " already exists.");
            }
            if (req.assumeRolePolicyDocument() == null) throw err(400, "ValidationError", "AssumeRolePolicyDocument is required");
            checkPolicy(req.assumeRolePolicyDocument());
            String path = req.path() == null ? "/" : req.path();
            if (!path.startsWith("/") || !path.endsWith("/")) {
                throw err(400, "ValidationError", "The specified value for path is invalid. It must begin and end with / and contain only alphanumeric characters and/or / characters.");
            }
            IamState.RoleRec r = new IamState.RoleRec();
            r.name = req.roleName();
            r.path = path;
            r.arn = "arn:aws:iam::" + world.accountId() + ":role" + path + r.name;
            r.roleId = "AROA" + world.newId("r").substring(2, 19).toUpperCase();
            r.trustPolicy = req.assumeRolePolicyDocument();
            r.description = req.description();
            r.createdAt = world.now().toEpochMilli();
            if (req.tags() != null) req.tags().forEach(t -> r.tags.put(t.key(), t.value()));
            st().roles.put(r.name, r);
            return CreateRoleResponse.builder().role(toRole(r, true)).build();
        });
    }

    @Override public GetRoleResponse getRole(GetRoleRequest req) {
        return world.read("iam:GetRole", this::err, () -> GetRoleResponse.builder().role(toRole(role(req.roleName()), true)).build());
    }

    @Override public ListRolesResponse listRoles(ListRolesRequest req) {
        return world.read("iam:ListRoles", this::err, () -> {
            String prefix = req.pathPrefix() == null ? "/" : req.pathPrefix();
            // Like real ListRoles, no tags in the listing: callers use ListRoleTags.
            List<Role> out = st().roles.values().stream().filter(r -> r.path.startsWith(prefix)).map(r -> toRole(r, false)).toList();
            return ListRolesResponse.builder().roles(out).isTruncated(false).build();
        });
    }

    @Override public ListRolesResponse listRoles() { return listRoles(ListRolesRequest.builder().build()); }

    @Override public ListRoleTagsResponse listRoleTags(ListRoleTagsRequest req) {
        return world.read("iam:ListRoleTags", this::err, () -> ListRoleTagsResponse.builder().isTruncated(false)
                .tags(role(req.roleName()).tags.entrySet().stream().map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build()).toList())
                .build());
    }

    @Override public TagRoleResponse tagRole(TagRoleRequest req) {
        return world.mutate("iam:TagRole", this::err, () -> {
            IamState.RoleRec r = role(req.roleName());
            // IAM TagRole, Errors: InvalidInput, LimitExceeded (50 tags a role).
            TagRules.put(r.tags, req.tags().stream().collect(java.util.stream.Collectors.toMap(t -> t.key(), t -> t.value() == null ? "" : t.value(), (first, last) -> last, java.util.LinkedHashMap::new)), this::err, TagRules.IAM);
            return TagRoleResponse.builder().build();
        });
    }

    @Override public AttachRolePolicyResponse attachRolePolicy(AttachRolePolicyRequest req) {
        return world.mutate("iam:AttachRolePolicy", this::err, () -> {
            IamState.RoleRec r = role(req.roleName());
            if (!IamState.MANAGED_POLICIES.containsKey(req.policyArn())) {
                throw err(404, "NoSuchEntity", "Policy " + req.policyArn() + " does not exist or is not attachable.");
            }
            if (!r.attached.contains(req.policyArn())) r.attached.add(req.policyArn());
            return AttachRolePolicyResponse.builder().build();
        });
    }

    @Override public DetachRolePolicyResponse detachRolePolicy(DetachRolePolicyRequest req) {
        return world.mutate("iam:DetachRolePolicy", this::err, () -> {
            IamState.RoleRec r = role(req.roleName());
            if (!r.attached.remove(req.policyArn())) {
                throw err(404, "NoSuchEntity", "Policy " + req.policyArn() + " was not found.");
            }
            return DetachRolePolicyResponse.builder().build();
        });
    }

    @Override public ListAttachedRolePoliciesResponse listAttachedRolePolicies(ListAttachedRolePoliciesRequest req) {
        return world.read("iam:ListAttachedRolePolicies", this::err, () -> ListAttachedRolePoliciesResponse.builder().isTruncated(false)
                .attachedPolicies(role(req.roleName()).attached.stream()
                        .map(a -> AttachedPolicy.builder().policyArn(a).policyName(a.substring(a.lastIndexOf('/') + 1)).build()).toList())
                .build());
    }

    static final int INLINE_POLICIES_PER_ROLE = 10_240;

    @Override public PutRolePolicyResponse putRolePolicy(PutRolePolicyRequest req) {
        return world.mutate("iam:PutRolePolicy", this::err, () -> {
            IamState.RoleRec r = role(req.roleName());
            checkPolicy(req.policyDocument());
            // IAM quotas: a role's inline policies together may hold 10,240 characters, white space not counted.
            java.util.Map<String, String> after = new java.util.TreeMap<>(r.inline);
            after.put(req.policyName(), req.policyDocument());
            long size = after.values().stream().mapToLong(d -> d.chars().filter(ch -> !Character.isWhitespace(ch)).count()).sum();
            if (size > INLINE_POLICIES_PER_ROLE) {
                throw err(409, "LimitExceeded", "Maximum policy size of " + INLINE_POLICIES_PER_ROLE + " bytes exceeded for role " + r.name);
            }
            r.inline.put(req.policyName(), req.policyDocument());
            return PutRolePolicyResponse.builder().build();
        });
    }

    @Override public GetRolePolicyResponse getRolePolicy(GetRolePolicyRequest req) {
        return world.read("iam:GetRolePolicy", this::err, () -> {
            IamState.RoleRec r = role(req.roleName());
            String doc = r.inline.get(req.policyName());
            if (doc == null) {
                throw err(404, "NoSuchEntity", "The role policy with name " + req.policyName() + " cannot be found.");
            }
            return GetRolePolicyResponse.builder().roleName(r.name).policyName(req.policyName()).policyDocument(urlEncode(doc)).build();
        });
    }

    @Override public ListRolePoliciesResponse listRolePolicies(ListRolePoliciesRequest req) {
        return world.read("iam:ListRolePolicies", this::err, () -> ListRolePoliciesResponse.builder().isTruncated(false)
                .policyNames(new ArrayList<>(role(req.roleName()).inline.keySet())).build());
    }

    @Override public DeleteRolePolicyResponse deleteRolePolicy(DeleteRolePolicyRequest req) {
        return world.mutate("iam:DeleteRolePolicy", this::err, () -> {
            IamState.RoleRec r = role(req.roleName());
            if (r.inline.remove(req.policyName()) == null) {
                throw err(404, "NoSuchEntity", "The role policy with name " + req.policyName() + " cannot be found.");
            }
            return DeleteRolePolicyResponse.builder().build();
        });
    }

    @Override public DeleteRoleResponse deleteRole(DeleteRoleRequest req) {
        return world.mutate("iam:DeleteRole", this::err, () -> {
            IamState.RoleRec r = role(req.roleName());
            if (!r.attached.isEmpty()) throw err(409, "DeleteConflict", "Cannot delete entity, must detach all policies first.");
            if (!r.inline.isEmpty()) throw err(409, "DeleteConflict", "Cannot delete entity, must delete policies first.");
            st().roles.remove(r.name);
            return DeleteRoleResponse.builder().build();
        });
    }

    @Override public SimulatePrincipalPolicyResponse simulatePrincipalPolicy(SimulatePrincipalPolicyRequest req) {
        return world.read("iam:SimulatePrincipalPolicy", req, this::err, () -> {
            if (st().roleByArn(req.policySourceArn()) == null) {
                throw err(400, "InvalidInput", "Invalid Entity Arn: " + req.policySourceArn() + " does not clearly define entity type and name.");
            }
            List<String> resources = req.resourceArns() == null || req.resourceArns().isEmpty() ? List.of("*") : req.resourceArns();
            List<EvaluationResult> results = new ArrayList<>();
            for (String action : req.actionNames()) {
                for (String res : resources) {
                    results.add(EvaluationResult.builder().evalActionName(action).evalResourceName(res)
                            .evalDecision(st().decision(req.policySourceArn(), action, res)).build());
                }
            }
            return SimulatePrincipalPolicyResponse.builder().evaluationResults(results).isTruncated(false).build();
        });
    }

    @Override public String serviceName() { return SERVICE_NAME; }

    @Override public void close() {}
}
