package dev.chat.chat.messaging;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import dev.chat.chat.domain.Frames;
import dev.chat.chat.repository.MembershipFeedRepository;
import dev.chat.chat.repository.MembershipFeedRepository.Member;
import dev.chat.contracts.ChatEvent;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * The membership feed (chat.memberships) started after rooms existed: on the first start with it, every membership
 * there is goes on it once, so a service that keeps its own view of membership also knows the rooms made before.
 * On a new install there is nothing to send but the marker. A membership changed while the fill runs may be sent
 * twice (the fill's copy after the change); the window is the fill's few seconds once in the install's life.
 */
@ApplicationScoped
public class MembershipFeedFill {

    private final MembershipFeedRepository feeds;
    private final ChatEventPublisher events;

    public MembershipFeedFill(MembershipFeedRepository feeds, ChatEventPublisher events) {
        this.feeds = feeds;
        this.events = events;
    }

    void onStart(@Observes StartupEvent event) {
        fill().subscribe().with(count -> {
            if (count > 0) {
                Log.infof("membership feed filled with %d existing memberships", count);
            }
        }, failure -> Log.errorf(failure, "the membership feed could not be filled; it is tried again at the next start"));
    }

    /** The number of memberships sent; 0 if the feed was filled before. */
    Uni<Integer> fill() {
        return feeds.isFilled(MembershipFeedRepository.MEMBERSHIPS).chain(filled -> filled
                ? Uni.createFrom().item(0)
                : feeds.allMemberships().chain(members -> Multi.createFrom().iterable(members)
                        .onItem().transformToUniAndConcatenate(member -> events.publishMembership(member.roomId(), joined(member)))
                        .collect().last()
                        .chain(() -> feeds.markFilled(MembershipFeedRepository.MEMBERSHIPS))
                        .replaceWith(members.size())));
    }

    private static ChatEvent joined(Member member) {
        return ChatEvent.OWNER.equals(member.role())
                ? Frames.ownerJoined(member.roomId(), member.userId(), member.username())
                : Frames.joined(member.roomId(), member.userId(), member.username());
    }
}
