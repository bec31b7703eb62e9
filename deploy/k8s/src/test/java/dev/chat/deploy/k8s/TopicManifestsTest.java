package dev.chat.deploy.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.chat.contracts.Topics;
import dev.chat.contracts.Topics.TopicSpec;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The clusters' topics are the ones contracts/Topics.java declares, with its partitions and compaction. */
class TopicManifestsTest {

    /** A line of the dev job's script: {@code create <topic> <partitions> [--config cleanup.policy=compact]}. */
    private static final Pattern CREATE = Pattern.compile("(?m)^\\s*create (\\S+) (\\d+)( --config cleanup.policy=compact)?\\s*$");

    @Test
    void prodHasAKafkaTopicForEveryTopicWithItsShape() {
        Map<String, TopicSpec> declared = new TreeMap<>();
        for (ObjectNode topic : Overlays.ofKind(Overlays.render("prod"), "KafkaTopic")) {
            JsonNode spec = topic.path("spec");
            String name = spec.path("topicName").asText(Kustomization.name(topic));
            boolean compacted = "compact".equals(spec.path("config").path("cleanup.policy").asText());
            declared.put(name, new TopicSpec(name, spec.path("partitions").asInt(), compacted));
            assertEquals(3, spec.path("replicas").asInt(), name + ": three replicas, so one broker can be lost");
            assertEquals(2, spec.path("config").path("min.insync.replicas").asInt(), name + ": acks=all waits for two copies");
        }
        assertEquals(expected(), declared);
    }

    @Test
    void everyServicesPrincipalMayDescribeEveryTopicAsItsStartupCheckDoes() {
        List<ObjectNode> users = Overlays.ofKind(Overlays.render("prod"), "KafkaUser");
        assertEquals(4, users.size(), "one principal per service");
        for (ObjectNode user : users) {
            boolean describesAll = false;
            for (JsonNode acl : user.path("spec").path("authorization").path("acls")) {
                String operations = acl.path("operations").toString();
                JsonNode resource = acl.path("resource");
                describesAll |= "*".equals(resource.path("name").asText()) && "topic".equals(resource.path("type").asText())
                        && operations.contains("\"Describe\"") && operations.contains("\"DescribeConfigs\"");
            }
            assertTrue(describesAll, Kustomization.name(user) + " cannot describe every topic: TopicVerifier would refuse to start");
        }
    }

    @Test
    void devCreatesEveryTopicWithItsShape() {
        ObjectNode job = Overlays.find(Overlays.render("dev"), "Job", "kafka-topic-init").orElseThrow();
        String script = job.path("spec").path("template").path("spec").path("containers").get(0).path("args").get(0).asText();
        assertEquals(expected(), created(script));
    }

    @Test
    void theNativeImagesSmokeTestCreatesEveryTopicWithItsShape() throws IOException {
        String workflow = Files.readString(Overlays.REPOSITORY.resolve(".github/workflows/native-images.yml"));
        assertEquals(expected(), created(workflow));
    }

    private static Map<String, TopicSpec> created(String script) {
        Map<String, TopicSpec> created = new TreeMap<>();
        Matcher create = CREATE.matcher(script);
        while (create.find()) {
            created.put(create.group(1), new TopicSpec(create.group(1), Integer.parseInt(create.group(2)), create.group(3) != null));
        }
        return created;
    }

    private static Map<String, TopicSpec> expected() {
        Map<String, TopicSpec> expected = new TreeMap<>();
        List<TopicSpec> all = Topics.ALL;
        all.forEach(topic -> expected.put(topic.name(), topic));
        return expected;
    }
}
