package dev.gantry.image;

import dev.gantry.image.RedirectRules.Reach;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Which addresses a registry may send gantry to, judged without a network (names map to the test's addresses). */
class RedirectRulesTest {
    final RedirectRules rules = new RedirectRules(host -> switch (host) {
        case "blobs.example.com" -> new InetAddress[] {InetAddress.getByName("93.184.216.34")};
        case "storage.corp" -> new InetAddress[] {InetAddress.getByName("10.1.2.3")};
        default -> {
            if (!Character.isDigit(host.charAt(0)) && !host.contains(":")) throw new UnknownHostException(host);
            yield InetAddress.getAllByName(host);
        }
    });

    static Reach reach(String literal) throws UnknownHostException { return RedirectRules.reach(InetAddress.getByName(literal)); }

    @Test void addresses_are_classed_including_ipv6_forms_that_carry_an_ipv4_address() throws UnknownHostException {
        assertThat(reach("127.0.0.2")).isEqualTo(Reach.LOOPBACK);
        assertThat(reach("::1")).isEqualTo(Reach.LOOPBACK);
        assertThat(reach("0.0.0.0")).isEqualTo(Reach.LOOPBACK);
        assertThat(reach("10.1.2.3")).isEqualTo(Reach.PRIVATE);
        assertThat(reach("172.20.0.1")).isEqualTo(Reach.PRIVATE);
        assertThat(reach("172.32.0.1")).isEqualTo(Reach.PUBLIC);
        assertThat(reach("192.168.1.1")).isEqualTo(Reach.PRIVATE);
        assertThat(reach("100.64.0.1")).isEqualTo(Reach.PRIVATE);
        assertThat(reach("fd12:3456::1")).isEqualTo(Reach.PRIVATE);
        assertThat(reach("169.254.1.1")).isEqualTo(Reach.LINK_LOCAL);
        assertThat(reach("fe80::1")).isEqualTo(Reach.LINK_LOCAL);
        assertThat(reach("fd00:ec2::1")).isEqualTo(Reach.LINK_LOCAL);
        assertThat(reach("169.254.169.254")).isEqualTo(Reach.METADATA);
        assertThat(reach("169.254.170.2")).isEqualTo(Reach.METADATA);
        assertThat(reach("fd00:ec2::254")).isEqualTo(Reach.METADATA);
        assertThat(reach("::ffff:169.254.169.254")).isEqualTo(Reach.METADATA);
        assertThat(reach("::169.254.169.254")).isEqualTo(Reach.METADATA);
        assertThat(reach("64:ff9b::a9fe:a9fe")).isEqualTo(Reach.METADATA);
        assertThat(reach("2002:a9fe:a9fe::1")).isEqualTo(Reach.METADATA);
        assertThat(reach("224.0.0.1")).isEqualTo(Reach.UNUSABLE);
        assertThat(reach("93.184.216.34")).isEqualTo(Reach.PUBLIC);
        assertThat(reach("2001:db8::1")).isEqualTo(Reach.PUBLIC);
    }

    @Test void a_public_registry_may_send_gantry_to_public_https_only() {
        Set<Reach> registry = Set.of(Reach.PUBLIC);
        assertThat(rules.refusal(registry, URI.create("https://blobs.example.com/sha256/abc?sig=1"))).isEmpty();
        assertThat(rules.refusal(registry, URI.create("http://blobs.example.com/sha256/abc"))).contains("it is plain HTTP to a host not on this machine");
        assertThat(rules.refusal(registry, URI.create("https://storage.corp/b"))).contains("storage.corp is 10.1.2.3, and that is a private address and the registry is not on one");
        assertThat(rules.refusal(registry, URI.create("https://127.0.0.1/b"))).contains("127.0.0.1 is a loopback address (this machine) and the registry is not on one");
        assertThat(rules.refusal(registry, URI.create("https://nowhere.invalid/b"))).contains("nowhere.invalid does not resolve");
        assertThat(rules.refusal(registry, URI.create("https://u:p@blobs.example.com/b"))).contains("the address carries a login");
        assertThat(rules.refusal(registry, URI.create("file:///etc/passwd"))).contains("it is not an http(s) address");
    }

    @Test void a_private_or_loopback_registry_may_stay_in_its_own_class_but_never_reach_metadata() {
        assertThat(rules.refusal(Set.of(Reach.PRIVATE), URI.create("https://storage.corp/b"))).isEmpty();
        assertThat(rules.refusal(Set.of(Reach.PRIVATE), URI.create("https://127.0.0.1/b"))).isPresent();
        assertThat(rules.refusal(Set.of(Reach.LOOPBACK), URI.create("http://127.0.0.2:5000/b"))).isEmpty();
        assertThat(rules.refusal(Set.of(Reach.LOOPBACK), URI.create("http://[::1]:5000/b"))).isEmpty();
        assertThat(rules.refusal(Set.of(Reach.LINK_LOCAL), URI.create("http://169.254.169.254/"))).contains("169.254.169.254 is an instance metadata address, which gantry never asks");
        assertThat(rules.refusal(Set.of(Reach.LINK_LOCAL), URI.create("https://169.254.1.1/b"))).isEmpty();
    }

    @Test void metadata_paths_are_refused_on_any_host_however_they_are_spelled() {
        Set<Reach> registry = Set.of(Reach.PUBLIC);
        for (String path : new String[] {"/latest/meta-data/", "/latest/api/token", "/2021-07-15/user-data", "/latest/dynamic/instance-identity/document",
                "/computeMetadata/v1/instance/service-accounts/default/token", "/metadata/identity/oauth2/token", "/x/../latest/meta-data/iam",
                "/latest//meta-data/", "/%6catest/meta-data/"}) {
            assertThat(rules.refusal(registry, URI.create("https://blobs.example.com" + path))).as(path).get().asString().contains("instance metadata path");
        }
        assertThat(rules.refusal(registry, URI.create("https://blobs.example.com/v2/team/web/blobs/sha256:abc"))).isEmpty();
    }
}
