package dev.chat.deploy.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The wiring between the objects of each overlay, and between the manifests and the services' own settings: what a
 * schema cannot see and a cluster would only show as a pod that never starts or a Service with no endpoints.
 */
class ManifestReferencesTest {

    private static final Map<String, String> PROBE_PATHS = Map.of(
            "startupProbe", "/q/health/started", "readinessProbe", "/q/health/ready", "livenessProbe", "/q/health/live");

    static List<String> overlays() {
        return Overlays.NAMES;
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void everyServiceGetsEveryRequiredSettingAndOnlySettingsItReads(String overlay) {
        List<String> problems = new ArrayList<>();
        for (String service : Overlays.SERVICES) {
            ServiceSettings settings = ServiceSettings.of(service);
            JsonNode container = serviceContainer(overlay, service);
            Set<String> set = new TreeSet<>();
            container.path("env").forEach(env -> set.add(env.path("name").asText()));
            for (String name : set) {
                if (!settings.readable().contains(name)) {
                    problems.add(service + " is given " + name + ", which its application.properties never reads");
                }
            }
            for (String name : settings.required()) {
                if (!set.contains(name)) {
                    problems.add(service + " needs " + name + " (no default) and is not given it");
                }
            }
            if (container.has("envFrom")) {
                problems.add(service + ": envFrom hides which settings a service gets; name each variable");
            }
        }
        assertEquals(List.of(), problems, overlay);
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void everyReferencedSecretAndConfigMapKeyExistsAndEverySettingIsUsed(String overlay) {
        List<ObjectNode> objects = Overlays.render(overlay);
        Map<String, Set<String>> secrets = secretKeys(objects);
        Map<String, Set<String>> configMaps = new HashMap<>();
        Overlays.ofKind(objects, "ConfigMap").forEach(map -> configMaps.put(Kustomization.name(map), fieldNames(map.path("data"))));
        Map<String, Set<String>> used = new HashMap<>();
        List<String> problems = new ArrayList<>();
        for (ObjectNode object : objects) {
            for (JsonNode pod : Kustomization.podSpecs(object)) {
                for (JsonNode container : containers(pod)) {
                    for (JsonNode env : container.path("env")) {
                        JsonNode from = env.path("valueFrom");
                        check(problems, Overlays.describe(object), "Secret", secrets, from.path("secretKeyRef"), used);
                        check(problems, Overlays.describe(object), "ConfigMap", configMaps, from.path("configMapKeyRef"), used);
                    }
                }
                for (JsonNode volume : pod.path("volumes")) {
                    checkVolume(problems, Overlays.describe(object), "Secret", secrets, volume.path("secret"), "secretName");
                    checkVolume(problems, Overlays.describe(object), "ConfigMap", configMaps, volume.path("configMap"), "name");
                }
            }
        }
        for (Map.Entry<String, Set<String>> configMap : configMaps.entrySet()) {
            Set<String> unused = new TreeSet<>(configMap.getValue());
            unused.removeAll(used.getOrDefault(configMap.getKey(), Set.of()));
            if (!unused.isEmpty() && used.containsKey(configMap.getKey())) {
                problems.add("ConfigMap/" + configMap.getKey() + " has settings no container reads: " + unused);
            }
        }
        assertEquals(List.of(), problems, overlay);
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void selectorsFindTheirPodsAndPortsTheirContainers(String overlay) {
        List<ObjectNode> objects = Overlays.render(overlay);
        List<String> problems = new ArrayList<>();
        for (ObjectNode service : Overlays.ofKind(objects, "Service")) {
            List<ObjectNode> pods = workloadsSelectedBy(objects, service.path("spec").path("selector"));
            if (pods.isEmpty()) {
                problems.add(Overlays.describe(service) + " selects no pods");
                continue;
            }
            for (JsonNode port : service.path("spec").path("ports")) {
                JsonNode target = port.has("targetPort") ? port.get("targetPort") : port.get("port");
                if (pods.stream().noneMatch(pod -> hasPort(pod, target))) {
                    problems.add(Overlays.describe(service) + " targets port " + target + " that its pods do not have");
                }
            }
        }
        for (ObjectNode monitor : Overlays.ofKind(objects, "ServiceMonitor")) {
            JsonNode labels = monitor.path("spec").path("selector").path("matchLabels");
            List<ObjectNode> services = Overlays.ofKind(objects, "Service").stream()
                    .filter(service -> contains(service.path("metadata").path("labels"), labels)).toList();
            for (JsonNode endpoint : monitor.path("spec").path("endpoints")) {
                boolean found = services.stream().anyMatch(service -> hasNamedServicePort(service, endpoint.path("port").asText()));
                if (!found || !"/q/metrics".equals(endpoint.path("path").asText())) {
                    problems.add(Overlays.describe(monitor) + " scrapes no Service's " + endpoint.path("port").asText() + " at /q/metrics");
                }
            }
        }
        for (String kind : List.of("PodDisruptionBudget", "NetworkPolicy")) {
            for (ObjectNode object : Overlays.ofKind(objects, kind)) {
                JsonNode spec = object.path("spec");
                JsonNode selector = "NetworkPolicy".equals(kind) ? spec.path("podSelector") : spec.path("selector");
                if (selector.path("matchLabels").size() > 0 && !selectsSomething(objects, selector)) {
                    problems.add(Overlays.describe(object) + " selects no pods");
                }
                for (JsonNode rule : object.path("spec").path("egress")) {
                    for (JsonNode peer : rule.path("to")) {
                        JsonNode pods = peer.path("podSelector");
                        // Pods of another namespace (DNS in kube-system) are not this overlay's to check.
                        if (!peer.has("namespaceSelector") && pods.path("matchLabels").size() > 0 && !selectsSomething(objects, pods)) {
                            problems.add(Overlays.describe(object) + " allows egress to pods that do not exist: " + pods);
                        }
                    }
                }
            }
        }
        for (ObjectNode autoscaler : Overlays.ofKind(objects, "HorizontalPodAutoscaler")) {
            JsonNode target = autoscaler.path("spec").path("scaleTargetRef");
            if (Overlays.find(objects, target.path("kind").asText(), target.path("name").asText()).isEmpty()) {
                problems.add(Overlays.describe(autoscaler) + " scales " + target + ", which does not exist");
            }
        }
        assertEquals(List.of(), problems, overlay);
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void probesHitTheHealthEndpointsTheServicesServe(String overlay) throws IOException {
        List<String> problems = new ArrayList<>();
        for (String service : Overlays.SERVICES) {
            String pom = Files.readString(Overlays.REPOSITORY.resolve(service).resolve("pom.xml"));
            if (!pom.contains("<artifactId>quarkus-smallrye-health</artifactId>")) {
                problems.add(service + " does not serve /q/health (no quarkus-smallrye-health)");
            }
            JsonNode container = serviceContainer(overlay, service);
            Set<String> ports = new HashSet<>();
            container.path("ports").forEach(port -> ports.add(port.path("name").asText()));
            for (Map.Entry<String, String> probe : PROBE_PATHS.entrySet()) {
                JsonNode get = container.path(probe.getKey()).path("httpGet");
                if (!probe.getValue().equals(get.path("path").asText()) || !ports.contains(get.path("port").asText())) {
                    problems.add(service + "'s " + probe.getKey() + " should get " + probe.getValue() + " on a named port, not " + get);
                }
            }
        }
        assertEquals(List.of(), problems, overlay);
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void everyPodMeetsTheRestrictedPodSecurityStandardAndIsSized(String overlay) {
        List<String> problems = new ArrayList<>();
        for (ObjectNode object : Overlays.render(overlay)) {
            for (JsonNode pod : Kustomization.podSpecs(object)) {
                String what = Overlays.describe(object);
                JsonNode podSecurity = pod.path("securityContext");
                if (!podSecurity.path("runAsNonRoot").asBoolean()) {
                    problems.add(what + ": runAsNonRoot is not set");
                }
                for (JsonNode container : containers(pod)) {
                    String who = what + "/" + container.path("name").asText();
                    JsonNode security = container.path("securityContext");
                    if (security.path("allowPrivilegeEscalation").asBoolean(true)) {
                        problems.add(who + ": privilege escalation is allowed");
                    }
                    if (!security.path("capabilities").path("drop").toString().contains("\"ALL\"")) {
                        problems.add(who + ": capabilities are not all dropped");
                    }
                    String podSeccomp = podSecurity.path("seccompProfile").path("type").asText();
                    String seccomp = security.path("seccompProfile").path("type").asText(podSeccomp);
                    if (!"RuntimeDefault".equals(seccomp) && !"Localhost".equals(seccomp)) {
                        problems.add(who + ": no RuntimeDefault seccomp profile");
                    }
                    JsonNode resources = container.path("resources");
                    if (!resources.path("requests").has("cpu") || !resources.path("requests").has("memory")
                            || !resources.path("limits").has("memory")) {
                        problems.add(who + ": needs cpu and memory requests and a memory limit");
                    }
                    if (Overlays.SERVICES.contains(container.path("name").asText())) {
                        if (!security.path("readOnlyRootFilesystem").asBoolean()) {
                            problems.add(who + ": the root filesystem is writable");
                        }
                        if (!container.path("volumeMounts").toString().contains("\"/tmp\"")) {
                            problems.add(who + ": no writable /tmp");
                        }
                    }
                }
            }
        }
        assertEquals(List.of(), problems, overlay);
    }

    static JsonNode serviceContainer(String overlay, String service) {
        ObjectNode deployment = Overlays.find(Overlays.render(overlay), "Deployment", service)
                .orElseThrow(() -> new AssertionError(overlay + " has no Deployment " + service));
        for (JsonNode container : deployment.path("spec").path("template").path("spec").path("containers")) {
            if (service.equals(container.path("name").asText())) {
                return container;
            }
        }
        throw new AssertionError(overlay + ": Deployment " + service + " has no container named after it");
    }

    /** Secret names -> keys: Secrets in the overlay, and those the overlay's operators make. */
    private static Map<String, Set<String>> secretKeys(List<ObjectNode> objects) {
        Map<String, Set<String>> secrets = new HashMap<>();
        for (ObjectNode secret : Overlays.ofKind(objects, "Secret")) {
            Set<String> keys = fieldNames(secret.path("data"));
            keys.addAll(fieldNames(secret.path("stringData")));
            secrets.put(Kustomization.name(secret), keys);
        }
        for (ObjectNode external : Overlays.ofKind(objects, "ExternalSecret")) {
            JsonNode target = external.path("spec").path("target");
            Set<String> keys = fieldNames(target.path("template").path("data"));
            external.path("spec").path("data").forEach(data -> keys.add(data.path("secretKey").asText()));
            secrets.put(target.path("name").asText(Kustomization.name(external)), keys);
        }
        // Strimzi's user operator writes each SCRAM user's password and JAAS line into a Secret named after the user.
        for (ObjectNode user : Overlays.ofKind(objects, "KafkaUser")) {
            secrets.put(Kustomization.name(user), new HashSet<>(Set.of("password", "sasl.jaas.config")));
        }
        // Strimzi's cluster operator publishes the cluster CA that signs the brokers' certificates.
        for (ObjectNode kafka : Overlays.ofKind(objects, "Kafka")) {
            secrets.put(Kustomization.name(kafka) + "-cluster-ca-cert", new HashSet<>(Set.of("ca.crt", "ca.p12", "ca.password")));
        }
        return secrets;
    }

    private static void check(List<String> problems, String who, String kind, Map<String, Set<String>> known,
            JsonNode reference, Map<String, Set<String>> used) {
        if (reference.isMissingNode()) {
            return;
        }
        String name = reference.path("name").asText();
        String key = reference.path("key").asText();
        used.computeIfAbsent(name, n -> new HashSet<>()).add(key);
        if (!known.getOrDefault(name, Set.of()).contains(key) && !reference.path("optional").asBoolean()) {
            problems.add(who + " reads key '" + key + "' of " + kind + "/" + name + ", which " + (known.containsKey(name)
                    ? "has no such key" : "does not exist"));
        }
    }

    private static void checkVolume(List<String> problems, String who, String kind, Map<String, Set<String>> known,
            JsonNode source, String nameField) {
        if (source.isMissingNode() || source.path("optional").asBoolean()) {
            return;
        }
        String name = source.path(nameField).asText();
        if (!known.containsKey(name)) {
            problems.add(who + " mounts " + kind + "/" + name + ", which does not exist");
            return;
        }
        for (JsonNode item : source.path("items")) {
            if (!known.get(name).contains(item.path("key").asText())) {
                problems.add(who + " mounts key '" + item.path("key").asText() + "' of " + kind + "/" + name + ", which has no such key");
            }
        }
    }

    private static List<JsonNode> containers(JsonNode pod) {
        List<JsonNode> containers = new ArrayList<>();
        pod.path("containers").forEach(containers::add);
        pod.path("initContainers").forEach(containers::add);
        return containers;
    }

    private static List<ObjectNode> workloadsSelectedBy(List<ObjectNode> objects, JsonNode selector) {
        JsonNode labels = selector.has("matchLabels") ? selector.get("matchLabels") : selector;
        List<ObjectNode> selected = new ArrayList<>();
        for (ObjectNode object : objects) {
            if (!Kustomization.podSpecs(object).isEmpty()
                    && contains(object.path("spec").path("template").path("metadata").path("labels"), labels)) {
                selected.add(object);
            }
        }
        return selected;
    }

    /** Pods of the overlay's workloads, or of the operators' clusters (their pods carry the cluster's name). */
    private static boolean selectsSomething(List<ObjectNode> objects, JsonNode selector) {
        JsonNode labels = selector.path("matchLabels");
        if (labels.has("acme.cert-manager.io/http01-solver")) {
            // cert-manager starts its HTTP-01 solver pods on demand, for the Ingress's certificate.
            return !Overlays.ofKind(objects, "Ingress").isEmpty();
        }
        if (labels.has("cnpg.io/cluster")) {
            return Overlays.find(objects, "Cluster", labels.get("cnpg.io/cluster").asText()).isPresent();
        }
        if (labels.has("strimzi.io/cluster")) {
            return Overlays.find(objects, "Kafka", labels.get("strimzi.io/cluster").asText()).isPresent();
        }
        return !workloadsSelectedBy(objects, selector).isEmpty();
    }

    private static boolean hasPort(JsonNode workload, JsonNode target) {
        for (JsonNode container : workload.path("spec").path("template").path("spec").path("containers")) {
            for (JsonNode port : container.path("ports")) {
                if (target.isTextual() ? target.asText().equals(port.path("name").asText())
                        : target.asInt() == port.path("containerPort").asInt()) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean hasNamedServicePort(JsonNode service, String name) {
        for (JsonNode port : service.path("spec").path("ports")) {
            if (name.equals(port.path("name").asText())) {
                return true;
            }
        }
        return false;
    }

    private static boolean contains(JsonNode labels, JsonNode wanted) {
        if (wanted.size() == 0) {
            return false;
        }
        var fields = wanted.fields();
        while (fields.hasNext()) {
            var field = fields.next();
            if (!field.getValue().equals(labels.path(field.getKey()))) {
                return false;
            }
        }
        return true;
    }

    private static Set<String> fieldNames(JsonNode node) {
        Set<String> names = new TreeSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
