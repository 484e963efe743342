package dev.gantry.spec;

import java.util.List;

/**
 * One service of an app: its task, how ECS runs it, and how it is reached: {@code publicAccess}
 * (null: not through the load balancer) and {@code internal} (reachable by the app's other services
 * by name). Neither: a worker.
 */
public record AppService(String name, Task task, Service service, PublicAccess publicAccess, boolean internal) {
    public AppService {
        java.util.Objects.requireNonNull(name, "name");
        service = service == null ? Service.defaults() : service;
    }

    public boolean isPublic() { return publicAccess != null; }

    public boolean isWorker() { return publicAccess == null && !internal; }

    /** The hosts its public routes name (none for a service that is not public). */
    public List<String> hosts() { return isPublic() ? publicAccess.hosts() : List.of(); }

    /**
     * Whether it keeps version 1's addresses and AWS names: a service named exactly like the app,
     * which is what a version-1 file and {@code gantry migrate} give, so a running stack keeps its
     * resources.
     */
    public boolean keepsVersion1Names(String app) { return name.equals(app); }

    public AppService withTask(Task t) { return new AppService(name, t, service, publicAccess, internal); }
    public AppService withService(Service s) { return new AppService(name, task, s, publicAccess, internal); }
    public AppService withPublicAccess(PublicAccess p) { return new AppService(name, task, service, p, internal); }
}
