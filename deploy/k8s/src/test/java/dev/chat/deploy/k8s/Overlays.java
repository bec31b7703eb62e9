package dev.chat.deploy.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** The overlays the build checks, rendered once per test JVM. */
final class Overlays {

    static final Path K8S = Path.of("").toAbsolutePath();
    static final Path REPOSITORY = K8S.getParent().getParent();
    static final List<String> NAMES = List.of("dev", "prod");
    /** The four services, by the name of their module, Deployment and container. */
    static final List<String> SERVICES = List.of("gateway-service", "user-service", "chat-service", "sketch-service");

    private static final Map<String, List<ObjectNode>> RENDERED = new ConcurrentHashMap<>();

    private Overlays() {
    }

    static List<ObjectNode> render(String overlay) {
        return RENDERED.computeIfAbsent(overlay, name -> Kustomization.render(K8S.resolve("overlays").resolve(name)));
    }

    static Stream<String> names() {
        return NAMES.stream();
    }

    static List<ObjectNode> ofKind(List<ObjectNode> objects, String kind) {
        return objects.stream().filter(object -> kind.equals(Kustomization.kind(object))).collect(Collectors.toList());
    }

    static Optional<ObjectNode> find(List<ObjectNode> objects, String kind, String name) {
        return objects.stream()
                .filter(object -> kind.equals(Kustomization.kind(object)) && name.equals(Kustomization.name(object)))
                .findFirst();
    }

    static String describe(JsonNode object) {
        return Kustomization.kind(object) + "/" + Kustomization.name(object);
    }
}
