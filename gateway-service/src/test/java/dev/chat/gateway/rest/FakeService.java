package dev.chat.gateway.rest;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.chat.contracts.CommandSignature;
import dev.chat.deploy.local.RealInfrastructureResource;
import io.smallrye.reactive.messaging.kafka.reply.KafkaRequestReply;

/**
 * A stand-in for a service on the far side of Kafka request-reply: it reads the commands topic from now on, checks each
 * request's signature as a service does (so every gateway test that uses it proves the gateway signs), keeps each
 * request for the test to look at, and answers it with what {@code answer} makes of it (a ServiceReply's JSON),
 * to the reply topic, partition and correlation id the request names. It lets a gateway test see what the gateway
 * forwards and what it makes of a reply, without the real service.
 */
final class FakeService implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** The secret the gateway under test signs with (deploy/local's, handed to it by RealInfrastructureResource). */
    private static final CommandSignature SIGNATURE =
            CommandSignature.fromSecrets(List.of(RealInfrastructureResource.shared().commandSigningSecret()));

    private final BlockingQueue<JsonNode> requests = new LinkedBlockingQueue<>();
    private final Thread loop;
    private volatile boolean running = true;

    FakeService(String bootstrapServers, String commandsTopic, String repliesTopic, Function<JsonNode, String> answer)
            throws InterruptedException {
        CountDownLatch ready = new CountDownLatch(1);
        loop = new Thread(() -> run(bootstrapServers, commandsTopic, repliesTopic, answer, ready), "fake-" + commandsTopic);
        loop.setDaemon(true);
        loop.start();
        if (!ready.await(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the fake service did not get its partitions");
        }
    }

    /** The next request of that operation the gateway sent: {op, caller, body}; others before it are passed over. */
    JsonNode nextRequest(String op) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            JsonNode request = requests.poll(100, TimeUnit.MILLISECONDS);
            if (request != null && request.path("op").asText().equals(op)) {
                return request;
            }
        }
        throw new AssertionError("no " + op + " request reached the fake service");
    }

    static String reply(int status, String bodyJson) {
        return "{\"status\":" + status + ",\"body\":" + bodyJson + "}";
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        loop.join(10_000);
    }

    private void run(String bootstrapServers, String commandsTopic, String repliesTopic, Function<JsonNode, String> answer,
            CountDownLatch ready) {
        Map<String, Object> common = Map.of("bootstrap.servers", bootstrapServers);
        try (var consumer = new KafkaConsumer<>(Map.<String, Object>of("bootstrap.servers", bootstrapServers,
                "group.id", "fake-" + UUID.randomUUID(), "enable.auto.commit", "false"),
                new StringDeserializer(), new StringDeserializer());
                var producer = new KafkaProducer<>(common, new StringSerializer(), new StringSerializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            consumer.partitionsFor(commandsTopic).forEach(p -> partitions.add(new TopicPartition(commandsTopic, p.partition())));
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            partitions.forEach(consumer::position);
            ready.countDown();
            while (running) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(100))) {
                    JsonNode request = JSON.readTree(record.value());
                    Header signature = record.headers().lastHeader(CommandSignature.HEADER);
                    if (signature == null || !SIGNATURE.verifies(record.value(), signature.value())) {
                        // As a real service would: an unsigned command gets a 500 and is not shown to the test as a request.
                        producer.send(replyTo(record, repliesTopic, reply(500, "{\"code\":\"internal_error\"}"))).get();
                        continue;
                    }
                    requests.add(request);
                    producer.send(replyTo(record, repliesTopic, answer.apply(request))).get();
                }
            }
        } catch (Exception e) {
            if (running) {
                throw new IllegalStateException(e);
            }
        }
    }

    private static ProducerRecord<String, String> replyTo(ConsumerRecord<String, String> request, String repliesTopic, String reply) {
        Header topic = request.headers().lastHeader(KafkaRequestReply.DEFAULT_REPLY_TOPIC_HEADER);
        Header partition = request.headers().lastHeader(KafkaRequestReply.DEFAULT_REPLY_PARTITION_HEADER);
        Integer toPartition = partition != null && partition.value().length == 4 && ByteBuffer.wrap(partition.value()).getInt() >= 0
                ? ByteBuffer.wrap(partition.value()).getInt() : null;
        var record = new ProducerRecord<>(topic == null ? repliesTopic : new String(topic.value(), StandardCharsets.UTF_8), toPartition,
                request.key(), reply);
        record.headers().add(KafkaRequestReply.DEFAULT_REPLY_CORRELATION_ID_HEADER,
                request.headers().lastHeader(KafkaRequestReply.DEFAULT_REPLY_CORRELATION_ID_HEADER).value());
        return record;
    }
}
