package dev.chat.deploy.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Renders a kustomization the way {@code kubectl kustomize} does, for the part of kustomize this project's manifests
 * use, so the build can check every overlay without a kustomize binary. Any other kustomization field is refused
 * rather than ignored: a manifest that needs more must extend this, and {@code KustomizeParityTest} compares the
 * result with the real kustomize wherever kubectl is installed.
 */
public final class Kustomization {

    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private static final Set<String> SUPPORTED_FIELDS =
            Set.of("apiVersion", "kind", "namespace", "resources", "labels", "images", "replicas", "patches");

    /** Kinds that live outside any namespace: kustomize's namespace transformer leaves them alone. */
    private static final Set<String> CLUSTER_SCOPED = Set.of("Namespace", "ClusterRole", "ClusterRoleBinding",
            "CustomResourceDefinition", "PersistentVolume", "StorageClass", "PriorityClass", "ClusterSecretStore",
            "IngressClass", "ValidatingWebhookConfiguration", "MutatingWebhookConfiguration");

    /** Kinds whose pod template kustomize's image, replica and label transformers reach. */
    private static final Set<String> WORKLOADS = Set.of("Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Job");

    private Kustomization() {
    }

    /** The objects the kustomization in {@code directory} renders, in the order their files list them. */
    public static List<ObjectNode> render(Path directory) {
        JsonNode kustomization = readKustomization(directory);
        Iterator<String> fields = kustomization.fieldNames();
        while (fields.hasNext()) {
            String field = fields.next();
            if (!SUPPORTED_FIELDS.contains(field)) {
                throw new IllegalArgumentException(directory + "/kustomization.yaml: field '" + field
                        + "' is not supported by this renderer (supported: " + SUPPORTED_FIELDS + ")");
            }
        }
        List<ObjectNode> objects = new ArrayList<>();
        for (JsonNode resource : kustomization.path("resources")) {
            Path path = directory.resolve(resource.asText()).normalize();
            if (Files.isDirectory(path)) {
                objects.addAll(render(path));
            } else {
                objects.addAll(readObjects(path));
            }
        }
        for (JsonNode patch : kustomization.path("patches")) {
            Patches.apply(objects, patch, directory);
        }
        if (kustomization.hasNonNull("namespace")) {
            setNamespace(objects, kustomization.get("namespace").asText());
        }
        for (JsonNode labels : kustomization.path("labels")) {
            addLabels(objects, labels);
        }
        for (JsonNode replicas : kustomization.path("replicas")) {
            setReplicas(objects, replicas);
        }
        for (JsonNode image : kustomization.path("images")) {
            setImage(objects, image);
        }
        return objects;
    }

    /** Every YAML document of a file, as objects; empty documents are skipped, as kustomize does. */
    public static List<ObjectNode> readObjects(Path file) {
        List<ObjectNode> objects = new ArrayList<>();
        try (var parser = YAML.getFactory().createParser(file.toFile())) {
            Iterator<JsonNode> documents = YAML.readValues(parser, JsonNode.class);
            while (documents.hasNext()) {
                JsonNode document = documents.next();
                if (document instanceof ObjectNode object && object.size() > 0) {
                    objects.add(object);
                } else if (document != null && !document.isNull() && !document.isMissingNode() && document.size() > 0) {
                    throw new IllegalArgumentException(file + ": a document that is not an object");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        return objects;
    }

    static String kind(JsonNode object) {
        return object.path("kind").asText();
    }

    static String name(JsonNode object) {
        return object.path("metadata").path("name").asText();
    }

    private static JsonNode readKustomization(Path directory) {
        Path file = directory.resolve("kustomization.yaml");
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("no kustomization.yaml in " + directory);
        }
        List<ObjectNode> documents = readObjects(file);
        if (documents.size() != 1) {
            throw new IllegalArgumentException(file + ": expected one document");
        }
        return documents.get(0);
    }

    private static void setNamespace(List<ObjectNode> objects, String namespace) {
        for (ObjectNode object : objects) {
            if (!CLUSTER_SCOPED.contains(kind(object))) {
                metadata(object).put("namespace", namespace);
            }
            // A binding's service-account subjects follow their account into the namespace.
            for (JsonNode subject : object.path("subjects")) {
                if ("ServiceAccount".equals(subject.path("kind").asText())) {
                    ((ObjectNode) subject).put("namespace", namespace);
                }
            }
        }
    }

    private static void addLabels(List<ObjectNode> objects, JsonNode labels) {
        if (labels.path("includeSelectors").asBoolean(false)) {
            throw new IllegalArgumentException("labels with includeSelectors: true are not supported by this renderer");
        }
        boolean templates = labels.path("includeTemplates").asBoolean(false);
        for (ObjectNode object : objects) {
            for (Map.Entry<String, JsonNode> pair : iterable(labels.path("pairs").fields())) {
                labelsOf(metadata(object)).set(pair.getKey(), pair.getValue());
                if (templates && WORKLOADS.contains(kind(object))) {
                    ObjectNode template = (ObjectNode) object.with("spec").with("template");
                    labelsOf(template.with("metadata")).set(pair.getKey(), pair.getValue());
                }
            }
        }
    }

    private static void setReplicas(List<ObjectNode> objects, JsonNode replicas) {
        boolean matched = false;
        for (ObjectNode object : objects) {
            if (WORKLOADS.contains(kind(object)) && name(object).equals(replicas.path("name").asText())) {
                ((ObjectNode) object.with("spec")).put("replicas", replicas.path("count").asInt());
                matched = true;
            }
        }
        if (!matched) {
            throw new IllegalArgumentException("replicas: no workload named " + replicas.path("name").asText());
        }
    }

    private static void setImage(List<ObjectNode> objects, JsonNode image) {
        String name = image.path("name").asText();
        for (ObjectNode object : objects) {
            for (JsonNode podSpec : podSpecs(object)) {
                for (String list : List.of("containers", "initContainers")) {
                    for (JsonNode container : podSpec.path(list)) {
                        String current = container.path("image").asText();
                        if (imageName(current).equals(name)) {
                            String newName = image.hasNonNull("newName") ? image.get("newName").asText() : imageName(current);
                            String tag = image.hasNonNull("newTag") ? ":" + image.get("newTag").asText() : imageTag(current);
                            ((ObjectNode) container).put("image", newName + tag);
                        }
                    }
                }
            }
        }
    }

    /** The pod specs of a workload (its template's) or of a bare pod. */
    static List<JsonNode> podSpecs(JsonNode object) {
        if (WORKLOADS.contains(kind(object))) {
            return List.of(object.path("spec").path("template").path("spec"));
        }
        if ("CronJob".equals(kind(object))) {
            return List.of(object.path("spec").path("jobTemplate").path("spec").path("template").path("spec"));
        }
        if ("Pod".equals(kind(object))) {
            return List.of(object.path("spec"));
        }
        return List.of();
    }

    private static String imageName(String image) {
        int digest = image.indexOf('@');
        String withoutDigest = digest < 0 ? image : image.substring(0, digest);
        int colon = withoutDigest.lastIndexOf(':');
        return colon > withoutDigest.lastIndexOf('/') ? withoutDigest.substring(0, colon) : withoutDigest;
    }

    private static String imageTag(String image) {
        return image.substring(imageName(image).length());
    }

    private static ObjectNode metadata(ObjectNode object) {
        return (ObjectNode) object.with("metadata");
    }

    private static ObjectNode labelsOf(JsonNode metadata) {
        return (ObjectNode) ((ObjectNode) metadata).with("labels");
    }

    private static <T> Iterable<T> iterable(Iterator<T> iterator) {
        return () -> iterator;
    }

    static ArrayNode asArray(JsonNode node) {
        return (ArrayNode) node;
    }
}
