package dev.chat.deploy.kafka;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.utils.Time;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool$;

/**
 * A single-node KRaft broker (combined broker and controller) on loopback.
 * Runs in its own JVM so that the broker's jars never share a classpath with a Quarkus service.
 *
 * <p>Arguments: {@code <logDir> <brokerPort> <controllerPort> <parentPid> [topic:partitions:compact ...]}.
 * Prints {@code KAFKA_READY} once the topics exist, and exits when the parent process dies, so a
 * killed launcher or test JVM never leaves a broker holding the port and the log directory.
 */
public final class KafkaBrokerMain {

    public static final String READY_LINE = "KAFKA_READY";

    private KafkaBrokerMain() {
    }

    public static void main(String[] args) throws Exception {
        Path logDir = Path.of(args[0]);
        int brokerPort = Integer.parseInt(args[1]);
        int controllerPort = Integer.parseInt(args[2]);
        long parentPid = Long.parseLong(args[3]);
        List<String> topics = List.of(args).subList(4, args.length);

        Files.createDirectories(logDir);
        Properties props = brokerProperties(logDir, brokerPort, controllerPort);
        formatIfNeeded(logDir, props);

        KafkaRaftServer server = new KafkaRaftServer(KafkaConfig.fromProps(props, false), Time.SYSTEM);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.shutdown();
            server.awaitShutdown();
        }, "kafka-shutdown"));
        long started = System.nanoTime();
        server.startup();
        long serving = System.nanoTime();
        createTopics("127.0.0.1:" + brokerPort, topics);
        // Where a (re)start spends its time, in the launcher's log: the server itself, then the topics.
        System.out.printf("broker started in %d ms, topics checked in %d ms%n", (serving - started) / 1_000_000,
                (System.nanoTime() - serving) / 1_000_000);
        System.out.println(READY_LINE);
        System.out.flush();

        ProcessHandle.of(parentPid).ifPresentOrElse(
                parent -> parent.onExit().thenRun(() -> System.exit(0)),
                () -> System.exit(0));
        server.awaitShutdown();
    }

    private static Properties brokerProperties(Path logDir, int brokerPort, int controllerPort) {
        Properties props = new Properties();
        props.put("process.roles", "broker,controller");
        props.put("node.id", "1");
        props.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        props.put("listeners", "PLAINTEXT://127.0.0.1:" + brokerPort + ",CONTROLLER://127.0.0.1:" + controllerPort);
        props.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + brokerPort);
        props.put("controller.listener.names", "CONTROLLER");
        props.put("inter.broker.listener.name", "PLAINTEXT");
        props.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        props.put("log.dirs", logDir.toAbsolutePath().toString());
        props.put("num.partitions", "4");
        props.put("offsets.topic.replication.factor", "1");
        props.put("offsets.topic.num.partitions", "8");
        props.put("transaction.state.log.replication.factor", "1");
        props.put("transaction.state.log.min.isr", "1");
        props.put("share.coordinator.state.topic.replication.factor", "1");
        props.put("share.coordinator.state.topic.min.isr", "1");
        // A single local node: a new consumer group should not wait for siblings that never come.
        props.put("group.initial.rebalance.delay.ms", "0");
        // The consumer group protocol's defaults (45 s session, 5 s heartbeat) left a SIGKILLed service's partitions
        // with its dead consumers for 45 s: its replacement, up in 3 s, answered nothing until then. 6 s is the least
        // the broker allows; heartbeats every second find a dead member within it. A cluster sets the same on its
        // brokers (docs/reliability.md).
        props.put("group.consumer.min.session.timeout.ms", "6000");
        props.put("group.consumer.session.timeout.ms", "6000");
        props.put("group.consumer.min.heartbeat.interval.ms", "1000");
        props.put("group.consumer.heartbeat.interval.ms", "1000");
        // After a crash the restarted broker waited out its own old registration (9 s by default) before serving.
        props.put("broker.session.timeout.ms", "3000");
        props.put("broker.heartbeat.interval.ms", "500");
        props.put("auto.create.topics.enable", "true");
        props.put("log.retention.hours", "168");
        return props;
    }

    private static void formatIfNeeded(Path logDir, Properties props) throws IOException {
        if (Files.exists(logDir.resolve("meta.properties"))) {
            return;
        }
        Path config = logDir.resolveSibling(logDir.getFileName() + ".format.properties");
        try (var out = Files.newOutputStream(config)) {
            props.store(out, "format only");
        }
        int code = StorageTool$.MODULE$.execute(new String[] {
                "format", "--cluster-id", Uuid.randomUuid().toString(), "--config", config.toString(), "--ignore-formatted"
        }, System.out);
        Files.deleteIfExists(config);
        if (code != 0) {
            throw new IllegalStateException("kafka storage format failed with exit code " + code);
        }
    }

    private static void createTopics(String bootstrap, List<String> specs) throws Exception {
        Map<String, Object> config = new HashMap<>();
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        try (Admin admin = Admin.create(config)) {
            List<NewTopic> topics = new ArrayList<>();
            for (String spec : specs) {
                String[] parts = spec.split(":");
                NewTopic topic = new NewTopic(parts[0], Integer.parseInt(parts[1]), (short) 1);
                if (Boolean.parseBoolean(parts[2])) {
                    topic.configs(Map.of("cleanup.policy", "compact"));
                }
                topics.add(topic);
            }
            for (NewTopic topic : topics) {
                try {
                    admin.createTopics(List.of(topic)).all().get(60, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw e;
                    }
                }
            }
        }
    }
}
