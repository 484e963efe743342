package dev.gantry.wizard;

import dev.gantry.spec.Regions;

import java.util.List;

/** Welcome (region) and App (name, image, port). */
final class AppQuestions {
    private AppQuestions() {}

    /** build when the file has a task.build section; else not answered (the Dockerfile decides the default). */
    private static final SpecField<String> SOURCE = SpecField.shape("task.source",
            d -> d.value("task.build") instanceof java.util.Map ? "build" : null,
            d -> { if (d.shape("task.source").equals("build")) d.section("task.build"); });

    /** Version 2: a service not named like the app, which runs an image built elsewhere (docs/spec.md). */
    private static boolean otherService(AnswersSoFar k) { return k.service() != null && !k.service().equals(k.get("app")); }

    /** A service of several (version 2) that is neither public nor internal: nothing connects to it. */
    private static boolean worker(AnswersSoFar k) {
        return EdgeQuestions.servicesVersion(k) && !k.is("loadBalancer", "yes") && !k.is("internal", "true");
    }

    static List<Question> all() {
        return List.of(
                Question.in(WizardScreen.WELCOME, SpecField.text("region"), Kind.CHOICE)
                        .title("AWS region")
                        .explain("""
                                The AWS region where everything is created. Pick the one closest to your users: \
                                every request travels there. Prices differ a little by region; the estimates here \
                                use us-east-1. Default: your AWS configuration's region, else us-east-1.""")
                        .defaults(k -> k.facts().defaultRegion())
                        .choices(Regions.KNOWN.stream().map(r -> new Choice(r, r, null)).toList())
                        .validate(Checks::region)
                        .option("--region", "CODE")
                        .build(),
                Question.in(WizardScreen.APP, SpecField.text("app"), Kind.TEXT)
                        .title("App name")
                        .explain("""
                                A short name for this service, e.g. hello or billing-api. It prefixes every AWS \
                                resource gantry creates (hello-alb, /gantry/hello logs) and tags them, so you can \
                                find them and two apps never collide. 2–28 characters: lowercase letters, digits \
                                and hyphens. Changing it later creates a new, separate stack. Default: the \
                                folder's name, made valid.""")
                        .defaults(k -> k.facts().appFromFolder())
                        .validate(Checks::app)
                        .option("--app", "NAME")
                        .build(),
                Question.in(WizardScreen.APP, SOURCE, Kind.CHOICE)
                        .title("Where the image comes from")
                        .explain("""
                                This folder holds a Dockerfile. build: each apply builds it here (with docker \
                                buildx, podman or finch) for the task's platform (linux/amd64, or linux/arm64 for \
                                arm64), pushes it to an ECR repository named after the app (scan on push, \
                                immutable tags, the last 30 images kept) and deploys it by digest; while the folder \
                                is unchanged nothing is rebuilt. The repository costs ECR storage, about $0.10 per \
                                GB-month (a 200 MB image kept 30 times: about $0.60 a month); destroy deletes it with \
                                its images unless --keep-images. image: an image already in a registry. Default: \
                                build, when the folder has a Dockerfile.""")
                        .defaults(k -> k.facts().dockerfile() != null && !otherService(k) ? "build" : "image")
                        .choices(List.of(new Choice("build", "build from ./Dockerfile", "Built here, pushed to ECR, deployed by digest."),
                                new Choice("image", "an image in a registry", "Type its name next.")))
                        // Another service's build written in the file is kept as it is (any service may build).
                        .when(k -> !otherService(k) && k.facts().dockerfile() != null || k.given("task.source"),
                                "a folder with a Dockerfile, for the service named like the app, or a build in the file")
                        .toggle("--build", "build", "Build the image from the Dockerfile in the spec's folder (task.build).")
                        .toggle("--no-build", "image", "Deploy an image from a registry (--image), not the folder's Dockerfile.")
                        .build(),
                Question.in(WizardScreen.APP, SpecField.text("task.build.dockerfile"), Kind.TEXT)
                        .title("Dockerfile")
                        .explain("""
                                The Dockerfile to build, relative to gantry.yaml's folder (the folder itself is \
                                the build context). Default: Dockerfile.""")
                        .defaults(k -> k.facts().dockerfile() != null ? k.facts().dockerfile() : "Dockerfile")
                        .validate(v -> v != null && v.matches("[A-Za-z0-9._-][A-Za-z0-9._/-]*") ? null
                                : "task.build.dockerfile: a path relative to gantry.yaml's folder, e.g. Dockerfile or docker/Dockerfile.prod")
                        .when(k -> k.is("task.source", "build"), "building from a Dockerfile")
                        .option("--dockerfile", "PATH", "The Dockerfile to build, relative to the spec's folder (implies --build).").implying("--build")
                        .build(),
                Question.in(WizardScreen.APP, SpecField.text("task.image"), Kind.TEXT)
                        .title("Container image")
                        .explain("""
                                The image your service runs: registry/repository:tag, e.g. \
                                123456789012.dkr.ecr.us-east-1.amazonaws.com/hello:1.4.2, or a digest @sha256:…. \
                                Pin a version tag: a moving :latest makes deploys unrepeatable. Default: public \
                                nginx, handy for trying the whole stack before your own image is ready.
                                Only a Dockerfile so far? Push the image to ECR: aws ecr create-repository \
                                --repository-name APP; aws ecr get-login-password | docker login --username AWS \
                                --password-stdin ACCOUNT.dkr.ecr.REGION.amazonaws.com; docker build -t \
                                ACCOUNT.dkr.ecr.REGION.amazonaws.com/APP:1.0 . ; docker push that name, and type it \
                                here. Or push to a public registry (Docker Hub, ghcr.io) and use its name.""")
                        .defaults("public.ecr.aws/nginx/nginx:1.27")
                        .validate(Checks::image)
                        .warn((v, k) -> Checks.imageWarning(v))
                        .when(k -> !k.is("task.source", "build"), "an image from a registry (not a build)")
                        .option("--image", "IMAGE")
                        .build(),
                Question.in(WizardScreen.APP, SpecField.integer("task.port"), Kind.TEXT)
                        .title("Container port")
                        .explain("""
                                The port your container listens on inside (1–65535). The load balancer forwards \
                                traffic there; the outside world still uses 80 and 443. Default 80 (nginx). \
                                Node apps often use 3000, Spring Boot 8080. When building, the Dockerfile's \
                                EXPOSE is the default. A worker of several services (version 2) takes no                                 connections: it needs no port, and has none unless you give one.""")
                        .defaults(k -> worker(k) ? "" : k.is("task.source", "build") && k.facts().exposedPort() != null ? String.valueOf(k.facts().exposedPort()) : "80")
                        .validate((v, k) -> v.isBlank() && worker(k) ? null : Checks.port(v))
                        .option("--port", "PORT")
                        .build());
    }
}
