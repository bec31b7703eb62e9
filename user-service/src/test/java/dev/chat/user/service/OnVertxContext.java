package dev.chat.user.service;

import java.time.Duration;
import java.util.function.Supplier;

import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;

/**
 * Runs a service call as a Kafka handler runs it: on a Vert.x duplicated context, which Hibernate Reactive needs
 * (a test method's own thread has none), and waits for its item.
 */
public final class OnVertxContext {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private OnVertxContext() {
    }

    public static <T> T await(Supplier<Uni<T>> call) {
        try {
            return VertxContextSupport.subscribeAndAwait(() -> call.get().ifNoItem().after(WAIT).fail());
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }
}
