package dev.chat.gateway.websocket;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.chat.contracts.ChatEvent;
import dev.chat.contracts.Commands;
import dev.chat.contracts.ErrorCodes;
import dev.chat.contracts.Limits;
import dev.chat.contracts.Operation;
import dev.chat.contracts.Results;
import dev.chat.gateway.config.GatewayConfig;
import dev.chat.gateway.messaging.ChatServiceClient;
import dev.chat.gateway.messaging.TypingPublisher;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;

/**
 * What each client frame does, once {@link ClientFrameParser} has read it. A bad frame gets an {@code error} frame
 * (with the clientMsgId or frame type it answers as {@code ref}) and nothing else happens: the connection stays open.
 */
@ApplicationScoped
public class FrameHandler {

    private final ChatServiceClient chat;
    private final TypingPublisher typing;
    private final CatchUp catchUp;
    private final SketchFrames sketch;
    private final FrameWriter out;
    private final GatewayConfig.WebSocket config;
    private final ClientFrameParser parser;
    private final SlidingWindowLimiter sends;
    private final SlidingWindowLimiter typingNotices;
    private final MeterRegistry metrics;

    public FrameHandler(ChatServiceClient chat, TypingPublisher typing, CatchUp catchUp, SketchFrames sketch, FrameWriter out,
            ObjectMapper mapper, GatewayConfig config, MeterRegistry metrics) {
        this.chat = chat;
        this.typing = typing;
        this.catchUp = catchUp;
        this.sketch = sketch;
        this.out = out;
        this.config = config.websocket();
        this.parser = new ClientFrameParser(mapper, this.config.maxFrameBytes(), Limits.MAX_TEXT_LENGTH);
        this.sends = new SlidingWindowLimiter(this.config.sendsPerWindow(), this.config.sendWindow());
        this.typingNotices = new SlidingWindowLimiter(1, this.config.typingInterval());
        this.metrics = metrics;
    }

    public Uni<Void> handle(ClientSession session, String raw) {
        session.clientFrameReceived();
        ClientFrame frame = parser.parse(raw);
        metrics.counter("chat.gateway.websocket.frames", "type", frame.type()).increment();
        if (frame instanceof ClientFrame.Rejected rejected) {
            return out.error(session, rejected.code(), rejected.message(), rejected.ref());
        }
        if (frame instanceof ClientFrame.Ping) {
            return out.send(session, new ServerFrames.Pong());
        }
        if (frame instanceof ClientFrame.Send send) {
            return onSend(session, send);
        }
        if (frame instanceof ClientFrame.Read read) {
            return onRead(session, read);
        }
        if (frame instanceof ClientFrame.Edit edit) {
            return onChange(session, edit.roomId(), "edit", Operation.MESSAGES_EDIT,
                    new Commands.EditMessage(edit.roomId(), edit.seq(), edit.text()));
        }
        if (frame instanceof ClientFrame.React react) {
            return onChange(session, react.roomId(), "react", Operation.MESSAGES_REACT,
                    new Commands.ReactToMessage(react.roomId(), react.seq(), react.emoji(), react.on()));
        }
        if (frame instanceof ClientFrame.Delete delete) {
            return onChange(session, delete.roomId(), "delete", Operation.MESSAGES_DELETE,
                    new Commands.DeleteMessage(delete.roomId(), delete.seq()));
        }
        if (frame instanceof ClientFrame.Typing typingFrame) {
            return onTyping(session, typingFrame);
        }
        if (frame instanceof ClientFrame.Resume resume) {
            return catchUp.resume(session, resume);
        }
        if (frame instanceof ClientFrame.Sketch sketchFrame) {
            return sketch.handle(session, sketchFrame);
        }
        if (frame instanceof ClientFrame.SketchDraw draw) {
            return sketch.preview(session, draw);
        }
        if (frame instanceof ClientFrame.SketchResume resume) {
            return sketch.resume(session, resume);
        }
        return out.error(session, ErrorCodes.UNKNOWN_TYPE, "unknown frame type '" + frame.type() + "'", frame.type());
    }

    /**
     * A frame that found its connection's queue full ({@link InboundFrames}): answered {@code rate_limited} with its
     * ref, so the client knows which one to send again, and otherwise dropped.
     */
    public Uni<Void> refuse(ClientSession session, String raw) {
        ClientFrame frame = parser.parse(raw);
        metrics.counter("chat.gateway.websocket.frames_refused").increment();
        return out.error(session, ErrorCodes.RATE_LIMITED, "too many frames waiting on this connection (at most "
                + config.maxPendingFrames() + "); send it again once earlier ones are answered", frame.ref());
    }

    private Uni<Void> onSend(ClientSession session, ClientFrame.Send send) {
        String ref = send.clientMsgId();
        if (!session.isMemberOf(send.roomId())) {
            return out.error(session, ErrorCodes.NOT_A_MEMBER, "you are not a member of this room", ref);
        }
        if (!sends.tryAcquire(session.userId())) {
            return out.error(session, ErrorCodes.RATE_LIMITED, "at most " + config.sendsPerWindow() + " messages per "
                    + config.sendWindow().toSeconds() + " s", ref);
        }
        // The message ends this typing spell (clients clear the indicator when it arrives): the next keystroke
        // starts a new one that the others should see at once, not up to 2 s later.
        typingNotices.reset(typingKey(session, send.roomId()));
        var command = new Commands.SendMessage(send.roomId(), send.clientMsgId(), send.text(), send.attachments());
        return chat.send(session.caller(), command).chain(reply -> {
            if (reply.isError()) {
                return out.problem(session, reply, ref);
            }
            Results.StoredMessage stored = Results.StoredMessage.from(reply.body());
            return out.send(session,
                    new ServerFrames.Ack(send.clientMsgId(), send.roomId(), stored.seq(), stored.id(), stored.createdAt()));
        });
    }

    /**
     * An edit, a deletion or a reaction: only a refusal is answered here; what it changed reaches every member's
     * connections, this one too, as {@code message.edited}, {@code message.deleted} or {@code reaction} on the room's
     * stream. They share the send budget.
     */
    private Uni<Void> onChange(ClientSession session, String roomId, String ref, Operation op, Object command) {
        if (!session.isMemberOf(roomId)) {
            return out.error(session, ErrorCodes.NOT_A_MEMBER, "you are not a member of this room", ref);
        }
        if (!sends.tryAcquire(session.userId())) {
            return out.error(session, ErrorCodes.RATE_LIMITED, "at most " + config.sendsPerWindow()
                    + " messages, edits, deletions and reactions per "
                    + config.sendWindow().toSeconds() + " s", ref);
        }
        return chat.call(op, session.caller(), command, roomId)
                .chain(reply -> reply.isError() ? out.problem(session, reply, ref) : Uni.createFrom().voidItem());
    }

    private Uni<Void> onRead(ClientSession session, ClientFrame.Read read) {
        if (!session.isMemberOf(read.roomId())) {
            return out.error(session, ErrorCodes.NOT_A_MEMBER, "you are not a member of this room", "read");
        }
        return chat.call(Operation.ROOMS_READ, session.caller(), new Commands.MarkRead(read.roomId(), read.seq()), read.roomId())
                .chain(reply -> reply.isError() ? out.problem(session, reply, "read") : Uni.createFrom().voidItem());
    }

    private Uni<Void> onTyping(ClientSession session, ClientFrame.Typing typingFrame) {
        String roomId = typingFrame.roomId();
        if (!session.isMemberOf(roomId)) {
            return out.error(session, ErrorCodes.NOT_A_MEMBER, "you are not a member of this room", "typing");
        }
        if (!typingNotices.tryAcquire(typingKey(session, roomId))) {
            // Throttled silently: the others already know this person is typing.
            return Uni.createFrom().voidItem();
        }
        return typing.publish(roomId, new ChatEvent.TypingEvent(roomId, session.userId(), session.caller().username()));
    }

    void forgetIdleLimits() {
        sends.forgetIdle();
        typingNotices.forgetIdle();
        sketch.forgetIdleLimits();
    }

    private static String typingKey(ClientSession session, String roomId) {
        return session.userId() + "/" + roomId;
    }
}
