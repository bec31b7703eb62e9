package dev.chat.deploy.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * In a cluster chat-service keeps attachments in an S3 bucket, never in its local directory (a read-only root
 * filesystem, and replicas that must see each other's uploads): it gets {@code ATTACHMENT_STORE=s3}, the store's
 * address from chat-config, and its keys from a Secret, never as literal values in a manifest.
 */
class AttachmentStoreManifestTest {

    private static final Set<String> FROM_CONFIG = Set.of("ATTACHMENT_S3_ENDPOINT", "ATTACHMENT_S3_REGION", "ATTACHMENT_S3_BUCKET",
            "ATTACHMENT_S3_PATH_STYLE");
    private static final Set<String> FROM_SECRET = Set.of("ATTACHMENT_S3_ACCESS_KEY", "ATTACHMENT_S3_SECRET_KEY");

    static List<String> overlays() {
        return Overlays.NAMES;
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void chatServiceStoresAttachmentsInS3ConfiguredFromChatConfigAndASecret(String overlay) {
        Map<String, JsonNode> env = new HashMap<>();
        ManifestReferencesTest.serviceContainer(overlay, "chat-service").path("env").forEach(e -> env.put(e.path("name").asText(), e));
        assertEquals("s3", env.getOrDefault("ATTACHMENT_STORE", missing()).path("value").asText(), overlay + ": ATTACHMENT_STORE");
        for (String name : FROM_CONFIG) {
            JsonNode ref = env.getOrDefault(name, missing()).path("valueFrom").path("configMapKeyRef");
            assertEquals("chat-config", ref.path("name").asText(), overlay + ": " + name + " from chat-config");
        }
        for (String name : FROM_SECRET) {
            JsonNode variable = env.getOrDefault(name, missing());
            assertFalse(variable.has("value"), overlay + ": " + name + " is written in a manifest");
            assertFalse(variable.path("valueFrom").path("secretKeyRef").path("name").asText().isEmpty(),
                    overlay + ": " + name + " from a Secret");
        }
        Map<String, String> settings = settings(overlay);
        URI endpoint = URI.create(settings.get("ATTACHMENT_S3_ENDPOINT"));
        assertTrue(Set.of("http", "https").contains(endpoint.getScheme()) && endpoint.getHost() != null
                && endpoint.getRawPath().isEmpty() && !endpoint.getHost().endsWith(".invalid"),
                overlay + ": the endpoint is the overlay's own, http(s)://host[:port]: " + endpoint);
        assertTrue(Set.of("true", "false").contains(settings.get("ATTACHMENT_S3_PATH_STYLE")), overlay + ": path style");
        assertFalse(settings.get("ATTACHMENT_S3_BUCKET").isBlank(), overlay + ": a bucket");
    }

    @Test
    void devsMinioServesTheEndpointAndItsJobMakesTheBucket() {
        List<ObjectNode> objects = Overlays.render("dev");
        Map<String, String> settings = settings("dev");
        URI endpoint = URI.create(settings.get("ATTACHMENT_S3_ENDPOINT"));
        ObjectNode service = Overlays.find(objects, "Service", endpoint.getHost())
                .orElseThrow(() -> new AssertionError("no Service " + endpoint.getHost() + " in dev"));
        boolean port = false;
        for (JsonNode servicePort : service.path("spec").path("ports")) {
            port |= servicePort.path("port").asInt() == endpoint.getPort();
        }
        assertTrue(port, "Service " + endpoint.getHost() + " has no port " + endpoint.getPort());
        assertEquals("true", settings.get("ATTACHMENT_S3_PATH_STYLE"), "MinIO without a domain of its own is path-style");

        ObjectNode job = Overlays.find(objects, "Job", "attachment-bucket-init").orElseThrow();
        JsonNode container = job.path("spec").path("template").path("spec").path("containers").get(0);
        boolean readsTheBucket = false;
        for (JsonNode variable : container.path("env")) {
            JsonNode ref = variable.path("valueFrom").path("configMapKeyRef");
            readsTheBucket |= "chat-config".equals(ref.path("name").asText()) && "ATTACHMENT_S3_BUCKET".equals(ref.path("key").asText());
        }
        assertTrue(readsTheBucket, "the Job makes the bucket chat-service is given");
        assertTrue(container.path("args").get(0).asText().contains("http://" + endpoint.getAuthority()), "the Job talks to the endpoint");
    }

    /** chat-config's values of chat-service's attachment settings, as the overlay renders them. */
    private static Map<String, String> settings(String overlay) {
        ObjectNode configMap = Overlays.find(Overlays.render(overlay), "ConfigMap", "chat-config").orElseThrow();
        Map<String, String> settings = new HashMap<>();
        for (String name : FROM_CONFIG) {
            settings.put(name, configMap.path("data").path(name).asText());
        }
        return settings;
    }

    private static JsonNode missing() {
        return MissingNode.getInstance();
    }
}
