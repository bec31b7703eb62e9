package dev.chat.chat.service;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.chat.chat.config.ChatConfig;
import dev.chat.chat.domain.RoomView;

/**
 * Keeps a list or a page within one Kafka record. A reply bigger than the producer's limit fails however often it is
 * asked for again (fifty of the longest messages in 4-byte characters make 800 kB, in control characters, which JSON
 * escapes six bytes each, more), so items are taken while their JSON stays within {@link ChatConfig#replyBudgetBytes()}
 * and the caller learns that more is left. At least one item is always taken, so paging moves on; one item is far
 * below the budget (the longest message is 24 kB of JSON).
 */
@ApplicationScoped
public class ReplyBudget {

    private final ObjectMapper mapper;
    private final int budget;

    @Inject
    public ReplyBudget(ObjectMapper mapper, ChatConfig config) {
        this(mapper, config.replyBudgetBytes());
    }

    ReplyBudget(ObjectMapper mapper, int budget) {
        this.mapper = mapper;
        this.budget = budget;
    }

    /** The longest start of {@code items} within the budget (all of them if they fit). */
    public <T> List<T> first(List<T> items) {
        int taken = countWithin(items, false);
        return taken == items.size() ? items : List.copyOf(items.subList(0, taken));
    }

    /** The longest end of {@code items} within the budget: the newest of a page read backward. */
    public <T> List<T> last(List<T> items) {
        int taken = countWithin(items, true);
        return taken == items.size() ? items : List.copyOf(items.subList(items.size() - taken, items.size()));
    }

    /**
     * Rooms in order: as many as fit without their last messages (a room list without previews beats one missing
     * rooms), then the last message of each of those, first rooms first, while it still fits.
     */
    public List<RoomView> rooms(List<RoomView> rooms) {
        List<RoomView> bare = new ArrayList<>(rooms.size());
        for (RoomView room : rooms) {
            bare.add(room.lastMessage() == null ? room : room.withoutLastMessage());
        }
        int count = countWithin(bare, false);
        long used = 2;
        int[] sizes = new int[count];
        for (int i = 0; i < count; i++) {
            sizes[i] = sizeOf(bare.get(i)) + 1;
            used += sizes[i];
        }
        List<RoomView> kept = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            RoomView room = rooms.get(i);
            long extra = room.lastMessage() == null ? 0 : sizeOf(room) + 1 - sizes[i];
            if (extra > 0 && used + extra > budget) {
                kept.add(bare.get(i));
            } else {
                kept.add(room);
                used += extra;
            }
        }
        return kept;
    }

    private <T> int countWithin(List<T> items, boolean fromEnd) {
        long used = 2;
        int taken = 0;
        for (int i = 0; i < items.size(); i++) {
            T item = items.get(fromEnd ? items.size() - 1 - i : i);
            // Each item and its comma.
            used += sizeOf(item) + 1;
            if (used > budget && taken > 0) {
                break;
            }
            taken++;
        }
        return taken;
    }

    /**
     * The bytes of {@code value}'s JSON as the reply carries it: written as a string (as ChatReplies writes
     * replies), then UTF-8. Jackson's byte writer would escape each half of a 4-byte character, six bytes each, and
     * so count an emoji three times over.
     */
    int sizeOf(Object value) {
        try {
            return utf8Length(mapper.writeValueAsString(value));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("not writable as JSON: " + value.getClass().getSimpleName(), e);
        }
    }

    static int utf8Length(String text) {
        int bytes = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                bytes += 1;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isSurrogate(c)) {
                // A pair is 4 bytes; a lone half becomes '?'. Two per half counts either at most right.
                bytes += 2;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }
}
