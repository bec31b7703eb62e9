package dev.chat.deploy.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Where kubectl is installed, its kustomize renders each overlay to exactly the objects this project's renderer does,
 * so the other checks look at what a cluster would be given. Skipped, and said so, where kubectl is not.
 */
class KustomizeParityTest {

    static List<String> overlays() {
        return Overlays.NAMES;
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void kubectlKustomizeRendersTheSameObjects(String overlay) throws IOException, InterruptedException {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/kubectl")) || Files.isExecutable(Path.of("/usr/local/bin/kubectl")),
                "kubectl is not installed: the renderer is checked against kustomize only where it is");
        Path output = Files.createTempFile("kustomize-" + overlay, ".yaml");
        Process kubectl = new ProcessBuilder("kubectl", "kustomize", Overlays.K8S.resolve("overlays").resolve(overlay).toString())
                .redirectOutput(output.toFile()).redirectErrorStream(false).start();
        assertTrue(kubectl.waitFor(60, TimeUnit.SECONDS), "kubectl kustomize did not finish within a minute");
        assertEquals(0, kubectl.exitValue(), new String(kubectl.getErrorStream().readAllBytes()));
        assertEquals(byIdentity(Kustomization.readObjects(output)), byIdentity(Overlays.render(overlay)));
        Files.delete(output);
    }

    private static Map<String, JsonNode> byIdentity(List<ObjectNode> objects) {
        Map<String, JsonNode> byIdentity = new TreeMap<>();
        for (ObjectNode object : objects) {
            byIdentity.put(object.path("apiVersion").asText() + " " + Overlays.describe(object), object);
        }
        return byIdentity;
    }
}
