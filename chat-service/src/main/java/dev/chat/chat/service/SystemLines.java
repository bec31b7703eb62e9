package dev.chat.chat.service;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.chat.chat.domain.Message;
import dev.chat.chat.messaging.MessageRelay;
import dev.chat.chat.repository.SystemLineRepository;
import dev.chat.support.Times;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;

/**
 * Joins, leaves and room changes written into the room's timeline ({@code kind:"system"}, with a seq of their own) in
 * the transaction of the change, then published like any message: after the change's own events, so a joiner's
 * gateway follows the room before the line arrives. One that never goes out is published by the relay
 * ({@link MessageRelay}). Rooms whose system lines are off get none. The texts are plain English, for every client
 * alike: the web shows them as they are, and so would a terminal.
 */
@ApplicationScoped
public class SystemLines {

    private final SystemLineRepository lines;
    private final MessageRelay relay;

    public SystemLines(SystemLineRepository lines, MessageRelay relay) {
        this.lines = lines;
        this.relay = relay;
    }

    /** The lines of one change: written in its transaction, published once it committed. */
    public final class Pending {
        private final List<Message> written = new ArrayList<>();

        /** Writes {@code text} (nothing if null) as {@code actor}'s line in the room. */
        public Uni<Void> write(SqlConnection transaction, UUID roomId, UUID actorId, String actorName, String text) {
            if (text == null) {
                return Uni.createFrom().voidItem();
            }
            return lines.write(transaction, roomId, new Message.Sender(actorId, actorName), text, Times.now())
                    .invoke(line -> {
                        if (line != null) {
                            written.add(line);
                        }
                    })
                    .replaceWithVoid();
        }

        /** Publishes what was written; not awaited, as a send's event is not. */
        public void publish() {
            for (Message line : written) {
                relay.publish(line).subscribe().with(ok -> {
                }, failure -> Log.warnf("system line %d of room %s left to the relay: %s", line.seq(), line.roomId(), failure));
            }
        }
    }

    public Pending pending() {
        return new Pending();
    }
}
