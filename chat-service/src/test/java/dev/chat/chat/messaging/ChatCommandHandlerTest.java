package dev.chat.chat.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Predicate;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.chat.chat.service.ChannelService;
import dev.chat.chat.service.ChatFixture;
import dev.chat.contracts.CommandSignature;
import dev.chat.contracts.Operation;
import dev.chat.contracts.SendAcks;
import dev.chat.contracts.ServiceRequest;
import dev.chat.contracts.ServiceRequest.Caller;
import dev.chat.contracts.Topics;
import dev.chat.deploy.local.RealInfrastructureResource;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.kafka.reply.KafkaRequestReply;

/** Commands as a gateway sends them, over Kafka, and the replies that come back (or do not). */
@QuarkusTest
@QuarkusTestResource(value = RealInfrastructureResource.class, initArgs = @ResourceArg(name = "service", value = "chat-service"))
class ChatCommandHandlerTest {

    private static final int REPLY_PARTITION = 3;

    @Inject
    ChatFixture chat;
    @Inject
    ChannelService channels;
    @Inject
    ObjectMapper mapper;
    @Inject
    MeterRegistry metrics;
    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;
    @ConfigProperty(name = "chat.command-signing.secrets")
    List<String> signingSecrets;

    @Test
    void aCommandPastItsDeadlineIsDroppedWithoutWorkOrReply() throws Exception {
        Caller owner = chat.newUser();
        String staleName = "stale " + UUID.randomUUID().toString().substring(0, 8);
        String freshName = "fresh " + UUID.randomUUID().toString().substring(0, 8);
        String stale = "stale-" + UUID.randomUUID();
        String fresh = "fresh-" + UUID.randomUUID();
        double expiredBefore = expiredCount();
        try (KafkaConsumer<String, String> replies = replyReader()) {
            long now = System.currentTimeMillis();
            // Same key, so same partition: the fresh command is handled after the stale one.
            send(owner, new ServiceRequest(Operation.ROOMS_CREATE, owner, chat.json("name", staleName, "visibility", "public"),
                    now - 60_000), stale);
            send(owner, new ServiceRequest(Operation.ROOMS_CREATE, owner, chat.json("name", freshName, "visibility", "public"),
                    now + 60_000), fresh);
            Map<String, JsonNode> answered = awaitReplies(replies, fresh);
            assertEquals(201, answered.get(fresh).get("status").asInt());
            assertFalse(answered.containsKey(stale), "the stale command got no reply");
        }
        List<String> names = new ArrayList<>();
        chat.result(channels.list(owner, chat.json("scope", "mine"))).body().forEach(room -> names.add(room.get("name").asText()));
        assertTrue(names.contains(freshName));
        assertFalse(names.contains(staleName), "the stale command did no work");
        assertEquals(expiredBefore + 1, expiredCount());
    }

    @Test
    void aJoinWithAPasswordIsAnsweredOffThePartitionsPathRightOrWrong() throws Exception {
        Caller owner = chat.newUser();
        Caller guest = chat.newUser();
        String roomId = chat.createRoom(owner, "private", "sesame");
        String wrong = "wrong-" + UUID.randomUUID();
        String right = "right-" + UUID.randomUUID();
        String after = "after-" + UUID.randomUUID();
        try (KafkaConsumer<String, String> replies = replyReader()) {
            send(roomId, new ServiceRequest(Operation.ROOMS_JOIN, guest, chat.json("roomId", roomId, "password", "nope")), wrong);
            send(roomId, new ServiceRequest(Operation.ROOMS_JOIN, guest, chat.json("roomId", roomId, "password", "sesame")), right);
            Map<String, JsonNode> answered = awaitReplies(replies, wrong, right);
            assertEquals(403, answered.get(wrong).get("status").asInt());
            assertEquals("wrong_password", answered.get(wrong).get("body").get("code").asText());
            assertEquals(200, answered.get(right).get("status").asInt());
            send(roomId, new ServiceRequest(Operation.ROOMS_MEMBERS, guest, chat.json("roomId", roomId)), after);
            assertEquals(2, awaitReplies(replies, after).get(after).get("body").size(), "the guest is a member");
        }
    }

    @Test
    void aCommandNotSignedByAGatewayIsRefusedAndDoesNothing() throws Exception {
        Caller owner = chat.newUser();
        String forgedName = "forged " + UUID.randomUUID().toString().substring(0, 8);
        String otherSecret = Base64.getEncoder().encodeToString("a secret that no gateway of ours holds".getBytes(StandardCharsets.UTF_8));
        double unsignedBefore = counter("chat.commands.unsigned");
        try (KafkaConsumer<String, String> replies = replyReader()) {
            ServiceRequest forged = new ServiceRequest(Operation.ROOMS_CREATE, owner,
                    chat.json("name", forgedName, "visibility", "public"));
            send(owner.userId(), forged, "unsigned", null);
            send(owner.userId(), forged, "wrongly-signed", CommandSignature.fromSecrets(List.of(otherSecret)));
            Map<String, JsonNode> answered = awaitReplies(replies, "unsigned", "wrongly-signed");
            assertEquals(500, answered.get("unsigned").get("status").asInt());
            assertEquals(500, answered.get("wrongly-signed").get("status").asInt());
        }
        List<String> names = new ArrayList<>();
        chat.result(channels.list(owner, chat.json("scope", "mine"))).body().forEach(room -> names.add(room.get("name").asText()));
        assertFalse(names.contains(forgedName), "no room was created for a caller nobody vouched for");
        assertEquals(unsignedBefore + 2, counter("chat.commands.unsigned"));
    }

    @Test
    void aStoredSendWhoseGatewayTakesTheAckFromItsEventGetsNoReplyOnlyTheEvent() throws Exception {
        Caller owner = chat.newUser();
        String roomId = chat.createRoom(owner, "public", null);
        String clientMsgId = "one-way-" + UUID.randomUUID();
        double ackedBefore = counter("chat.commands.acked_by_event");
        try (KafkaConsumer<String, String> replies = replyReader(); KafkaConsumer<String, String> events = eventReader()) {
            var sendMessage = chat.json("roomId", roomId, "clientMsgId", clientMsgId, "text", "no reply needed");
            send(roomId, new ServiceRequest(Operation.MESSAGES_SEND, owner, sendMessage), "one-way", true);
            // Same room, so handled after it: the resend finds the message and is answered, the one-way send is not.
            send(roomId, new ServiceRequest(Operation.MESSAGES_SEND, owner, sendMessage), "resend", true);
            send(roomId, new ServiceRequest(Operation.MESSAGES_SEND, owner,
                    chat.json("roomId", roomId, "clientMsgId", "two-way-" + UUID.randomUUID(), "text", "reply please")), "two-way", false);
            Map<String, JsonNode> answered = awaitReplies(replies, "resend", "two-way");
            assertEquals(200, answered.get("resend").get("status").asInt(), "a resend that stored nothing is answered");
            assertEquals(201, answered.get("two-way").get("status").asInt());
            assertFalse(answered.containsKey("one-way"), "the stored one-way send got no reply");
            ConsumerRecord<String, String> event = awaitEvent(events, record -> roomId.equals(record.key())
                    && record.value().contains(clientMsgId));
            assertEquals(SendAcks.key(owner.userId(), clientMsgId), SendAcks.keyOf(event.headers()));
            assertEquals(1, mapper.readTree(event.value()).get("seq").asLong());
        }
        assertEquals(ackedBefore + 1, counter("chat.commands.acked_by_event"));
    }

    private KafkaConsumer<String, String> eventReader() {
        var consumer = stringConsumer();
        List<TopicPartition> partitions = new ArrayList<>();
        consumer.partitionsFor(Topics.CHAT_EVENTS)
                .forEach(info -> partitions.add(new TopicPartition(Topics.CHAT_EVENTS, info.partition())));
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
        return consumer;
    }

    private ConsumerRecord<String, String> awaitEvent(KafkaConsumer<String, String> consumer,
            Predicate<ConsumerRecord<String, String>> wanted) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                if (wanted.test(record)) {
                    return record;
                }
            }
        }
        throw new AssertionError("no such event within 30 s");
    }

    private double counter(String name) {
        var counter = metrics.find(name).counter();
        return counter == null ? 0 : counter.count();
    }

    private double expiredCount() {
        var counter = metrics.find("chat.commands.expired").counter();
        return counter == null ? 0 : counter.count();
    }

    private void send(Caller caller, ServiceRequest request, String correlationId) throws Exception {
        send(caller.userId(), request, correlationId);
    }

    private void send(String key, ServiceRequest request, String correlationId) throws Exception {
        send(key, request, correlationId, CommandSignature.fromSecrets(signingSecrets));
    }

    /** @param ackByEvent as a gateway sends a send that takes its ack from the message event (SendAcks) */
    private void send(String key, ServiceRequest request, String correlationId, boolean ackByEvent) throws Exception {
        send(key, request, correlationId, CommandSignature.fromSecrets(signingSecrets), ackByEvent);
    }

    private void send(String key, ServiceRequest request, String correlationId, CommandSignature signature) throws Exception {
        send(key, request, correlationId, signature, false);
    }

    /** As a gateway sends it: signed, unless {@code signature} is null. */
    private void send(String key, ServiceRequest request, String correlationId, CommandSignature signature, boolean ackByEvent)
            throws Exception {
        String value = mapper.writeValueAsString(request);
        var record = new ProducerRecord<>(Topics.CHAT_COMMANDS, key, value);
        if (ackByEvent) {
            SendAcks.requestByEvent(record.headers());
        }
        if (signature != null) {
            record.headers().add(CommandSignature.HEADER, signature.sign(value));
        }
        record.headers().add(KafkaRequestReply.DEFAULT_REPLY_TOPIC_HEADER, Topics.CHAT_REPLIES.getBytes(StandardCharsets.UTF_8));
        record.headers().add(KafkaRequestReply.DEFAULT_REPLY_PARTITION_HEADER, KafkaRequestReply.replyPartitionToBytes(REPLY_PARTITION));
        record.headers().add(KafkaRequestReply.DEFAULT_REPLY_CORRELATION_ID_HEADER, correlationId.getBytes(StandardCharsets.UTF_8));
        try (var producer = new KafkaProducer<>(Map.<String, Object>of("bootstrap.servers", bootstrap),
                new StringSerializer(), new StringSerializer())) {
            producer.send(record).get();
        }
    }

    /** A reader of the reply partition, from its end. */
    private KafkaConsumer<String, String> replyReader() {
        var consumer = stringConsumer();
        TopicPartition partition = new TopicPartition(Topics.CHAT_REPLIES, REPLY_PARTITION);
        consumer.assign(List.of(partition));
        consumer.seekToEnd(List.of(partition));
        consumer.position(partition);
        return consumer;
    }

    /** A consumer of String records with no group, for assigning partitions by hand. */
    private KafkaConsumer<String, String> stringConsumer() {
        Properties props = new Properties();
        props.put("bootstrap.servers", bootstrap);
        props.put("key.deserializer", StringDeserializer.class.getName());
        props.put("value.deserializer", StringDeserializer.class.getName());
        return new KafkaConsumer<>(props);
    }

    /** The replies by correlation id, read until each of {@code awaited} has one. */
    private Map<String, JsonNode> awaitReplies(KafkaConsumer<String, String> consumer, String... awaited) throws Exception {
        Map<String, JsonNode> replies = new HashMap<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!replies.keySet().containsAll(List.of(awaited)) && System.nanoTime() < deadline) {
            for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                var header = record.headers().lastHeader(KafkaRequestReply.DEFAULT_REPLY_CORRELATION_ID_HEADER);
                if (header != null) {
                    replies.put(new String(header.value(), StandardCharsets.UTF_8), mapper.readTree(record.value()));
                }
            }
        }
        assertTrue(replies.keySet().containsAll(List.of(awaited)), "replies to " + List.of(awaited) + ": " + replies.keySet());
        return replies;
    }
}
