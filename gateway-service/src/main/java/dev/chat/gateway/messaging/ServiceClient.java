package dev.chat.gateway.messaging;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.chat.contracts.CommandSignature;
import dev.chat.contracts.ErrorCodes;
import dev.chat.contracts.Operation;
import dev.chat.contracts.Problem;
import dev.chat.contracts.SendAcks;
import dev.chat.contracts.ServiceReply;
import dev.chat.contracts.ServiceRequest;
import dev.chat.contracts.ServiceRequest.Caller;
import dev.chat.contracts.TraceHeaders;
import dev.chat.gateway.config.GatewayConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.quarkus.logging.Log;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.smallrye.mutiny.TimeoutException;
import io.smallrye.mutiny.Uni;

/**
 * Calls a service over Kafka request-reply and waits, up to the configured timeout, for its answer; a
 * service that does not answer in time becomes a 503 problem, never a hanging call.
 */
public abstract class ServiceClient {

    /** The problem member that says how long to wait before trying again (REST also sends Retry-After). */
    public static final String RETRY_AFTER_MS = "retryAfterMs";

    private final String service;
    private final ServiceRequests requests;
    private final ObjectMapper mapper;
    private final CommandSignature signature;
    private final Duration timeout;
    private final Duration retryAfter;
    private final InFlightBudget budget;
    private final MeterRegistry metrics;
    private final Tracer tracer;
    private final Timer replyWaited;

    protected ServiceClient(String service, ServiceRequests requests, ObjectMapper mapper,
            CommandSignature signature, GatewayConfig config, MeterRegistry metrics, Tracer tracer) {
        this.tracer = tracer;
        this.service = service;
        this.timeout = config.requestTimeout();
        this.retryAfter = config.overload().retryAfter();
        // While a service is stalled, one call per retry-after probes it: what the shed callers are told to wait.
        this.budget = new InFlightBudget(config.overload().maxInFlight(), config.overload().stallAfter().toNanos(),
                config.overload().retryAfter().toNanos(), System.nanoTime());
        metrics.gauge("chat.gateway.service.in_flight", Tags.of("service", service, "client", getClass().getSimpleName()), budget,
                InFlightBudget::inFlight);
        this.requests = requests;
        this.mapper = mapper;
        this.signature = signature;
        this.metrics = metrics;
        this.replyWaited = metrics.timer("chat.gateway.service.reply_waited", "service", service);
    }

    /**
     * @param body one of {@link dev.chat.contracts.Commands}' records, or a client's JSON body passed through
     * @param key  orders calls with the same key (a room id, a user id); null spreads them
     */
    public Uni<ServiceReply> call(Operation op, Caller caller, Object body, String key) {
        // Deferred: the budget counts a call when it is made (subscribed), not when its Uni is built.
        return Uni.createFrom().deferred(() -> send(op, caller, body, key, null));
    }

    /**
     * As {@link #call(Operation, Caller, Object, String)}, answered by whichever comes first: the service's reply, or what
     * {@code byEvent} gives (a send's own message event, SendAcks), which the service is then told it may leave unanswered.
     * {@code byEvent} is asked when the call is made, before the command is written; null from it means a plain call.
     */
    protected Uni<ServiceReply> call(Operation op, Caller caller, Object body, String key, Supplier<Uni<ServiceReply>> byEvent) {
        return Uni.createFrom().deferred(() -> send(op, caller, body, key, byEvent));
    }

    private Uni<ServiceReply> send(Operation op, Caller caller, Object body, String key, Supplier<Uni<ServiceReply>> byEvent) {
        if (!budget.tryStart(System.nanoTime())) {
            metrics.counter("chat.gateway.service.shed", "service", service).increment();
            return Uni.createFrom().item(overloaded());
        }
        String payload;
        try {
            payload = mapper.writeValueAsString(new Outgoing(op, caller, body, System.currentTimeMillis() + timeout.toMillis()));
        } catch (Exception e) {
            budget.ended(false, System.nanoTime());
            return Uni.createFrom().failure(e);
        }
        Timer.Sample sample = Timer.start(metrics);
        // The call's span starts the trace of what it causes (a send: storing, publishing, every gateway's fan-out);
        // its context goes with the command (TraceHeaders). A child of the HTTP request's span on REST calls.
        Span span = tracer.spanBuilder(op.wireName()).setSpanKind(SpanKind.PRODUCER).setAttribute("chat.service", service)
                .setAttribute("messaging.system", "kafka").startSpan();
        // Signed over the whole envelope, so the service can believe the caller in it (CommandSignature).
        RecordHeaders headers = new RecordHeaders();
        headers.add(new RecordHeader(CommandSignature.HEADER, signature.sign(payload)));
        TraceHeaders.inject(Context.current().with(span), headers);
        Uni<ServiceReply> event = byEvent == null ? null : byEvent.get();
        if (event != null) {
            SendAcks.requestByEvent(headers);
        }
        Uni<ServiceReply> replied = requests.request(key == null ? UUID.randomUUID().toString() : key, payload, headers).map(reply -> {
            // From the service's write of the reply to its arrival here: the reply's share of the round trip.
            replyWaited.record(Math.max(0, System.currentTimeMillis() - reply.timestamp()), TimeUnit.MILLISECONDS);
            return parse(reply.value());
        });
        // The loser is cancelled: a waiting reply or event is forgotten as soon as the other answered.
        return (event == null ? replied : Uni.combine().any().of(replied, event))
                .ifNoItem().after(timeout).fail()
                .onItemOrFailure().invoke((reply, failure) -> {
                    budget.ended(failure == null, System.nanoTime());
                    sample.stop(metrics.timer("chat.gateway.service.calls",
                            "service", service, "op", op.wireName(), "outcome", failure == null ? "reply" : "failure"));
                    if (failure != null) {
                        span.setStatus(StatusCode.ERROR, failure.getClass().getSimpleName());
                    } else {
                        span.setAttribute("chat.reply.status", reply.status());
                    }
                    span.end();
                })
                // A caller that went away (a closed HTTP request) ends its call too.
                .onCancellation().invoke(() -> {
                    budget.ended(false, System.nanoTime());
                    span.end();
                })
                .onFailure().recoverWithItem(failure -> unavailable(op, failure));
    }

    /**
     * A {@link ServiceRequest} as it is written: the body serialised straight from its record, without a tree between;
     * the deadline is when this call stops waiting.
     */
    @RegisterForReflection
    record Outgoing(Operation op, Caller caller, Object body, long deadline) {
    }

    public String service() {
        return service;
    }

    private ServiceReply parse(String payload) {
        try {
            return mapper.readValue(payload, ServiceReply.class);
        } catch (Exception e) {
            throw new IllegalStateException("unreadable reply from " + service, e);
        }
    }

    /** A call shed before it was sent: 503 {@code overloaded}, with how long to wait (problem+json extension member). */
    private ServiceReply overloaded() {
        Problem problem = Problem.of(503, ErrorCodes.OVERLOADED,
                "the " + service.replace("-service", "") + " service is overloaded; try again shortly");
        var body = mapper.<ObjectNode>valueToTree(problem);
        body.put(RETRY_AFTER_MS, retryAfter.toMillis());
        return new ServiceReply(503, body);
    }

    private ServiceReply unavailable(Operation op, Throwable failure) {
        if (failure instanceof TimeoutException) {
            Log.warnf("%s did not answer %s within %s", service, op, timeout);
        } else {
            Log.errorf(failure, "call %s to %s failed", op, service);
        }
        Problem problem = Problem.of(503, ErrorCodes.SERVICE_UNAVAILABLE,
                "the " + service.replace("-service", "") + " service did not answer in time; try again");
        return new ServiceReply(503, mapper.valueToTree(problem));
    }
}
