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

    /** Version 2: a service not named like the app, which builds from the folder named like it, if any (docs/spec.md). */
    private static boolean otherService(AnswersSoFar k) { return k.service() != null && !k.service().equals(k.get("app")); }

    /** The Dockerfile the focused service builds by default: the spec's folder's, or another service's own folder's (api/Dockerfile). */
    private static String foundDockerfile(AnswersSoFar k) {
        return otherService(k) ? k.facts().dockerfileFolder(k.service()).map(LookupResults.DockerfileFolder::dockerfile).orElse(null)
                : k.facts().dockerfile();
    }

    /** The first port the focused service's Dockerfile EXPOSEs, or null. */
    private static Integer foundPort(AnswersSoFar k) {
        return otherService(k) ? k.facts().dockerfileFolder(k.service()).map(LookupResults.DockerfileFolder::exposedPort).orElse(null)
                : k.facts().exposedPort();
    }

    /** The build context as gantry.yaml names it, without a leading ./ (api). */
    private static String context(AnswersSoFar k) {
        String c = k.get("task.build.context");
        String n = c == null ? "" : c.strip().replaceAll("^(\\./)+", "").replaceAll("/+$", "");
        return n.isEmpty() || n.equals(".") ? "." : n;
    }

    /** The Dockerfile a build uses when none is named, as the context is written: Dockerfile, api/Dockerfile, ./api/Dockerfile. */
    static String contextDockerfile(AnswersSoFar k) {
        String c = k.get("task.build.context");
        if (c == null || c.isBlank() || c.equals(".") || c.equals("./")) return "Dockerfile";
        return c.replaceAll("/+$", "") + "/Dockerfile";
    }

    /** A path relative to gantry.yaml's folder as a person reads it: ./api/Dockerfile. */
    private static String shown(String path) { return path.startsWith("./") || path.startsWith("/") ? path : "./" + path; }

    /** Where the image comes from, for a service not named like the app: its own folder, its own repository. */
    private static String otherSource(AnswersSoFar k) {
        String folder = context(k).equals(".") ? "gantry.yaml's folder" : "./" + context(k);
        return "build: each apply builds the image of " + folder + " from " + shown(k.get("task.build.dockerfile"))
                + " (with docker buildx, podman or finch) for the task's platform (linux/amd64, or linux/arm64 for arm64), pushes it to an ECR repository named "
                + k.get("app") + "-" + k.service() + " (scan on push, immutable tags, the last 30 images kept; a service whose build is the same as"
                + " another's shares that one's image and repository) and deploys it by digest; while the folder is unchanged nothing is rebuilt."
                + " The repository costs ECR storage, about $0.10 per GB-month (a 200 MB image kept 30 times: about $0.60 a month); destroy deletes"
                + " it with its images unless --keep-images. image: an image already in a registry. Default: build, when a folder named like the"
                + " service beside gantry.yaml (./" + k.service() + ") holds a Dockerfile.";
    }

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
                        .explain(k -> otherService(k) ? otherSource(k) : """
                                This folder holds a Dockerfile. build: each apply builds it here (with docker \
                                buildx, podman or finch) for the task's platform (linux/amd64, or linux/arm64 for \
                                arm64), pushes it to an ECR repository named after the app (scan on push, \
                                immutable tags, the last 30 images kept) and deploys it by digest; while the folder \
                                is unchanged nothing is rebuilt. The repository costs ECR storage, about $0.10 per \
                                GB-month (a 200 MB image kept 30 times: about $0.60 a month); destroy deletes it with \
                                its images unless --keep-images. image: an image already in a registry. Default: \
                                build, when the folder has a Dockerfile.""")
                        .defaults(k -> foundDockerfile(k) != null ? "build" : "image")
                        .choices(k -> List.of(new Choice("build", otherService(k) ? "build from " + shown(k.get("task.build.dockerfile")) : "build from ./Dockerfile",
                                        "Built here, pushed to ECR, deployed by digest."),
                                new Choice("image", "an image in a registry", "Type its name next.")))
                        // A build written in the file is offered as it is, whatever folder it builds.
                        .when(k -> foundDockerfile(k) != null || k.given("task.source"),
                                "a Dockerfile in the spec's folder (for another service of version 2: in the folder named like it), or a build in the file")
                        .toggle("--build", "build", "Build the image from a Dockerfile (task.build): the spec's folder's, or for another service "
                                + "of version 2 (--service NAME) its folder's, ./NAME.")
                        .toggle("--no-build", "image", "Deploy an image from a registry (--image), not the folder's Dockerfile.")
                        .build(),
                Question.in(WizardScreen.APP, SpecField.text("task.build.context"), Kind.TEXT)
                        .title("Build context")
                        .explain(k -> "The folder sent to the builder, relative to gantry.yaml's folder: the files the Dockerfile's COPY and ADD "
                                + "can read. Default: the folder named like the service when it holds a Dockerfile ("
                                + (k.service() == null ? "./NAME" : "./" + k.service()) + "), else gantry.yaml's folder (.).")
                        .defaults(k -> k.facts().dockerfileFolder(k.service()).filter(f -> otherService(k)).map(LookupResults.DockerfileFolder::name).orElse("."))
                        .validate(v -> v != null && v.matches("[A-Za-z0-9._-][A-Za-z0-9._/-]*") ? null
                                : "task.build.context: a folder relative to gantry.yaml's folder, e.g. . or api")
                        // The service named like the app builds the spec's folder, as a version-1 spec does.
                        .when(k -> otherService(k) && k.is("task.source", "build"), "building another service than the one named like the app (version 2)")
                        .option("--build-context", "DIR", "The folder another service builds, relative to the spec's folder (implies --build; default: ./NAME when it holds a Dockerfile).")
                        .implying("--build")
                        .build(),
                Question.in(WizardScreen.APP, SpecField.text("task.build.dockerfile"), Kind.TEXT)
                        .title("Dockerfile")
                        .explain(k -> otherService(k) ? "The Dockerfile to build, relative to gantry.yaml's folder (not to the build context). "
                                + "Default: the build context's own, " + contextDockerfile(k) + "." : """
                                The Dockerfile to build, relative to gantry.yaml's folder (the folder itself is \
                                the build context). Default: Dockerfile.""")
                        .defaults(k -> otherService(k) ? contextDockerfile(k) : k.facts().dockerfile() != null ? k.facts().dockerfile() : "Dockerfile")
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
                        .defaults(k -> worker(k) ? "" : k.is("task.source", "build") && foundPort(k) != null ? String.valueOf(foundPort(k)) : "80")
                        .validate((v, k) -> v.isBlank() && worker(k) ? null : Checks.port(v))
                        .option("--port", "PORT")
                        .build());
    }
}
