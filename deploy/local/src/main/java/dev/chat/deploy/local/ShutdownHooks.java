package dev.chat.deploy.local;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Logger;

/**
 * Takes the JVM shutdown hooks that zonky (PostgreSQL) and embedded-redis register unconditionally. On SIGTERM the
 * JVM runs every hook at once, so theirs stopped the databases within 0.2 s while the launcher was still stopping the
 * services that use them (which then hung on a broker or database that had gone). The launcher, which stops
 * everything in order itself, adopts them: they are unregistered, and {@link LocalInfrastructure#close} stops the
 * servers last. Reading the JVM's hook table needs {@code --add-opens java.base/java.lang=ALL-UNNAMED} (./run-local
 * passes it); without it nothing is adopted and the libraries keep their own hooks, as in tests.
 */
final class ShutdownHooks {

    private static final Logger LOG = Logger.getLogger(ShutdownHooks.class.getName());

    private ShutdownHooks() {
    }

    /** The hooks registered so far, or null if the table cannot be read. */
    static Set<Thread> registered() {
        try {
            Class<?> table = Class.forName("java.lang.ApplicationShutdownHooks");
            Field hooks = table.getDeclaredField("hooks");
            hooks.setAccessible(true);
            synchronized (table) {
                @SuppressWarnings("unchecked")
                Map<Thread, Thread> current = (Map<Thread, Thread>) hooks.get(null);
                return current == null ? Set.of() : Set.copyOf(new IdentityHashMap<>(current).keySet());
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    /** Unregisters the hooks added since {@code before} was taken; returns how many. */
    static int adoptSince(Set<Thread> before) {
        Set<Thread> now = registered();
        if (before == null || now == null) {
            LOG.fine("shutdown hooks cannot be read (no --add-opens java.base/java.lang); the libraries keep theirs");
            return 0;
        }
        List<Thread> added = new ArrayList<>();
        for (Thread hook : now) {
            if (!before.contains(hook)) {
                added.add(hook);
            }
        }
        added.forEach(Runtime.getRuntime()::removeShutdownHook);
        return added.size();
    }
}
