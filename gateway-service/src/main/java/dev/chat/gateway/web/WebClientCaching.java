package dev.chat.gateway.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.quarkus.runtime.LaunchMode;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;

/**
 * How browsers cache the web client. Its files (HTML, ES modules, CSS, the icon, robots.txt) keep their names from one
 * version to the next, so a browser must ask each time whether its copy is still current: they go out with
 * {@code Cache-Control: no-cache} and an ETag of their content, and a request whose {@code If-None-Match} names the
 * current ETag is answered 304 with no body. Quarkus' static handler alone would send {@code public, immutable,
 * max-age=86400} (it sets its header only where none is set yet), and an upgrade would stay invisible for a day.
 * <p>
 * The ETag is weak ({@code W/}): the same content goes out gzip-compressed or not. Dates are not used to validate: the
 * static handler's {@code Last-Modified} is when the process first read the file, not when its content changed, so it
 * is not sent, and the handler never sees an {@code If-Modified-Since} (a copy cached before this change may send one).
 */
@ApplicationScoped
public class WebClientCaching {

    static final String CACHE_CONTROL = "no-cache";
    /** Before the routes (static files included); a filter of higher priority runs earlier. */
    static final int PRIORITY = 100;
    private static final String RESOURCES = "META-INF/resources/";
    private static final String INDEX_PAGE = "index.html";
    /** Paths that are never the web client's files: the API, the WebSocket, Quarkus' own endpoints. */
    private static final String[] NOT_STATIC = {"/api/", "/q/", "/ws"};

    /** ETags of the files looked up so far, by resource name; a file's content does not change while the process runs. */
    private final Map<String, String> etags = new ConcurrentHashMap<>();

    void register(@Observes Filters filters) {
        // Dev mode serves the files from the source tree, as they are edited, with caching off: tags computed once would
        // answer 304 for an edited file.
        if (LaunchMode.current() != LaunchMode.DEVELOPMENT) {
            filters.register(this::handle, PRIORITY);
        }
    }

    void handle(RoutingContext context) {
        HttpServerRequest request = context.request();
        String etag = request.method() == HttpMethod.GET || request.method() == HttpMethod.HEAD
                ? etagOf(context.normalizedPath()) : null;
        if (etag == null) {
            context.next();
            return;
        }
        HttpServerResponse response = context.response();
        response.headers().set(HttpHeaders.CACHE_CONTROL, CACHE_CONTROL).set(HttpHeaders.ETAG, etag);
        // The static handler's Last-Modified is when this process first read the file, not when it changed: not sent.
        context.addHeadersEndHandler(ignored -> response.headers().remove(HttpHeaders.LAST_MODIFIED));
        String ifNoneMatch = request.getHeader(HttpHeaders.IF_NONE_MATCH);
        if (ifNoneMatch != null && matches(ifNoneMatch, etag)) {
            response.setStatusCode(304).end();
            return;
        }
        request.headers().remove(HttpHeaders.IF_MODIFIED_SINCE);
        context.next();
    }

    /** The ETag of the web client's file at this path, or null where the path names none. */
    String etagOf(String path) {
        if (path == null || !path.startsWith("/") || Arrays.stream(NOT_STATIC).anyMatch(path::startsWith)) {
            return null;
        }
        boolean directory = path.endsWith("/");
        if (!directory && !path.substring(path.lastIndexOf('/')).contains(".")) {
            // A directory named without its slash: the static handler redirects it, nothing to tag.
            return null;
        }
        String name = RESOURCES + path.substring(1) + (directory ? INDEX_PAGE : "");
        String known = etags.get(name);
        if (known != null) {
            return known;
        }
        // Misses are not remembered: any path may be asked for, and the map must not grow with them.
        String computed = contentTag(name);
        if (computed != null) {
            etags.put(name, computed);
        }
        return computed;
    }

    /** Weak comparison (RFC 9110, 13.1.2): any listed tag, with or without W/, equal to ours; or "*". */
    static boolean matches(String ifNoneMatch, String etag) {
        String ours = opaque(etag);
        for (String candidate : ifNoneMatch.split(",")) {
            String tag = candidate.trim();
            if ("*".equals(tag) || opaque(tag).equals(ours)) {
                return true;
            }
        }
        return false;
    }

    private static String opaque(String tag) {
        return tag.startsWith("W/") ? tag.substring(2) : tag;
    }

    private static String contentTag(String name) {
        try (InputStream in = WebClientCaching.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                return null;
            }
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(in.readAllBytes());
            return "W/\"" + Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(digest, 16)) + "\"";
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + name, e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
