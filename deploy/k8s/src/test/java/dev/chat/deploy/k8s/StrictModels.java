package dev.chat.deploy.k8s;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Reads an object into its typed model and lists every field the model does not know. The Kubernetes and Strimzi
 * models keep unknown fields in an {@code additionalProperties} map instead of failing (an API server with
 * field validation Strict refuses them), so the check walks the typed object and reports each one, by path.
 */
final class StrictModels {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);

    private StrictModels() {
    }

    /** The problems of one object read as {@code type}: unknown fields by path, or why it does not read at all. */
    static List<String> problems(JsonNode object, Class<?> type) {
        Object typed;
        try {
            typed = MAPPER.treeToValue(object, type);
        } catch (Exception e) {
            return List.of("does not read as " + type.getSimpleName() + ": " + e.getMessage().lines().findFirst().orElse(""));
        }
        List<String> problems = new ArrayList<>();
        walk(typed, "", problems, 0);
        return problems;
    }

    private static void walk(Object value, String path, List<String> problems, int depth) {
        if (value == null || depth > 40 || isLeaf(value.getClass())) {
            return;
        }
        if (value instanceof Collection<?> collection) {
            int index = 0;
            for (Object element : collection) {
                walk(element, path + "/" + index++, problems, depth + 1);
            }
            return;
        }
        if (value instanceof Map<?, ?> map) {
            map.forEach((key, element) -> walk(element, path + "/" + key, problems, depth + 1));
            return;
        }
        unknownFields(value).forEach(key -> problems.add("unknown field " + path + "/" + key));
        for (Class<?> type = value.getClass(); type != null && type != Object.class; type = type.getSuperclass()) {
            for (Field field : type.getDeclaredFields()) {
                if (Modifier.isStatic(field.getModifiers()) || "additionalProperties".equals(field.getName())) {
                    continue;
                }
                field.setAccessible(true);
                try {
                    walk(field.get(value), path + "/" + field.getName(), problems, depth + 1);
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
    }

    private static Collection<?> unknownFields(Object value) {
        try {
            Method getter = value.getClass().getMethod("getAdditionalProperties");
            Object unknown = getter.invoke(value);
            return unknown instanceof Map<?, ?> map ? map.keySet() : List.of();
        } catch (NoSuchMethodException e) {
            return List.of();
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean isLeaf(Class<?> type) {
        String name = type.getName();
        return type.isPrimitive() || type.isEnum() || name.startsWith("java.lang.") || name.startsWith("java.time.")
                || name.startsWith("java.math.") || name.startsWith("com.fasterxml.");
    }
}
