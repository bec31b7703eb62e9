package dev.chat.user.messaging;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.StreamSupport;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import dev.chat.contracts.CommandSignature;
import dev.chat.deploy.local.RealInfrastructureResource;

/**
 * A gateway's side of request-reply, for tests: commands with the reply headers a gateway sets, and one partition of a
 * replies topic read from now on.
 */
final class KafkaCalls implements AutoCloseable {

    static final String CORRELATION_ID = "REPLY_CORRELATION_ID";

    private final KafkaProducer<String, String> producer;
    private final KafkaConsumer<String, String> replies;
    private final TopicPartition replyPartition;
    private final CommandSignature signature =
            CommandSignature.fromSecrets(List.of(RealInfrastructureResource.shared().commandSigningSecret()));

    KafkaCalls(String repliesTopic, int partition) {
        String bootstrap = RealInfrastructureResource.shared().kafkaBootstrapServers();
        producer = new KafkaProducer<>(Map.of("bootstrap.servers", bootstrap, "linger.ms", 1), new StringSerializer(),
                new StringSerializer());
        replies = new KafkaConsumer<>(Map.of("bootstrap.servers", bootstrap, "enable.auto.commit", "false"),
                new StringDeserializer(), new StringDeserializer());
        replyPartition = new TopicPartition(repliesTopic, partition);
        replies.assign(List.of(replyPartition));
        replies.seekToEnd(List.of(replyPartition));
        replies.position(replyPartition);
    }

    /** Sends a command to the topic as a gateway would (signed), its reply asked for on this partition; returns its correlation id. */
    String send(String topic, String key, String command) {
        return send(topic, key, command, true);
    }

    String send(String topic, String key, String command, boolean signed) {
        String correlationId = UUID.randomUUID().toString();
        ProducerRecord<String, String> record = new ProducerRecord<>(topic, key, command);
        if (signed) {
            record.headers().add(CommandSignature.HEADER, signature.sign(command));
        }
        record.headers().add(CORRELATION_ID, correlationId.getBytes(StandardCharsets.UTF_8));
        record.headers().add("REPLY_TOPIC", replyPartition.topic().getBytes(StandardCharsets.UTF_8));
        record.headers().add("REPLY_PARTITION", ByteBuffer.allocate(4).putInt(replyPartition.partition()).array());
        producer.send(record);
        return correlationId;
    }

    void flush() {
        producer.flush();
    }

    /** The replies that arrive within {@code wait}, as correlation id and value. */
    List<Map.Entry<String, String>> poll(Duration wait) {
        return StreamSupport.stream(replies.poll(wait).spliterator(), false)
                .map(KafkaCalls::entry).toList();
    }

    static String correlationId(ConsumerRecord<String, String> record) {
        return new String(record.headers().lastHeader(CORRELATION_ID).value(), StandardCharsets.UTF_8);
    }

    private static Map.Entry<String, String> entry(ConsumerRecord<String, String> record) {
        return Map.entry(correlationId(record), record.value());
    }

    @Override
    public void close() {
        producer.close();
        replies.close();
    }
}
