package dev.chat.deploy.k8s;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.openshift.api.model.monitoring.v1.PodMonitor;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor;
import io.strimzi.api.kafka.model.kafka.Kafka;
import io.strimzi.api.kafka.model.nodepool.KafkaNodePool;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import io.strimzi.api.kafka.model.user.KafkaUser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every object of every overlay reads as its typed model, Kubernetes' own kinds from the Kubernetes OpenAPI schema
 * (fabric8's models), Strimzi's from Strimzi's API model, with no field the model does not know.
 */
class ManifestSchemaTest {

    /** apiVersion/kind -> the model it is checked against. A kind missing here fails the test. */
    private static final Map<String, Class<?>> MODELS = Map.ofEntries(
            Map.entry("v1/Namespace", Namespace.class),
            Map.entry("v1/ConfigMap", ConfigMap.class),
            Map.entry("v1/Secret", Secret.class),
            Map.entry("v1/Service", Service.class),
            Map.entry("v1/ServiceAccount", ServiceAccount.class),
            Map.entry("v1/PersistentVolumeClaim", PersistentVolumeClaim.class),
            Map.entry("apps/v1/Deployment", Deployment.class),
            Map.entry("apps/v1/StatefulSet", StatefulSet.class),
            Map.entry("batch/v1/Job", Job.class),
            Map.entry("policy/v1/PodDisruptionBudget", PodDisruptionBudget.class),
            Map.entry("networking.k8s.io/v1/NetworkPolicy", NetworkPolicy.class),
            Map.entry("networking.k8s.io/v1/Ingress", Ingress.class),
            Map.entry("autoscaling/v2/HorizontalPodAutoscaler", HorizontalPodAutoscaler.class),
            Map.entry("monitoring.coreos.com/v1/ServiceMonitor", ServiceMonitor.class),
            Map.entry("monitoring.coreos.com/v1/PodMonitor", PodMonitor.class),
            Map.entry("kafka.strimzi.io/v1beta2/Kafka", Kafka.class),
            Map.entry("kafka.strimzi.io/v1beta2/KafkaNodePool", KafkaNodePool.class),
            Map.entry("kafka.strimzi.io/v1beta2/KafkaTopic", KafkaTopic.class),
            Map.entry("kafka.strimzi.io/v1beta2/KafkaUser", KafkaUser.class),
            Map.entry("postgresql.cnpg.io/v1/Cluster", OperatorModels.Cluster.class),
            Map.entry("postgresql.cnpg.io/v1/ScheduledBackup", OperatorModels.ScheduledBackup.class),
            Map.entry("external-secrets.io/v1/ExternalSecret", OperatorModels.ExternalSecret.class));

    static List<String> overlays() {
        return Overlays.NAMES;
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void everyObjectReadsAsItsModelWithNoUnknownField(String overlay) {
        List<String> problems = new ArrayList<>();
        for (ObjectNode object : Overlays.render(overlay)) {
            String type = object.path("apiVersion").asText() + "/" + Kustomization.kind(object);
            Class<?> model = MODELS.get(type);
            if (model == null) {
                problems.add(Overlays.describe(object) + ": no model for " + type);
                continue;
            }
            StrictModels.problems(object, model).forEach(problem -> problems.add(Overlays.describe(object) + ": " + problem));
        }
        assertEquals(List.of(), problems, overlay + " has objects that a strict API server would refuse");
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void everyObjectIsNamedAndInTheOverlaysNamespace(String overlay) {
        List<ObjectNode> objects = Overlays.render(overlay);
        assertFalse(objects.isEmpty());
        String namespace = Overlays.ofKind(objects, "Namespace").get(0).path("metadata").path("name").asText();
        for (ObjectNode object : objects) {
            assertTrue(Kustomization.name(object).matches("[a-z0-9]([-a-z0-9.]*[a-z0-9])?"),
                    Overlays.describe(object) + ": not a DNS-1123 name");
            if (!"Namespace".equals(Kustomization.kind(object))) {
                assertEquals(namespace, object.path("metadata").path("namespace").asText(), Overlays.describe(object));
            }
        }
    }

    @Test
    void theStrictReadFindsAMisplacedField() {
        ObjectNode deployment = Overlays.find(Overlays.render("dev"), "Deployment", "chat-service").orElseThrow().deepCopy();
        ((ObjectNode) deployment.with("spec").with("template").with("spec")).put("restartPolicyy", "Always");
        assertEquals(List.of("unknown field /spec/template/spec/restartPolicyy"), StrictModels.problems(deployment, Deployment.class));
        ObjectNode cluster = Overlays.render("prod").stream()
                .filter(object -> "Cluster".equals(Kustomization.kind(object))).findFirst().orElseThrow().deepCopy();
        ((ObjectNode) cluster.with("spec")).put("instance", 3);
        assertEquals(1, StrictModels.problems(cluster, OperatorModels.Cluster.class).size());
    }
}
