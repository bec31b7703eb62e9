package dev.chat.chat.config;

import dev.chat.chat.domain.Attachment;
import dev.chat.chat.domain.MemberView;
import dev.chat.chat.domain.Message;
import dev.chat.chat.domain.RoomView;
import dev.chat.chat.repository.RoomRepository;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * chat-service's own types that Jackson writes into replies by reflection (the contracts' are registered by the
 * contracts jar). A native image knows nothing of them otherwise. {@code NativeReflectionTest} keeps the list whole.
 */
@RegisterForReflection(targets = {Message.class, Message.Sender.class, MemberView.class, RoomView.class, RoomView.Peer.class,
        RoomRepository.JoinRequest.class, Attachment.class, Attachment.Thumbnail.class})
public final class NativeReflection {

    private NativeReflection() {
    }
}
