package dev.chat.gateway.websocket;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.chat.contracts.Operation;
import dev.chat.contracts.ServiceReply;
import dev.chat.contracts.ServiceRequest.Caller;
import dev.chat.gateway.messaging.ChatServiceClient;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;

/**
 * The room positions each welcome needs, one {@code rooms.positions} call per user at a time: the tabs a person opens
 * together (a browser restoring its session, everyone back after a deploy) share the call the first one made. Sharing
 * is safe because a welcome's positions may be a little old anyway: a connection follows its rooms from them, and the
 * next live message fills whatever came between (RoomDeliveries).
 */
@ApplicationScoped
class WelcomePositions {

    private final Function<Caller, Uni<ServiceReply>> call;
    private final Map<String, CompletableFuture<ServiceReply>> inFlight = new ConcurrentHashMap<>();
    private final Counter shared;

    @Inject
    WelcomePositions(ChatServiceClient chat, MeterRegistry metrics) {
        this(caller -> chat.call(Operation.ROOMS_POSITIONS, caller, null, caller.userId()), metrics);
    }

    /** @param call asks chat-service for a caller's positions */
    WelcomePositions(Function<Caller, Uni<ServiceReply>> call, MeterRegistry metrics) {
        this.call = call;
        this.shared = metrics.counter("chat.gateway.welcome.positions_shared");
    }

    /** The caller's room positions: from the call in flight for this user if there is one, else from a new call. */
    Uni<ServiceReply> of(Caller caller) {
        return Uni.createFrom().deferred(() -> {
            CompletableFuture<ServiceReply> mine = new CompletableFuture<>();
            CompletableFuture<ServiceReply> running = inFlight.putIfAbsent(caller.userId(), mine);
            if (running != null) {
                shared.increment();
                return answerOf(running);
            }
            call.apply(caller).subscribe().with(reply -> {
                inFlight.remove(caller.userId(), mine);
                mine.complete(reply);
            }, failure -> {
                inFlight.remove(caller.userId(), mine);
                mine.completeExceptionally(failure);
            });
            return answerOf(mine);
        });
    }

    /** A waiter's view of the shared answer: one tab going away does not cancel the others' call. */
    private static Uni<ServiceReply> answerOf(CompletableFuture<ServiceReply> answer) {
        return Uni.createFrom().emitter(emitter -> answer.whenComplete((reply, failure) -> {
            if (failure != null) {
                emitter.fail(failure);
            } else {
                emitter.complete(reply);
            }
        }));
    }

    int inFlight() {
        return inFlight.size();
    }
}
