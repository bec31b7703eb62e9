package dev.chat.gateway.rest;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;

/**
 * Which methods a path of the API takes, read once from the resources' annotations: the {@code Allow} header and the
 * text of a 405, which the JAX-RS layer answers without either. ({@code OpenApiLintTest} checks it knows every
 * operation of the OpenAPI document.)
 */
final class AllowedMethods {

    static final List<Class<?>> RESOURCES = List.of(AuthResource.class, UserResource.class, RoomResource.class,
            MessageResource.class, SketchResource.class, AttachmentResource.class);

    private static final List<Route> ROUTES = routes();

    private AllowedMethods() {
    }

    private record Route(Pattern path, String method) {
    }

    /** The methods that path takes, in alphabetical order; empty for a path the API does not have. */
    static Set<String> of(String path) {
        Set<String> methods = new TreeSet<>();
        for (Route route : ROUTES) {
            if (route.path().matcher(path).matches()) {
                methods.add(route.method());
            }
        }
        return methods;
    }

    private static List<Route> routes() {
        List<Route> routes = new ArrayList<>();
        for (Class<?> resource : RESOURCES) {
            String base = resource.getAnnotation(Path.class).value();
            for (Method method : resource.getDeclaredMethods()) {
                String verb = verbOf(method);
                if (verb != null) {
                    Path path = method.getAnnotation(Path.class);
                    String template = base + (path == null ? "" : path.value());
                    routes.add(new Route(Pattern.compile(template.replaceAll("\\{[^}]+\\}", "[^/]+")), verb));
                }
            }
        }
        // The upload is a Vert.x route of its own (it streams its body), not a resource method.
        routes.add(new Route(Pattern.compile(AttachmentUploadRoute.PATH.replace(":roomId", "[^/]+")), "POST"));
        return List.copyOf(routes);
    }

    private static String verbOf(Method method) {
        for (Annotation annotation : method.getAnnotations()) {
            HttpMethod http = annotation.annotationType().getAnnotation(HttpMethod.class);
            if (http != null) {
                return http.value();
            }
        }
        return null;
    }
}
