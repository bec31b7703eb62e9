package dev.chat.contracts;

import java.nio.charset.StandardCharsets;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * One-way sends. A gateway that marks a send command with {@link #COMMAND_HEADER} takes the sender's {@code ack} from
 * the message event every gateway reads anyway, matched by {@link #EVENT_HEADER}; chat-service then replies only when
 * the send stored nothing new (a rejection, or a resend that found its message), so a stored send costs no reply record
 * to write and none for every gateway to read. A command without the header is answered as any request.
 */
public final class SendAcks {

    /** On a send command: acknowledge it from its message event. */
    public static final String COMMAND_HEADER = "chat-ack";
    public static final String BY_EVENT = "event";
    /** On a message event: the send it answers, as {@link #key}. */
    public static final String EVENT_HEADER = "chat-ack-key";

    private SendAcks() {
    }

    /** Which send a message answers: its sender and the sender's clientMsgId. */
    public static String key(String senderId, String clientMsgId) {
        return senderId + "/" + clientMsgId;
    }

    /** Marks a send command as acknowledged by its event. */
    public static void requestByEvent(Headers headers) {
        headers.add(COMMAND_HEADER, BY_EVENT.getBytes(StandardCharsets.UTF_8));
    }

    /** True if the command's gateway takes the ack from the message event. */
    public static boolean byEvent(Headers headers) {
        return BY_EVENT.equals(value(headers, COMMAND_HEADER));
    }

    /** Adds the key of the send a message event answers; nothing for other events, or a message without a clientMsgId. */
    public static void write(ChatEvent event, Headers headers) {
        if (event instanceof ChatEvent.MessageEvent message && message.clientMsgId() != null && message.sender() != null
                && message.sender().id() != null) {
            headers.add(EVENT_HEADER, key(message.sender().id().toString(), message.clientMsgId()).getBytes(StandardCharsets.UTF_8));
        }
    }

    /** The key of the send a message event answers, or null. */
    public static String keyOf(Headers headers) {
        return value(headers, EVENT_HEADER);
    }

    private static String value(Headers headers, String key) {
        Header header = headers == null ? null : headers.lastHeader(key);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
