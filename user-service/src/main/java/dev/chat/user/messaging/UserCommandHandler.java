package dev.chat.user.messaging;

import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Outgoing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.chat.contracts.Commands.ListUsers;
import dev.chat.contracts.Operation;
import dev.chat.contracts.Problem.FieldError;
import dev.chat.contracts.ServiceReply;
import dev.chat.contracts.ServiceRequest;
import dev.chat.support.Envelopes;
import dev.chat.support.SignedCommands;
import dev.chat.user.service.AccountOutcome;
import dev.chat.user.service.AccountService;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;

/**
 * Answers the gateways' commands. The reply keeps the request's metadata, so it goes to the reply topic,
 * partition and correlation id that the requesting gateway named in the request's headers. Runs on the Kafka
 * record's Vert.x context, which the repositories' Hibernate Reactive sessions need.
 *
 * <p>Two paths: {@code user.commands} for everything, and {@code user.refresh} for token refreshes only, read by
 * consumers of their own, so a refresh never waits behind logins and registrations hashing passwords.
 *
 * <p>A command whose deadline has passed is dropped unanswered: its gateway has already answered 503, and doing it now
 * would only take time from the commands behind it. Nothing of a command's payload is ever logged: it holds passwords
 * and refresh tokens.
 */
@ApplicationScoped
public class UserCommandHandler {

    private final AccountService accounts;
    private final Envelopes envelopes;
    private final SignedCommands signatures;
    private final UserReplies replies;
    private final ObjectMapper mapper;
    private final MeterRegistry metrics;

    public UserCommandHandler(AccountService accounts, Envelopes envelopes, UserReplies replies, ObjectMapper mapper,
            SignedCommands signatures, MeterRegistry metrics) {
        this.accounts = accounts;
        this.envelopes = envelopes;
        this.signatures = signatures;
        this.replies = replies;
        this.mapper = mapper;
        this.metrics = metrics;
    }

    @Incoming("user-commands")
    @Outgoing("user-replies")
    public Uni<Message<String>> handle(Message<String> request) {
        return handle(request, false);
    }

    @Incoming("user-refresh")
    @Outgoing("user-refresh-replies")
    public Uni<Message<String>> handleRefresh(Message<String> request) {
        return handle(request, true);
    }

    /** The reply to send; null for a command dropped unanswered, which is acknowledged here (nothing else will). */
    private Uni<Message<String>> handle(Message<String> request, boolean refreshPath) {
        String payload = request.getPayload();
        var incoming = request.getMetadata(IncomingKafkaRecordMetadata.class).orElse(null);
        if (incoming == null || !signatures.verify(incoming.getTopic(), payload, incoming.getHeaders())) {
            // Not from a gateway: the caller in it is nobody's word, so nothing is done.
            return Uni.createFrom().item(request.withPayload(envelopes.write(replies.failed())));
        }
        Optional<ServiceRequest> read = envelopes.read(payload);
        if (read.isPresent() && read.get().isExpiredAt(System.currentTimeMillis())) {
            metrics.counter("chat.users.commands.expired", "op", wireName(read.get().op())).increment();
            return Uni.createFrom().completionStage(request.ack()).onItem().transform(acked -> null);
        }
        Timer.Sample sample = Timer.start(metrics);
        String op = read.map(command -> wireName(command.op())).orElse("(unreadable)");
        return Uni.createFrom().deferred(() -> answer(payload, read, refreshPath))
                .onFailure().recoverWithItem(e -> {
                    // The operation and the failure; never the payload.
                    Log.errorf(e, "command %s failed", op);
                    return replies.failed();
                })
                // Time to the answer by operation and status (a histogram: LatencyHistograms); logins take bcrypt's time.
                .invoke(reply -> sample.stop(metrics.timer("chat.users.commands", "op", op, "status", Integer.toString(reply.status()))))
                .map(reply -> request.withPayload(envelopes.write(reply)));
    }

    Uni<ServiceReply> answer(String payload) {
        return answer(payload, envelopes.read(payload), false);
    }

    private Uni<ServiceReply> answer(String payload, Optional<ServiceRequest> read, boolean refreshPath) {
        if (read.isEmpty()) {
            return reply(replies.unreadable());
        }
        ServiceRequest command = read.get();
        Operation op = command.op();
        if (op == null) {
            return reply(replies.unknownOperation(requestedName(payload)));
        }
        if (refreshPath && op != Operation.AUTH_REFRESH) {
            // The refresh path stays cheap: nothing that hashes a password runs on it.
            return reply(replies.notOnRefreshPath(op.wireName()));
        }
        // auth.logout answers a missing caller itself: there is no session to end.
        if (op.owner() == Operation.Owner.USER && op.needsCaller() && op != Operation.AUTH_LOGOUT && command.caller() == null) {
            return reply(replies.unauthenticated());
        }
        return switch (op) {
            case AUTH_REGISTER -> reply(accounts.register(command.body()));
            case AUTH_LOGIN -> reply(accounts.login(command.body()));
            case AUTH_REFRESH -> reply(accounts.refresh(command.body()));
            case AUTH_LOGOUT -> reply(accounts.logout(command.caller()));
            case USERS_ME -> reply(accounts.me(command.caller()));
            case USERS_LIST -> listUsers(command.body()).map(params -> reply(accounts.list(params)))
                    .orElseGet(() -> reply(replies.of(new AccountOutcome.Invalid(
                            List.of(new FieldError("body", "query, online and limit must be strings"))))));
            default -> reply(replies.unknownOperation(op.wireName()));
        };
    }

    private static String wireName(Operation op) {
        return op == null ? "(unknown)" : op.wireName();
    }

    private Uni<ServiceReply> reply(Uni<AccountOutcome> outcome) {
        return outcome.map(replies::of);
    }

    private static Uni<ServiceReply> reply(ServiceReply reply) {
        return Uni.createFrom().item(reply);
    }

    /** users.list's parameters; empty if a field is not a plain value. */
    private Optional<ListUsers> listUsers(JsonNode body) {
        if (body == null || !body.isObject()) {
            return Optional.of(new ListUsers(null, null, null));
        }
        try {
            return Optional.of(mapper.treeToValue(body, ListUsers.class));
        } catch (Exception e) {
            return Optional.empty();
        }
    }

    /** The operation as the sender named it, for the answer to one this version does not know. */
    private String requestedName(String payload) {
        try {
            JsonNode op = mapper.readTree(payload).get("op");
            return op == null || op.isNull() ? "" : op.asText();
        } catch (Exception e) {
            return "";
        }
    }
}
