package dev.chat.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;

/**
 * S8's images, beside the chat traffic of the message run: a few users, on a fixed schedule (open loop, random phase),
 * upload the run's photo ({@link ExifJpeg}) through the gateway's REST upload with their bearer token, and once it is
 * stored send it on their WebSocket as a message with no text and the attachment. Measured: the upload (request start to
 * its 201), failures by status (with the first body of each), the send's ack, and the message's arrival on every member's
 * connection and on the room's probes. The ledger checks image messages for loss like any other message: their acks go
 * into it with the rest.
 */
final class ImageTraffic {

    /** An image send's clientMsgId: {@code i<client>-<n>-<scheduled nanos>}, told apart from chat sends ({@code c...}). */
    static final String SEND_PREFIX = "i";
    static final int WIDTH = 2000;
    static final int HEIGHT = 1500;
    static final String BOUNDARY = "bench-s8-7MA4YWxkTrZu0gW";
    private static final String ATTACHMENTS_MARK = "\"attachments\":[";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** Null for the shapes without images: then every method here does nothing. */
    private final Shape.ImageLoad load;
    private final Vertx vertx;
    private final Target target;
    private final HttpClient http;
    /** The multipart body of every upload (the photo is made once). */
    private final byte[] body;
    private final int photoBytes;
    /** Request start -> 201, of the uploads scheduled in the measured window. */
    private final Histogram uploadLatency = new ConcurrentHistogram(3);
    private final Histogram sendToAck = new ConcurrentHistogram(3);
    /** The upload's scheduled start -> the message on a probe: what a member waits for a photo, all told. */
    private final Histogram uploadToProbe = new ConcurrentHistogram(3);
    private final Histogram sendToProbe = new ConcurrentHistogram(3);
    private final AtomicLong uploadsStarted = new AtomicLong();
    private final AtomicLong uploadsCreated = new AtomicLong();
    private final AtomicLong createdInWindow = new AtomicLong();
    private final Map<String, AtomicLong> uploadFailures = new ConcurrentHashMap<>();
    /** The first answer's body for each failing status: what to look at. */
    private final Map<String, String> failureBodies = new ConcurrentHashMap<>();
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong acked = new AtomicLong();
    /** Uploaded, but the connection was away (reconnecting) when the message was due: not sent. */
    private final AtomicLong notSent = new AtomicLong();
    private final Map<String, AtomicLong> sendErrors = new ConcurrentHashMap<>();
    /** Image messages received on any connection, and on the probes only. */
    private final AtomicLong deliveries = new AtomicLong();
    private final AtomicLong probeReceipts = new AtomicLong();
    /** Uploads under way and image sends not yet answered: the drain waits for them. */
    private final AtomicLong pending = new AtomicLong();
    /** An unanswered send's {scheduled, sent} nanos, by clientMsgId; the same by attachmentId, for the receipts. */
    private final Map<String, long[]> unanswered = new ConcurrentHashMap<>();
    private final Map<String, long[]> byAttachment = new ConcurrentHashMap<>();
    private final Queue<Acked> ackedMessages = new ConcurrentLinkedQueue<>();
    private volatile int uploading;
    private volatile long windowStart = Long.MAX_VALUE;
    private volatile long windowEnd = Long.MAX_VALUE;

    ImageTraffic(Shape.ImageLoad load, Vertx vertx, Target target) {
        this.load = load;
        this.vertx = vertx;
        this.target = target;
        this.http = load == null ? null : HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        byte[] photo = load == null ? new byte[0] : ExifJpeg.photo(WIDTH, HEIGHT, 8);
        this.photoBytes = photo.length;
        this.body = load == null ? photo : multipart(BOUNDARY, "file", "bench-photo.jpg", "image/jpeg", photo);
    }

    /** A user who may upload: its plan, and its connection of the moment (null while it reconnects). */
    record Uploader(Target.ClientPlan plan, Supplier<WebSocket> socket) {
    }

    private record Acked(String roomId, long seq) {
    }

    /**
     * Starts the uploads of the load's uploaders, picked evenly from {@code users} (one per room when there are as many
     * rooms), each at a random moment of its first period after {@code first}; none is scheduled at or after
     * {@code end}. The measured window is [{@code measureStart}, {@code end}).
     */
    void start(List<Uploader> users, long first, long measureStart, long end, BooleanSupplier sending) {
        if (load == null || users.isEmpty()) {
            return;
        }
        windowStart = measureStart;
        windowEnd = end;
        uploading = load.uploading(users.size());
        int every = users.size() / uploading;
        long period = load.periodNanos(uploading);
        Random random = new Random(8);
        for (int i = 0; i < uploading; i++) {
            schedule(users.get(i * every + every / 2), first + (long) (random.nextDouble() * period), period, end, sending);
        }
    }

    private void schedule(Uploader uploader, long at, long period, long end, BooleanSupplier sending) {
        vertx.setTimer(Math.max(1, (at - System.nanoTime()) / 1_000_000), id -> {
            if (!sending.getAsBoolean() || at >= end) {
                return;
            }
            upload(uploader, at);
            schedule(uploader, at + period, period, end, sending);
        });
    }

    private void upload(Uploader uploader, long at) {
        Target.ClientPlan plan = uploader.plan();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://" + target.host() + ":" + target.port(plan) + "/api/rooms/"
                        + plan.roomId() + "/attachments"))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + plan.token())
                .header("Content-Type", "multipart/form-data; boundary=" + BOUNDARY)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        pending.incrementAndGet();
        uploadsStarted.incrementAndGet();
        long started = System.nanoTime();
        http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).whenComplete((response, failure) -> {
            long took = System.nanoTime() - started;
            String attachmentId = failure == null && response.statusCode() == 201 ? attachmentId(response.body()) : null;
            if (attachmentId == null) {
                String status = failure != null ? "no answer (" + failure.getClass().getSimpleName() + ")"
                        : Integer.toString(response.statusCode());
                uploadFailures.computeIfAbsent(status, k -> new AtomicLong()).incrementAndGet();
                String said = failure != null ? String.valueOf(failure.getMessage()) : response.body();
                failureBodies.putIfAbsent(status, said.length() > 400 ? said.substring(0, 400) + "..." : said);
                pending.decrementAndGet();
                return;
            }
            uploadsCreated.incrementAndGet();
            if (at >= windowStart && at < windowEnd) {
                createdInWindow.incrementAndGet();
                uploadLatency.recordValue(Math.max(1, took / 1000));
            }
            send(uploader, attachmentId, at);
        });
    }

    private void send(Uploader uploader, String attachmentId, long at) {
        WebSocket socket = uploader.socket().get();
        if (socket == null) {
            notSent.incrementAndGet();
            pending.decrementAndGet();
            return;
        }
        String clientMsgId = SEND_PREFIX + uploader.plan().index() + "-" + sent.incrementAndGet() + "-" + at;
        long[] times = {at, System.nanoTime()};
        unanswered.put(clientMsgId, times);
        byAttachment.put(attachmentId, times);
        socket.writeTextMessage(sendFrame(uploader.plan().roomId(), clientMsgId, attachmentId));
    }

    /** The id in an upload's 201 answer (an Attachment), or null. */
    private static String attachmentId(String answer) {
        try {
            String id = MAPPER.readTree(answer).path("attachmentId").asText();
            return id.isEmpty() ? null : id;
        } catch (Exception e) {
            return null;
        }
    }

    /** An ack: true if it answers an image send (then it is counted here, not as a chat send's). */
    boolean onAck(String clientMsgId, String roomId, long seq) {
        if (!clientMsgId.startsWith(SEND_PREFIX)) {
            return false;
        }
        long[] times = unanswered.remove(clientMsgId);
        if (times != null) {
            pending.decrementAndGet();
            acked.incrementAndGet();
            ackedMessages.add(new Acked(roomId, seq));
            if (times[0] >= windowStart && times[0] < windowEnd) {
                sendToAck.recordValue(Math.max(1, (System.nanoTime() - times[1]) / 1000));
            }
        }
        return true;
    }

    /** An error frame: counted here when it refuses an image send (its {@code ref} is the clientMsgId). */
    void onError(String ref, String code) {
        if (ref.startsWith(SEND_PREFIX) && unanswered.remove(ref) != null) {
            pending.decrementAndGet();
            sendErrors.computeIfAbsent(code, k -> new AtomicLong()).incrementAndGet();
        }
    }

    /** A {@code message} frame on a connection that only counts: one more image delivery if it carries one. */
    void onMessage(String text) {
        if (load != null && text.contains(ATTACHMENTS_MARK)) {
            deliveries.incrementAndGet();
        }
    }

    /** A {@code message} frame a probe parsed, received at {@code now}: timed if it carries an image of this run. */
    void onProbeMessage(JsonNode frame, long now) {
        JsonNode attachments = frame.path("attachments");
        if (load == null || !attachments.isArray() || attachments.isEmpty()) {
            return;
        }
        deliveries.incrementAndGet();
        probeReceipts.incrementAndGet();
        long[] times = byAttachment.get(attachments.get(0).path("attachmentId").asText());
        if (times != null && times[0] >= windowStart && times[0] < windowEnd) {
            uploadToProbe.recordValue(Math.max(1, (now - times[0]) / 1000));
            sendToProbe.recordValue(Math.max(1, (now - times[1]) / 1000));
        }
    }

    /** Uploads under way and image sends not yet answered. */
    long pending() {
        return pending.get();
    }

    /** S8's figures; empty for the other shapes. */
    Map<String, Object> summary(Shape shape, DeliveryLedger ledger) {
        if (load == null) {
            return Map.of();
        }
        double seconds = shape.measure().toMillis() / 1000.0;
        long expectedOnProbes = 0;
        long missingOnProbes = 0;
        for (Acked message : ackedMessages) {
            expectedOnProbes += ledger.probesOf(message.roomId());
            missingOnProbes += ledger.probesLacking(message.roomId(), message.seq());
        }
        Map<String, Object> images = new LinkedHashMap<>();
        images.put("uploaders", uploading);
        images.put("offeredPerSecond", load.perSecond());
        images.put("photo", WIDTH + " x " + HEIGHT + " JPEG with EXIF");
        images.put("photoBytes", photoBytes);
        images.put("uploadsStarted", uploadsStarted.get());
        images.put("uploadsCreated", uploadsCreated.get());
        images.put("uploadsPerSecond", Report.round(createdInWindow.get() / seconds));
        images.put("uploadFailures", counts(uploadFailures));
        if (!failureBodies.isEmpty()) {
            images.put("uploadFailureBodies", new TreeMap<>(failureBodies));
        }
        images.put("uploadLatencyMs", Report.percentiles(uploadLatency));
        images.put("messagesSent", sent.get());
        images.put("messagesAcked", acked.get());
        images.put("notSentWhileAway", notSent.get());
        images.put("sendErrors", counts(sendErrors));
        images.put("sendToAckMs", Report.percentiles(sendToAck));
        images.put("deliveries", deliveries.get());
        images.put("expectedDeliveries", acked.get() * Math.min(shape.roomSize(), shape.connections()));
        images.put("probeReceipts", probeReceipts.get());
        images.put("probeReceiptsExpected", expectedOnProbes);
        images.put("probeReceiptsMissing", missingOnProbes);
        images.put("uploadStartToProbeMs", Report.percentiles(uploadToProbe));
        images.put("sendToProbeMs", Report.percentiles(sendToProbe));
        return images;
    }

    private static Map<String, Long> counts(Map<String, AtomicLong> counters) {
        Map<String, Long> counts = new TreeMap<>();
        counters.forEach((k, v) -> counts.put(k, v.get()));
        return counts;
    }

    /** A multipart/form-data body of one file part, as a browser's form sends it. */
    static byte[] multipart(String boundary, String field, String filename, String contentType, byte[] content) {
        byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + field + "\"; filename=\"" + filename
                + "\"\r\nContent-Type: " + contentType + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[head.length + content.length + tail.length];
        System.arraycopy(head, 0, out, 0, head.length);
        System.arraycopy(content, 0, out, head.length, content.length);
        System.arraycopy(tail, 0, out, head.length + content.length, tail.length);
        return out;
    }

    /** The {@code send} frame of an image message: no text, the one attachment. */
    static String sendFrame(String roomId, String clientMsgId, String attachmentId) {
        return "{\"type\":\"send\",\"roomId\":\"" + roomId + "\",\"clientMsgId\":\"" + clientMsgId
                + "\",\"text\":\"\",\"attachments\":[\"" + attachmentId + "\"]}";
    }
}
