package dev.chat.deploy.k8s;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The two kinds of patch kustomize's {@code patches} field takes: a strategic-merge patch (a partial object) or a
 * JSON 6902 patch (a list of operations). Only the merge keys this project patches are known; a patch that needs
 * another list merged by key, or a {@code $patch} directive, is refused instead of rendered differently from kustomize.
 */
final class Patches {

    /** List field -> the key kustomize merges its elements by (from the Kubernetes OpenAPI schema). */
    private static final Map<String, String> MERGE_KEYS = Map.of(
            "containers", "name",
            "initContainers", "name",
            "env", "name",
            "volumes", "name",
            "volumeMounts", "mountPath");

    private static final Set<String> PATCH_FIELDS = Set.of("path", "patch", "target");
    private static final Set<String> TARGET_FIELDS = Set.of("kind", "name", "group", "version");

    private Patches() {
    }

    static void apply(List<ObjectNode> objects, JsonNode entry, Path directory) {
        entry.fieldNames().forEachRemaining(field -> {
            if (!PATCH_FIELDS.contains(field)) {
                throw new IllegalArgumentException("patches: field '" + field + "' is not supported by this renderer");
            }
        });
        JsonNode patch = read(entry, directory);
        JsonNode target = entry.path("target");
        target.fieldNames().forEachRemaining(field -> {
            if (!TARGET_FIELDS.contains(field)) {
                throw new IllegalArgumentException("patches: target field '" + field + "' is not supported by this renderer");
            }
        });
        List<ObjectNode> targets = new ArrayList<>();
        for (ObjectNode object : objects) {
            if (target.isMissingNode() ? matchesPatchIdentity(object, patch) : matchesTarget(object, target)) {
                targets.add(object);
            }
        }
        if (targets.isEmpty()) {
            throw new IllegalArgumentException("patches: no object matches " + (target.isMissingNode() ? identity(patch) : target));
        }
        for (ObjectNode object : targets) {
            if (patch.isArray()) {
                applyJson6902(object, (ArrayNode) patch);
            } else {
                mergeInto(object, patch, "");
            }
        }
    }

    private static JsonNode read(JsonNode entry, Path directory) {
        try {
            if (entry.hasNonNull("path")) {
                return Kustomization.YAML.readTree(Files.readString(directory.resolve(entry.get("path").asText())));
            }
            return Kustomization.YAML.readTree(entry.path("patch").asText());
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("patches: unreadable patch in " + directory, e);
        } catch (IOException e) {
            throw new IllegalArgumentException("patches: cannot read " + entry.path("path").asText() + " in " + directory, e);
        }
    }

    private static boolean matchesPatchIdentity(JsonNode object, JsonNode patch) {
        if (patch.isArray()) {
            throw new IllegalArgumentException("patches: a JSON 6902 patch needs a target");
        }
        return Kustomization.kind(object).equals(Kustomization.kind(patch))
                && Kustomization.name(object).equals(Kustomization.name(patch))
                && object.path("apiVersion").asText().equals(patch.path("apiVersion").asText());
    }

    private static boolean matchesTarget(JsonNode object, JsonNode target) {
        return (!target.has("kind") || Kustomization.kind(object).equals(target.get("kind").asText()))
                && (!target.has("name") || Kustomization.name(object).matches(target.get("name").asText()));
    }

    private static String identity(JsonNode patch) {
        return Kustomization.kind(patch) + "/" + Kustomization.name(patch);
    }

    /** Strategic merge: maps merge, keyed lists merge by key, other lists are replaced, null removes. */
    private static void mergeInto(ObjectNode destination, JsonNode patch, String path) {
        Iterator<Map.Entry<String, JsonNode>> fields = patch.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            String key = field.getKey();
            JsonNode value = field.getValue();
            if (key.startsWith("$")) {
                throw new IllegalArgumentException("patches: directive " + key + " at " + path + " is not supported by this renderer");
            }
            JsonNode existing = destination.get(key);
            if (value.isNull()) {
                destination.remove(key);
            } else if (value.isObject() && existing != null && existing.isObject()) {
                mergeInto((ObjectNode) existing, value, path + "/" + key);
            } else if (value.isArray() && existing != null && existing.isArray() && MERGE_KEYS.containsKey(key)) {
                mergeList((ArrayNode) existing, (ArrayNode) value, MERGE_KEYS.get(key), path + "/" + key);
            } else {
                destination.set(key, value.deepCopy());
            }
        }
    }

    /** Elements the patch adds go first, in the patch's order, as kustomize 5 puts them. */
    private static void mergeList(ArrayNode destination, ArrayNode patch, String mergeKey, String path) {
        int added = 0;
        for (JsonNode element : patch) {
            if (!element.hasNonNull(mergeKey)) {
                throw new IllegalArgumentException("patches: an element of " + path + " has no " + mergeKey);
            }
            ObjectNode match = null;
            for (JsonNode candidate : destination) {
                if (candidate.path(mergeKey).equals(element.get(mergeKey))) {
                    match = (ObjectNode) candidate;
                }
            }
            if (match == null) {
                destination.insert(added++, element.deepCopy());
            } else {
                mergeInto(match, element, path + "/" + element.get(mergeKey).asText());
            }
        }
    }

    private static void applyJson6902(ObjectNode object, ArrayNode operations) {
        for (JsonNode operation : operations) {
            String op = operation.path("op").asText();
            JsonPointer pointer = JsonPointer.compile(operation.path("path").asText());
            JsonNode parent = object.at(pointer.head());
            String last = pointer.last().getMatchingProperty();
            if (parent.isMissingNode()) {
                throw new IllegalArgumentException("patches: " + op + " " + pointer + ": no parent");
            }
            switch (op) {
                case "add", "replace" -> set(parent, last, operation.path("value").deepCopy(), op, pointer);
                case "remove" -> remove(parent, last, pointer);
                default -> throw new IllegalArgumentException("patches: op '" + op + "' is not supported by this renderer");
            }
        }
    }

    private static void set(JsonNode parent, String last, JsonNode value, String op, JsonPointer pointer) {
        if (parent.isObject()) {
            if ("replace".equals(op) && !parent.has(last)) {
                throw new IllegalArgumentException("patches: replace " + pointer + ": nothing there");
            }
            ((ObjectNode) parent).set(last, value);
        } else if (parent.isArray()) {
            ArrayNode array = (ArrayNode) parent;
            if ("-".equals(last)) {
                array.add(value);
            } else if ("add".equals(op)) {
                array.insert(Integer.parseInt(last), value);
            } else {
                array.set(Integer.parseInt(last), value);
            }
        } else {
            throw new IllegalArgumentException("patches: " + op + " " + pointer + ": parent is not a container");
        }
    }

    private static void remove(JsonNode parent, String last, JsonPointer pointer) {
        if (parent.isObject() && parent.has(last)) {
            ((ObjectNode) parent).remove(last);
        } else if (parent.isArray() && Integer.parseInt(last) < parent.size()) {
            ((ArrayNode) parent).remove(Integer.parseInt(last));
        } else {
            throw new IllegalArgumentException("patches: remove " + pointer + ": nothing there");
        }
    }
}
