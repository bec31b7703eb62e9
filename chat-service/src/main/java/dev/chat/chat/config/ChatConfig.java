package dev.chat.chat.config;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * chat-service's settings. A setting with an environment variable has its default once, in application.properties
 * ({@code ${BCRYPT_COST:10}}); the others here.
 */
@ConfigMapping(prefix = "chat.rooms")
public interface ChatConfig {

    @WithDefault("50")
    int defaultHistoryLimit();

    @WithDefault("200")
    int maxHistoryLimit();

    /** bcrypt work factor for channel passwords ({@code BCRYPT_COST}). */
    int bcryptCost();

    /**
     * Presence is pushed to the members of rooms up to this size. In bigger ones (general on a large install)
     * every login would fan out to everyone; their members ask {@code GET /api/users?online=true} instead.
     */
    int presenceFanoutMaxMembers();

    /**
     * The most JSON a list or history page may hold, in bytes ({@code REPLY_BUDGET_BYTES}): a reply travels in one
     * Kafka record (1 MB by default), so a longer one stops early and says so ({@code hasMore}) rather than failing
     * on every retry. Half a record leaves room for the envelope and headers.
     */
    int replyBudgetBytes();

    /** The most different emoji one message carries; a member may still add theirs to one already there. */
    @WithDefault("20")
    int maxEmojiPerMessage();

    /**
     * Whether general shows joins and leaves as system lines ({@code GENERAL_SYSTEM_LINES}); general has no owner to
     * choose. Off by default: on a big install everyone joins general, and a line per registration would drown its talk.
     * Channels show them unless their owner turns them off; direct rooms never do.
     */
    boolean generalSystemLines();

    /** Whether a new channel shows system lines until its owner says otherwise ({@code CHANNEL_SYSTEM_LINES}). */
    boolean channelSystemLines();

    /** Uploaded images ({@code AttachmentService}). */
    Attachments attachments();

    interface Attachments {
        /** The largest upload, in bytes ({@code ATTACHMENT_MAX_BYTES}); the transport stops reading past it. */
        int maxBytes();

        /** The widest or tallest image accepted, in pixels. */
        @WithDefault("10000")
        int maxSide();

        /** The most pixels an image may have: what decoding it for the thumbnail may cost. */
        @WithDefault("40000000")
        long maxPixels();

        /** The widest and tallest a thumbnail is. */
        @WithDefault("480")
        int thumbnailBox();

        /** The directory of the local store ({@code ATTACHMENT_DIR}). */
        String directory();

        /** An upload no message carried after this long is deleted ({@code ATTACHMENT_ORPHAN_AFTER}). */
        Duration orphanAfter();

        /** How often orphaned attachments, and those of deleted messages and rooms, are removed. */
        @WithDefault("PT1M")
        Duration sweepInterval();

        /** Where the bytes live ({@code ATTACHMENT_STORE}): the local directory, or an S3 bucket (a cluster's replicas share it). */
        Store store();

        /** The bucket, when {@link #store()} is {@code s3}. */
        S3 s3();

        enum Store { FILE, S3 }

        /**
         * An S3-compatible object store (AWS S3, MinIO, Ceph RGW). Endpoint, bucket and keys may be unset in file mode;
         * with {@code s3} the service refuses to start without them.
         */
        interface S3 {
            /** {@code https://host[:port]}, without the bucket ({@code ATTACHMENT_S3_ENDPOINT}). */
            Optional<String> endpoint();

            /** The region requests are signed for ({@code ATTACHMENT_S3_REGION}); MinIO accepts {@code us-east-1}. */
            String region();

            Optional<String> bucket();

            /** Put before every object's key, {@code <prefix><id>/original}: the bucket may hold other things. */
            @WithDefault("attachments/")
            String prefix();

            /** {@code endpoint/bucket/key} (MinIO, Ceph) rather than {@code bucket.endpoint/key} ({@code ATTACHMENT_S3_PATH_STYLE}). */
            boolean pathStyle();

            Optional<String> accessKey();

            /** Never logged. */
            Optional<String> secretKey();

            /** How long opening a connection may take. */
            @WithDefault("PT5S")
            Duration connectTimeout();

            /** How long a request may see no bytes move before it fails. */
            @WithDefault("PT10S")
            Duration idleTimeout();
        }
    }

    /** Eviction of messages past their room's retention ({@code MessageEviction}). */
    Eviction eviction();

    interface Eviction {
        /** How often rooms with a retention are checked ({@code EVICTION_INTERVAL}). */
        Duration interval();

        /** The most messages one room loses in one statement: the row locks and the WAL of a step stay small. */
        @WithDefault("1000")
        int batchSize();
    }

    /** Per-user budgets, each answered 429 {@code rate_limited} once spent. */
    RateLimits limits();

    /** Events that follow a commit and may not have gone out ({@code MessageRelay}, {@code EventOutbox}). */
    Outbox outbox();

    interface Outbox {
        /** How often published seqs are written and leftovers looked for ({@code OUTBOX_RELAY_INTERVAL}). */
        Duration relayInterval();

        /**
         * How old an unpublished event must be before the relay sends it ({@code OUTBOX_GRACE}): well over the time a
         * live publish and the seq flush take, so the relay only sends what a crash or refusal left.
         */
        Duration grace();

        /** Events per relay round. */
        @WithDefault("500")
        int batchSize();
    }

    /**
     * Counted in memory on each instance. Room and message commands are keyed by room, so with N instances a user's
     * sends and joins spread over them and may reach N times these; creations and direct rooms are keyed by the
     * user, and guesses by room, so those are exact.
     */
    interface RateLimits {

        /** Sends per user per {@link #sendWindow()}, REST and WebSocket together ({@code WS_SENDS_PER_WINDOW}). */
        int sendsPerWindow();

        Duration sendWindow();

        /** Rooms a user may create per {@link #creationWindow()} ({@code ROOM_CREATIONS_PER_WINDOW}). */
        int creationsPerWindow();

        Duration creationWindow();

        /** New direct rooms a user may open per {@link #directRoomWindow()}; existing ones always open. */
        int directRoomsPerWindow();

        Duration directRoomWindow();

        /** Joins (and join requests, and password attempts) per user per {@link #joinWindow()}. */
        int joinsPerWindow();

        Duration joinWindow();

        /** Wrong room passwords per user and room per {@link #passwordFailureWindow()}, then no more checks. */
        int passwordFailures();

        Duration passwordFailureWindow();
    }
}
