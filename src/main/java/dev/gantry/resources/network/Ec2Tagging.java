package dev.gantry.resources.network;

import dev.gantry.plan.Address;
import dev.gantry.resources.ResourceContext;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.TagSpecification;

import java.util.List;
import java.util.Optional;

/** Tags on create, finding the app's resources by tag, and the "already gone" errors deletes ignore. */
final class Ec2Tagging {
    private Ec2Tagging() {}

    /** {@code type} is EC2's resource type name: vpc, subnet, natgateway, security-group, … */
    static TagSpecification spec(ResourceContext ctx, Address address, String type) {
        List<Tag> tags = ctx.tags(address).entrySet().stream()
                .map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build()).toList();
        return TagSpecification.builder().resourceType(type).tags(tags).build();
    }

    /** Writes the app's tags on an existing resource (CreateTags adds or overwrites, never removes). */
    static dev.gantry.resources.Step retag(ResourceContext ctx, dev.gantry.plan.Observed existing, Address address) {
        return () -> {
            ctx.aws().ec2().createTags(b -> b.resources(existing.id()).tags(spec(ctx, address, "any").tags()));
            return dev.gantry.resources.StepResult.done(existing);
        };
    }

    static Filter appFilter(ResourceContext ctx) {
        return Filter.builder().name("tag:" + ResourceContext.TAG_APP).values(ctx.app()).build();
    }

    /** Both gantry tags: the one resource a step creates, found again after a crash or retry. */
    static List<Filter> ownFilters(ResourceContext ctx, Address address) {
        return List.of(appFilter(ctx),
                Filter.builder().name("tag:" + ResourceContext.TAG_COMPONENT).values(address.toString()).build());
    }

    /**
     * The first of {@code found} that really carries both gantry tags for {@code address} (and lies in
     * {@code vpcId}, when given): the Describe's tag filter is checked again here, because an API or
     * an emulator that ignores a filter must never hand gantry another app's resource.
     */
    static <T> Optional<T> own(ResourceContext ctx, Address address, List<T> found, java.util.function.Function<T, List<Tag>> tags,
                               java.util.function.Function<T, String> vpcOf, String vpcId) {
        return found.stream()
                .filter(r -> address.equals(addressOf(ctx, tags.apply(r), address.type()).orElse(null)))
                .filter(r -> vpcId == null || vpcId.equals(vpcOf.apply(r)))
                .findFirst();
    }

    static <T> Optional<T> own(ResourceContext ctx, Address address, List<T> found, java.util.function.Function<T, List<Tag>> tags) {
        return own(ctx, address, found, tags, r -> null, null);
    }

    static String tag(List<Tag> tags, String key) {
        return tags.stream().filter(t -> key.equals(t.key())).map(Tag::value).findFirst().orElse(null);
    }

    /** The address a resource carries in gantry:component, when it belongs to this app and this type. */
    static Optional<Address> addressOf(ResourceContext ctx, List<Tag> tags, String type) {
        if (!ctx.app().equals(tag(tags, ResourceContext.TAG_APP))) return Optional.empty();
        String component = tag(tags, ResourceContext.TAG_COMPONENT);
        if (component == null || !component.startsWith(type + ".")) return Optional.empty();
        Address address = Address.parse(component);
        java.util.Map<String, String> all = new java.util.HashMap<>();
        tags.forEach(t -> all.put(t.key(), t.value()));
        ctx.sawTags(address, all);
        return Optional.of(address);
    }

    static boolean hasCode(Throwable t, String... codes) {
        if (!(t instanceof AwsServiceException e) || e.awsErrorDetails() == null) return false;
        String code = e.awsErrorDetails().errorCode();
        for (String c : codes) if (c.equals(code)) return true;
        return false;
    }

    /** How often a create is sent again after its reply was lost and a look by tags found nothing. */
    static final int SENDS = 3;

    /**
     * The one resource a create step makes, for a create AWS cannot make idempotent: found by its
     * tags first (a re-run after a crash), else made by {@code create}, which tags it in the call and
     * asks for {@link dev.gantry.aws.RetryPolicy#NO_BLIND_RESEND}. When the reply is lost, the
     * request may have taken effect: it is looked up by its tags again and sent once more only
     * when it is not there, so a lost reply never makes a second one. The first look is the one
     * the run made under the apply lock when that found nothing here ({@link dev.gantry.resources.LockLook}).
     */
    static <T> T findOrCreate(ResourceContext ctx, Address address, java.util.function.Supplier<Optional<T>> findOwn,
                              java.util.function.Supplier<T> create) {
        Optional<T> found = ctx.lockLook().foundNothingAt(address) ? Optional.empty() : findOwn.get();
        for (int sent = 1; found.isEmpty(); sent++) {
            if (sent > 1) ctx.progress().sentAgainAfterLostReply(address.toString());
            try {
                return create.get();
            } catch (software.amazon.awssdk.core.exception.SdkClientException e) {
                if (!dev.gantry.aws.RetryPolicy.replyLost(e) || sent >= SENDS) throw e;
                found = findOwn.get();
            }
        }
        return found.get();
    }

    /** What a create request adds so that the SDK never sends it again after a lost reply. */
    static void noBlindResend(software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration.Builder o) {
        o.addPlugin(dev.gantry.aws.RetryPolicy.NO_BLIND_RESEND);
    }

    /**
     * Runs a call AWS answers with an "already done" error ({@code codes}) when it is sent again
     * after its reply was lost (the SDK resends it): that answer counts as success only when
     * {@code done} reads back that what was asked is really there; else the error stands.
     */
    static void verifyingAlreadyDone(Runnable call, java.util.function.BooleanSupplier done, String... codes) {
        try {
            call.run();
        } catch (AwsServiceException e) {
            if (!hasCode(e, codes) || !done.getAsBoolean()) throw e;
        }
    }

    /** Runs a delete call, treating "it is already gone" as success (a delete may be re-run). */
    static void ignoringGone(Runnable call, String... notFoundCodes) {
        try {
            call.run();
        } catch (AwsServiceException e) {
            if (!hasCode(e, notFoundCodes)) throw e;
        }
    }
}
