package dev.gantry.spec.yaml;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class CommentKeeperTest {

    /** web-https as gantry writes it, with the person's comments in every kind of place. */
    static final String EVERYWHERE = """
            # Payments team: ask in #payments before editing
            # yaml-language-server: $schema=./gantry.schema.json
            # gantry spec (docs/spec.md). For editor checks next to this file: gantry schema > gantry.schema.json

            # The spec format; only version 1 exists.
            version: 1
            # The app's name; it prefixes the name of every AWS resource gantry creates.
            app: hello  # do not rename: DNS depends on it
            # The AWS region everything is created in.
            region: us-east-1

            # Tags added to every resource, next to gantry's own.
            tags:
              # finance wants this
              team: web

            # owned by team-x, see runbook
            # A new VPC; tasks run in private subnets and reach the internet through one shared NAT gateway.
            network:
              vpc: new
              cidr: 10.0.0.0/16
              availabilityZones: 2
              natGateways: single  # cheap for now

            # The container: its image, its size on Fargate, and what it is given at start.
            task:
              image: public.ecr.aws/nginx/nginx:1.27  # bumped by CI
              cpu: 256  # bumped by CI
              memory: 512  # MiB
              architecture: x86_64
              port: 80  # the port the container listens on
              # Plain settings, visible in the task definition.
              environment:
                # debug only in staging
                APP_ENV: production  # prod!
                GREETING: "hi # not a comment"
                # LOG_LEVEL: debug
              # Secrets live in SSM Parameter Store; a name gives gantry a parameter to manage (its value is given at apply time),
              # an ARN points at one you already have.
              secrets:
                # rotated monthly
                DB_PASSWORD:
                  parameter: /hello/db-password  # created by hand
              logs:
                retentionDays: 30

            # How many copies run, and how a new version replaces the old one.
            service:
              desiredCount: 2
              minimumHealthyPercent: 100
              maximumPercent: 200
              rollbackOnFailure: true

            # between sections, about the load balancer
            # A public Application Load Balancer that spreads requests over the tasks and checks their health.
            loadBalancer:
              healthCheckPath: /
              deregistrationDelay: 30
              idleTimeout: 60
              allowedCidrs: [0.0.0.0/0]  # open to all

            # HTTPS: gantry requests a free ACM certificate for these names and validates it.
            certificate:
              domain: hello.example.com

            # DNS: zone managed by infra
            # A record in your Route53 zone that points at the load balancer.
            dns:
              zone: example.com
              record: hello.example.com  # CNAME'd elsewhere too
            # end of file note
            """;

    /** What gantry init writes for {@code text} (comments ignored), as an edit would produce it. */
    private static String rewritten(String text) throws Exception {
        return SpecWriter.write(SpecLoader.load("gantry.yaml", text));
    }

    private static String without(String text, String... lines) {
        String out = text;
        for (String l : lines) {
            assertThat(out).contains(l + "\n");
            out = out.replace(l + "\n", "");
        }
        return out;
    }

    @Test
    void aChangedValueKeepsEveryCommentInItsPlaceAndGantrysOwnAreRewrittenNotDuplicated() throws Exception {
        String edited = EVERYWHERE.replace("natGateways: single", "natGateways: perAz").replace("cpu: 256", "cpu: 512")
                .replace("memory: 512", "memory: 1024");
        CommentKeeper.Kept kept = CommentKeeper.keep(EVERYWHERE, rewritten(edited));
        // Exactly the person's file with the new values; the NAT explanation now says per zone.
        assertThat(kept.text()).isEqualTo(edited.replace(OwnComments.VPC_SINGLE_NAT, OwnComments.VPC_NAT_PER_AZ));
        assertThat(kept.dropped()).isEmpty();
    }

    @Test
    void commentsOfRemovedKeysAreLeftOutAndListedWithTheirLine() throws Exception {
        String edited = without(EVERYWHERE, "# DNS: zone managed by infra", OwnComments.DNS.transform(s -> "# " + s), "dns:",
                "  zone: example.com", "  record: hello.example.com  # CNAME'd elsewhere too")
                .replace("APP_ENV: production", "ENVIRONMENT: production");
        CommentKeeper.Kept kept = CommentKeeper.keep(EVERYWHERE, rewritten(edited));
        assertThat(kept.dropped()).extracting(CommentKeeper.Dropped::describe).containsExactly(
                "line 34: \"# debug only in staging\" (task.environment.APP_ENV)",
                "line 35: \"# prod!\" (task.environment.APP_ENV)",
                "line 66: \"# DNS: zone managed by infra\" (dns)",
                "line 70: \"# CNAME'd elsewhere too\" (dns.record)");
        assertThat(kept.text()).doesNotContain("infra", "CNAME", "staging", "prod!", "Route53")
                .contains("    ENVIRONMENT: production\n")
                // the comment at the end of the environment map stays there; the file's last comment stays last
                .contains("    GREETING: \"hi # not a comment\"\n    # LOG_LEVEL: debug\n")
                .endsWith("  domain: hello.example.com\n# end of file note\n");
    }

    @Test
    void withNoCommentsOfTheirOwnEveryTemplateComesOutExactlyAsGantryWritesIt() throws Exception {
        for (Path template : templates()) {
            String text = Files.readString(template);
            for (String edited : List.of(text, text.replace("cpu: 256", "cpu: 1024").replace("memory: 512", "memory: 2048"),
                    text.replace("natGateways: single", "natGateways: none").replace("availabilityZones: 2", "availabilityZones: 3"))) {
                String gantrys = rewritten(edited);
                CommentKeeper.Kept kept = CommentKeeper.keep(text, gantrys);
                assertThat(kept.text()).as(template + "").isEqualTo(gantrys);
                assertThat(kept.dropped()).isEmpty();
            }
        }
    }

    @Test
    void aSecondIdenticalEditChangesNothing() throws Exception {
        String gantrys = rewritten(EVERYWHERE.replace("desiredCount: 2", "desiredCount: 4"));
        String once = CommentKeeper.keep(EVERYWHERE, gantrys).text();
        assertThat(CommentKeeper.keep(once, gantrys).text()).isEqualTo(once);
        assertThat(CommentKeeper.keep(once, rewritten(once)).text()).isEqualTo(once);
    }

    @Test
    void aHandWrittenFileKeepsItsCommentsAndGainsGantrysExplanationsBelowThem() throws Exception {
        String hand = """
                # my service
                app: hello   # short name
                version: 1
                region: us-east-1
                task:
                  # pinned by the release job
                  image: nginx:1.27
                """;
        CommentKeeper.Kept kept = CommentKeeper.keep(hand, rewritten(hand));
        assertThat(kept.dropped()).isEmpty();
        assertThat(kept.text()).contains("# my service\n# " + OwnComments.APP + "\napp: hello   # short name\n")
                .contains("  # pinned by the release job\n  image: nginx:1.27\n")
                .containsOnlyOnce("# " + OwnComments.TASK);
        assertThat(SpecLoader.load("gantry.yaml", kept.text())).isEqualTo(SpecLoader.load("gantry.yaml", hand));
    }

    @Test
    void commentsIndentedUnderAMapThatEndsStayAtItsEnd() throws Exception {
        String text = rewritten(EVERYWHERE).replace("    GREETING: \"hi # not a comment\"\n", "    GREETING: \"hi # not a comment\"\n    # TRACE: on\n\n");
        CommentKeeper.Kept kept = CommentKeeper.keep(text, rewritten(text.replace("APP_ENV: production", "APP_ENV: staging")));
        assertThat(kept.text()).contains("    APP_ENV: staging\n    GREETING: \"hi # not a comment\"\n    # TRACE: on\n  # " + OwnComments.SECRETS_1);
    }

    @Test
    void aListWrittenOneItemPerLineStaysSoWithTheCommentsOnItsItems() throws Exception {
        String text = rewritten(EVERYWHERE).replace("  allowedCidrs: [0.0.0.0/0]\n", """
                  # who may connect
                  allowedCidrs:  # VPN ranges only
                    # office
                    - 10.0.0.0/8  # HQ
                    - 192.168.0.0/16  # lab, going away
                    # end of the VPN list
                """).replace("  port: 80  # the port the container listens on\n", """
                  port: 80  # the port the container listens on
                  command:
                    - sh  # the shell
                    - "-c"
                    - "echo #1 && serve"  # quoted on purpose
                """);
        String edited = text.replace("    - 192.168.0.0/16  # lab, going away\n", "    - 172.16.0.0/12\n");
        CommentKeeper.Kept kept = CommentKeeper.keep(text, rewritten(edited));
        assertThat(kept.text()).isEqualTo(edited);
        assertThat(kept.dropped()).extracting(CommentKeeper.Dropped::describe)
                .containsExactly("line 61: \"# lab, going away\" (loadBalancer.allowedCidrs[192.168.0.0/16])");
        assertThat(SpecLoader.load("gantry.yaml", kept.text())).isEqualTo(SpecLoader.load("gantry.yaml", edited));
    }

    @Test
    void wideCharactersBeforeACommentDoNotShiftIt() throws Exception {
        String text = rewritten(EVERYWHERE).replace("    APP_ENV: production\n", "    APP_ENV: \"🚀 prod\"  # 🚀 launch\n")
                .replace("  allowedCidrs: [0.0.0.0/0]\n", "  allowedCidrs:\n    - 0.0.0.0/0  # all 🌍\n");
        CommentKeeper.Kept kept = CommentKeeper.keep(text, rewritten(text.replace("desiredCount: 2", "desiredCount: 3")));
        assertThat(kept.text()).contains("    APP_ENV: \"🚀 prod\"  # 🚀 launch\n").contains("  allowedCidrs:\n    - 0.0.0.0/0  # all 🌍\n");
        assertThat(kept.dropped()).isEmpty();
    }

    @Test
    void windowsLineEndsAndAMissingLastNewlineChangeNothing() throws Exception {
        String edited = EVERYWHERE.replace("cpu: 256", "cpu: 512").replace("memory: 512", "memory: 1024");
        String gantrys = rewritten(edited);
        String expected = CommentKeeper.keep(EVERYWHERE, gantrys).text();
        assertThat(CommentKeeper.keep(EVERYWHERE.replace("\n", "\r\n"), gantrys).text()).isEqualTo(expected);
        assertThat(CommentKeeper.keep(EVERYWHERE.stripTrailing(), gantrys).text()).isEqualTo(expected);
        assertThat(expected).isEqualTo(edited);
    }

    @Test
    void textThatIsNotYamlKeepsNothingAndSaysSo() {
        CommentKeeper.Kept kept = CommentKeeper.keep("app: [unclosed\n# mine\n", "app: x\n");
        assertThat(kept.text()).isEqualTo("app: x\n");
        assertThat(kept.dropped()).extracting(CommentKeeper.Dropped::comment).containsExactly("# mine");
    }

    /** If SpecWriter gains a comment, OwnComments must know it, or the next edit would take it for the person's. */
    @Test
    void everyCommentGantryWritesIsKnownAsGantrys() throws Exception {
        List<String> texts = new ArrayList<>();
        for (Path t : templates()) texts.add(Files.readString(t));
        texts.add(SpecWriter.write(RoundTripTest.maximal()));
        String https = Files.readString(Path.of("templates/web-https.yaml"));
        texts.add(rewritten(https.replace("  vpc: new\n  cidr: 10.0.0.0/16\n  availabilityZones: 2\n  natGateways: single\n", "  vpc: default\n")));
        texts.add(rewritten(https.replace("natGateways: single", "natGateways: none")));
        texts.add(rewritten(https.replace("  domain: hello.example.com\n", "  arn: arn:aws:acm:us-east-1:123456789012:certificate/12345678-1234-1234-1234-123456789012\n")));
        for (String text : texts) {
            CommentLayout layout = CommentLayout.of(text);
            for (CommentLayout.Piece p : layout.pieces) {
                if (p instanceof CommentLayout.Block b) {
                    b.lines().stream().filter(CommentLayout.BlockLine::comment)
                            .forEach(l -> assertThat(OwnComments.isOwn(l.commentText())).as(l.text()).isTrue());
                } else if (p instanceof CommentLayout.Content c && c.eol() >= 0) {
                    assertThat(OwnComments.isOwn(c.comment())).as(c.text()).isTrue();
                }
            }
            assertThat(CommentKeeper.keep(text, text).text()).isEqualTo(text);
        }
    }

    /**
     * Comments at any indentation between any two lines (and after values): the kept text always
     * loads as exactly the new spec, and every comment is either in it, once, or listed as dropped.
     */
    @Test
    void whereverCommentsAreNoValueChangesAndNoCommentIsLostSilently() throws Exception {
        java.util.Random random = new java.util.Random(42);
        List<String> texts = new ArrayList<>();
        for (Path t : templates()) texts.add(Files.readString(t));
        texts.add(SpecWriter.write(RoundTripTest.maximal()));
        int droppedInAll = 0;
        for (String text : texts) {
            for (int round = 0; round < 20; round++) {
                StringBuilder b = new StringBuilder();
                List<String> mine = new ArrayList<>();
                for (String line : text.split("\n")) {
                    if (random.nextInt(3) == 0) {
                        String c = "# mine " + mine.size();
                        mine.add(c);
                        b.append(" ".repeat(2 * random.nextInt(4))).append(c).append('\n');
                    }
                    b.append(line);
                    if (!line.contains("#") && !line.isBlank() && random.nextInt(3) == 0) {
                        String c = "# mine " + mine.size();
                        mine.add(c);
                        b.append("  ").append(c);
                    }
                    b.append('\n');
                }
                String annotated = b.toString();
                boolean dropDns = round % 2 == 1;
                String edited = rewritten(dropDns ? text.replaceAll("(?s)\n# A record in your Route53.*?record: [^\n]*\n", "\n")
                        : text.replace("desiredCount: 2", "desiredCount: 5"));
                CommentKeeper.Kept kept = CommentKeeper.keep(annotated, edited);
                assertThat(SpecLoader.load("gantry.yaml", kept.text())).isEqualTo(SpecLoader.load("gantry.yaml", edited));
                List<String> dropped = kept.dropped().stream().map(CommentKeeper.Dropped::comment).toList();
                for (String c : mine) {
                    long times = kept.text().lines().filter(l -> l.endsWith(c)).count();
                    assertThat(times + (dropped.contains(c) ? 1 : 0)).as(c + " in\n" + annotated).isEqualTo(1);
                }
                assertThat(kept.dropped()).allSatisfy(d -> assertThat(d.path()).startsWith("dns"));
                if (!dropDns) assertThat(dropped).isEmpty();
                if (dropDns && text.contains("\ndns:")) assertThat(edited).doesNotContain("\ndns:");
                droppedInAll += dropped.size();
            }
        }
        assertThat(droppedInAll).isPositive();
    }

    /** The templates gantry init could have written (version 1; it does not edit version-2 files). */
    static List<Path> templates() throws Exception {
        return SpecLoaderTest.version1Templates();
    }
}
