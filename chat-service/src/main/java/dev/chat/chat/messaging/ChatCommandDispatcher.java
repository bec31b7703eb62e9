package dev.chat.chat.messaging;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.chat.chat.repository.UserDirectory;
import dev.chat.chat.service.ChannelService;
import dev.chat.chat.service.DirectRoomService;
import dev.chat.chat.service.MembershipService;
import dev.chat.chat.service.MessageService;
import dev.chat.chat.service.Outcome;
import dev.chat.chat.service.ReactionService;
import dev.chat.chat.service.ReadMarkerService;
import dev.chat.chat.service.SearchService;
import dev.chat.contracts.ServiceRequest;
import dev.chat.contracts.ServiceRequest.Caller;
import dev.chat.support.Times;
import io.opentelemetry.context.Context;
import io.smallrye.mutiny.Uni;

/** Which use case answers which operation. Knows no transport: it takes a command and gives its outcome. */
@ApplicationScoped
public class ChatCommandDispatcher {

    private final ChannelService channels;
    private final MembershipService membership;
    private final DirectRoomService directRooms;
    private final ReadMarkerService readMarkers;
    private final MessageService messages;
    private final UserDirectory users;
    private final ReactionService reactions;
    private final SearchService search;

    public ChatCommandDispatcher(ChannelService channels, MembershipService membership, DirectRoomService directRooms,
            ReadMarkerService readMarkers, MessageService messages, UserDirectory users, ReactionService reactions,
            SearchService search) {
        this.reactions = reactions;
        this.search = search;
        this.channels = channels;
        this.membership = membership;
        this.directRooms = directRooms;
        this.readMarkers = readMarkers;
        this.messages = messages;
        this.users = users;
    }

    /** @param command null if the record could not be read */
    public Uni<Outcome> answer(ServiceRequest command) {
        return answer(command, Context.root());
    }

    /** As {@link #answer(ServiceRequest)}; a send is stored and published in {@code trace}. */
    public Uni<Outcome> answer(ServiceRequest command, Context trace) {
        if (command == null) {
            return Uni.createFrom().item(new Outcome.Unreadable("unreadable command"));
        }
        var caller = command.caller();
        if (!isComplete(caller)) {
            return Uni.createFrom().item(new Outcome.Unauthenticated());
        }
        return knowCaller(caller).chain(() -> dispatch(command, trace));
    }

    /**
     * The caller may be newer than the user events this service has read: know them (and put them in general)
     * before anything else, so their first call already finds them a member.
     */
    Uni<Void> knowCaller(Caller caller) {
        if (!isComplete(caller)) {
            return Uni.createFrom().voidItem();
        }
        try {
            return users.ensureKnown(UUID.fromString(caller.userId()), caller.username(), Times.now());
        } catch (IllegalArgumentException e) {
            return Uni.createFrom().voidItem();
        }
    }

    private Uni<Outcome> dispatch(ServiceRequest command, Context trace) {
        var caller = command.caller();
        var body = command.body();
        if (command.op() == null) {
            return Uni.createFrom().item(new Outcome.Unreadable("unknown operation"));
        }
        return switch (command.op()) {
            case MESSAGES_SEND -> messages.send(caller, body, trace);
            case MESSAGES_HISTORY -> messages.history(caller, body);
            case MESSAGES_EDIT -> messages.edit(caller, body);
            case MESSAGES_DELETE -> messages.delete(caller, body);
            case MESSAGES_REACT -> reactions.react(caller, body);
            case MESSAGES_SEARCH -> search.search(caller, body);
            case ROOMS_CREATE -> channels.create(caller, body);
            case ROOMS_LIST -> channels.list(caller, body);
            case ROOMS_GET -> channels.get(caller, body);
            case ROOMS_DELETE -> channels.delete(caller, body);
            case ROOMS_UPDATE -> channels.update(caller, body);
            case ROOMS_JOIN -> membership.join(caller, body);
            case ROOMS_LEAVE -> membership.leave(caller, body);
            case ROOMS_MEMBERS -> membership.members(caller, body);
            case ROOMS_JOIN_REQUESTS -> membership.joinRequests(caller, body);
            case ROOMS_JOIN_REQUESTS_APPROVE -> membership.decideJoinRequest(caller, body, true);
            case ROOMS_JOIN_REQUESTS_REJECT -> membership.decideJoinRequest(caller, body, false);
            case ROOMS_MEMBERS_REMOVE -> membership.removeMember(caller, body);
            case ROOMS_READ -> readMarkers.read(caller, body);
            case ROOMS_POSITIONS -> readMarkers.positions(caller);
            case DMS_OPEN -> directRooms.open(caller, body);
            default -> Uni.createFrom().item(new Outcome.Unreadable("unknown operation " + command.op()));
        };
    }

    private static boolean isComplete(Caller caller) {
        return caller != null && caller.userId() != null && caller.username() != null;
    }
}
