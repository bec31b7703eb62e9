package dev.chat.contracts;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.chat.contracts.Topics.TopicSpec;
import dev.chat.contracts.TopicVerifier.Observed;

class TopicVerifierTest {

    private static Map<String, Observed> asDeclared() {
        Map<String, Observed> observed = new HashMap<>();
        Topics.ALL.forEach(spec -> observed.put(spec.name(), new Observed(spec.partitions(), spec.compacted())));
        return observed;
    }

    @Test
    void topicsAsDeclaredHaveNoProblem() {
        assertEquals(List.of(), TopicVerifier.problems(Topics.ALL, asDeclared()));
    }

    @Test
    void moreKeyedPartitionsThanDeclaredAreFine() {
        Map<String, Observed> observed = asDeclared();
        observed.put(Topics.CHAT_EVENTS, new Observed(32, false));
        assertEquals(List.of(), TopicVerifier.problems(Topics.ALL, observed));
    }

    @Test
    void eachWrongShapeIsNamed() {
        Map<String, Observed> observed = asDeclared();
        observed.remove(Topics.USER_EVENTS);
        observed.put(Topics.CHAT_COMMANDS, new Observed(3, false));
        observed.put(Topics.CHAT_MEMBERSHIPS, new Observed(4, true));
        observed.put(Topics.AUTH_REVOCATIONS, new Observed(1, false));
        observed.put(Topics.SKETCH_EVENTS, new Observed(16, true));
        List<String> problems = TopicVerifier.problems(Topics.ALL, observed);
        assertEquals(List.of(
                "user.events is missing (needs 8 partitions)",
                "auth.revocations is not compacted (cleanup.policy=compact)",
                "chat.commands has 3 partitions; it needs at least 16",
                "chat.memberships has 4 partitions; it needs exactly one, for its order",
                "sketch.events is compacted; compaction would drop its records"), problems);
    }

    @Test
    void aMissingCompactedTopicSaysSo() {
        assertEquals(List.of("auth.revocations is missing (needs 1 partitions, compacted)"),
                TopicVerifier.problems(List.of(new TopicSpec(Topics.AUTH_REVOCATIONS, 1, true)), Map.of()));
    }
}
