package dev.chat.chat.service;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.chat.contracts.Problem;
import dev.chat.contracts.Problem.FieldError;
import dev.chat.contracts.ServiceReply;
import io.smallrye.mutiny.Uni;

/** Builds replies: results with the service's ObjectMapper, problems in the contract's shape. */
@ApplicationScoped
public class Replies {

    private final ObjectMapper mapper;

    public Replies(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    public ServiceReply ok(int status, Object body) {
        return new ServiceReply(status, body == null ? null : mapper.valueToTree(body));
    }

    public ServiceReply problem(int status, String code, String detail) {
        return new ServiceReply(status, mapper.valueToTree(Problem.of(status, code, detail)));
    }

    public Uni<ServiceReply> now(ServiceReply reply) {
        return Uni.createFrom().item(reply);
    }

    public Uni<ServiceReply> invalid(List<FieldError> errors) {
        return now(validation(errors));
    }

    public ServiceReply validation(List<FieldError> errors) {
        return new ServiceReply(400, mapper.valueToTree(Problem.validation(errors)));
    }
}
