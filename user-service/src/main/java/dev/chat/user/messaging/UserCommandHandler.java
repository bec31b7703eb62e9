package dev.chat.user.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Outgoing;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.chat.contracts.ErrorCodes;
import dev.chat.contracts.Problem;
import dev.chat.contracts.ServiceReply;
import dev.chat.contracts.ServiceRequest;
import dev.chat.user.service.AccountService;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;

/**
 * Answers the gateways' commands. The reply keeps the request's metadata, so it goes to the reply topic,
 * partition and correlation id that the requesting gateway named in the request's headers.
 */
@ApplicationScoped
public class UserCommandHandler {

    private final AccountService accounts;
    private final ObjectMapper mapper;

    public UserCommandHandler(AccountService accounts, ObjectMapper mapper) {
        this.accounts = accounts;
        this.mapper = mapper;
    }

    @Incoming("user-commands")
    @Outgoing("user-replies")
    public Uni<Message<String>> handle(Message<String> request) {
        return answer(request.getPayload())
                .onFailure().recoverWithItem(e -> {
                    Log.errorf(e, "command failed: %s", request.getPayload());
                    return problem(Problem.of(500, ErrorCodes.INTERNAL_ERROR, "the user service failed to handle the call"));
                })
                .map(reply -> request.withPayload(json(reply)));
    }

    Uni<ServiceReply> answer(String payload) {
        ServiceRequest command;
        try {
            command = mapper.readValue(payload, ServiceRequest.class);
        } catch (Exception e) {
            return Uni.createFrom().item(problem(Problem.of(400, ErrorCodes.VALIDATION_FAILED, "unreadable command")));
        }
        String op = command.op() == null ? "" : command.op();
        if (op.startsWith("users.") && command.caller() == null) {
            return Uni.createFrom().item(problem(Problem.of(401, ErrorCodes.UNAUTHORIZED, "authentication required")));
        }
        return switch (op) {
            case "auth.register" -> accounts.register(command.body());
            case "auth.login" -> accounts.login(command.body());
            case "auth.refresh" -> accounts.refresh(command.body());
            case "auth.logout" -> accounts.logout(command.caller());
            case "users.me" -> accounts.me(command.caller());
            case "users.list" -> accounts.list(command.body());
            default -> Uni.createFrom().item(problem(Problem.of(400, ErrorCodes.VALIDATION_FAILED, "unknown operation " + op)));
        };
    }

    private ServiceReply problem(Problem problem) {
        return new ServiceReply(problem.status(), mapper.valueToTree(problem));
    }

    private String json(ServiceReply reply) {
        try {
            return mapper.writeValueAsString(reply);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
