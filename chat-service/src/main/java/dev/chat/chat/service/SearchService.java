package dev.chat.chat.service;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;

import dev.chat.chat.domain.Message;
import dev.chat.chat.domain.SearchQuery;
import dev.chat.chat.repository.SearchRepository;
import dev.chat.contracts.ServiceRequest.Caller;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.smallrye.mutiny.Uni;

/** Full-text search in the caller's rooms: ranked, paged, each hit with its room and seq so a client can open it there. */
@ApplicationScoped
public class SearchService {

    private final SearchRepository search;
    private final RoomAccess access;
    private final ReplyBudget budget;
    private final MeterRegistry metrics;

    public SearchService(SearchRepository search, RoomAccess access, ReplyBudget budget, MeterRegistry metrics) {
        this.search = search;
        this.access = access;
        this.budget = budget;
        this.metrics = metrics;
    }

    /** In one room (members only: a stranger is told so, not given an empty page) or in all the caller's rooms. */
    public Uni<Outcome> search(Caller caller, JsonNode body) {
        var input = SearchQuery.of(body);
        if (!input.isValid()) {
            return RoomAccess.now(new Outcome.Invalid(input.errors()));
        }
        var query = input.value();
        UUID userId = UUID.fromString(caller.userId());
        if (query.roomId() != null) {
            return access.asMember(query.roomId(), userId, found -> run(userId, query));
        }
        return run(userId, query);
    }

    private Uni<Outcome> run(UUID userId, SearchQuery query) {
        Timer.Sample sample = Timer.start(metrics);
        return search.search(userId, query).map(hits -> {
            sample.stop(metrics.timer("chat.messages.search"));
            List<Message> kept = budget.first(hits.messages());
            return new Outcome.Found(Map.of("messages", kept, "hasMore", hits.hasMore() || kept.size() < hits.messages().size()));
        });
    }
}
