package dev.chat.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.cloud.tools.jib.api.Containerizer;
import com.google.cloud.tools.jib.api.Jib;
import com.google.cloud.tools.jib.api.JibContainer;
import com.google.cloud.tools.jib.api.TarImage;
import com.google.cloud.tools.jib.api.buildplan.AbsoluteUnixPath;
import com.google.cloud.tools.jib.api.buildplan.FileEntriesLayer;
import com.google.cloud.tools.jib.api.buildplan.ImageFormat;
import com.google.cloud.tools.jib.api.buildplan.Port;

import dev.chat.deploy.local.ServiceProcess;

/**
 * A service's JVM image built without a Docker daemon (Jib, to an OCI tarball), laid out as
 * {@code src/main/docker/Dockerfile.jvm} and the root pom's container-image settings lay it out: the dependencies, the
 * runner, the application and Quarkus' generated files under /deployments, each in a layer of its own with the
 * application's code last (a code change rebuilds only the small top layer), user 185, port 8080, run-java.sh with
 * {@code JAVA_APP_JAR}. The test reads the tarball back (manifest, config, every layer's files), builds it twice to
 * the same digest, and starts the application from the image's own files. Its base here is empty: the real base
 * (UBI 9 OpenJDK 17) lives in a registry this machine cannot reach, so the JVM that runs it is the machine's.
 */
class ContainerImageIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AbsoluteUnixPath DEPLOYMENTS = AbsoluteUnixPath.get("/deployments");
    private static final String ENTRYPOINT = "/opt/jboss/container/java/run/run-java.sh";

    @Test
    void theGatewaysImageHasItsLayersEntrypointAndUserAndRunsFromItsOwnFiles() throws Exception {
        RunningSystem system = RunningSystem.get();
        Path root = Path.of(System.getProperty("chat.project.root", "..")).toAbsolutePath().normalize();
        Path app = root.resolve("gateway-service/target/quarkus-app");
        Path images = Files.createDirectories(root.resolve("e2e-tests/target/images"));

        JibContainer first = build(app, images.resolve("gateway-service.tar"));
        JibContainer second = build(app, images.resolve("gateway-service-again.tar"));
        assertEquals(first.getDigest(), second.getDigest(), "the same application built twice is the same image");

        Image image = Image.read(images.resolve("gateway-service.tar"));
        JsonNode config = image.config().path("config");
        assertEquals(List.of(ENTRYPOINT), strings(config.path("Entrypoint")));
        assertEquals("185", config.path("User").asText());
        assertTrue(config.path("ExposedPorts").has("8080/tcp"));
        assertTrue(strings(config.path("Env")).contains("JAVA_APP_JAR=/deployments/quarkus-run.jar"));
        assertEquals(4, image.layers().size(), "dependencies, runner, application, Quarkus' files");
        assertTrue(files(image.layers().get(0)).stream().allMatch(file -> file.startsWith("/deployments/lib/")));
        assertTrue(files(image.layers().get(0)).stream().anyMatch(file -> file.startsWith("/deployments/lib/boot/")));
        assertEquals(Set.of("/deployments/quarkus-run.jar"), Set.copyOf(files(image.layers().get(1))));
        assertTrue(image.layers().get(2).stream().anyMatch(file -> file.matches("/deployments/app/gateway-service-.*\\.jar")));
        assertTrue(image.layers().get(3).contains("/deployments/quarkus/quarkus-application.dat"));

        // The image's files alone make a working gateway: extracted, and started against the running system.
        Path extracted = Files.createTempDirectory("gateway-image-");
        image.extractTo(extracted);
        Path jar = extracted.resolve("deployments/quarkus-run.jar");
        try (ServiceProcess gateway = ServiceProcess.start("gateway-service", jar, 0, system.infrastructure().configFor("gateway-service"),
                system.infrastructure().logDir().resolve("gateway-from-image.log"), "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC")) {
            gateway.awaitReady(Duration.ofMinutes(2));
            Api api = new Api(gateway.url());
            Api.Session user = api.newUser("img");
            try (WsClient socket = WsClient.connect(gateway.url(), user.accessToken())) {
                assertEquals(1, socket.frames(WsClient.type("welcome")).size());
            }
        }
    }

    /** Jib, from an empty base, with the layers, user, port and entrypoint of the service's JVM image. */
    static JibContainer build(Path app, Path tarball) throws Exception {
        FileEntriesLayer.Builder dependencies = FileEntriesLayer.builder().setName("dependencies");
        addTree(dependencies, app.resolve("lib"), DEPLOYMENTS.resolve("lib"));
        FileEntriesLayer.Builder runner = FileEntriesLayer.builder().setName("runner");
        runner.addEntry(app.resolve("quarkus-run.jar"), DEPLOYMENTS.resolve("quarkus-run.jar"));
        FileEntriesLayer.Builder application = FileEntriesLayer.builder().setName("application");
        addTree(application, app.resolve("app"), DEPLOYMENTS.resolve("app"));
        FileEntriesLayer.Builder generated = FileEntriesLayer.builder().setName("quarkus");
        addTree(generated, app.resolve("quarkus"), DEPLOYMENTS.resolve("quarkus"));
        return Jib.fromScratch()
                .setFormat(ImageFormat.OCI)
                .setCreationTime(Instant.EPOCH)
                .setFileEntriesLayers(dependencies.build(), runner.build(), application.build(), generated.build())
                .setUser("185")
                .setExposedPorts(Set.of(Port.tcp(8080)))
                .setEnvironment(Map.of("JAVA_APP_JAR", "/deployments/quarkus-run.jar"))
                .setEntrypoint(ENTRYPOINT)
                .containerize(Containerizer.to(TarImage.at(tarball).named("ghcr.io/chat-platform/gateway-service:test")));
    }

    private static void addTree(FileEntriesLayer.Builder layer, Path from, AbsoluteUnixPath to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                layer.addEntry(file, to.resolve(from.relativize(file).toString()));
            }
        }
    }

    private static List<String> strings(JsonNode array) {
        List<String> strings = new ArrayList<>();
        array.forEach(element -> strings.add(element.asText()));
        return strings;
    }

    private static List<String> files(List<String> layer) {
        return layer.stream().filter(path -> !path.endsWith("/")).toList();
    }

    /** An image tarball read back: its config and, per layer in order, the paths of its files. */
    record Image(JsonNode config, List<List<String>> layers, Map<String, byte[]> blobs, List<String> layerDigests) {

        static Image read(Path tarball) throws IOException {
            Map<String, byte[]> entries = new HashMap<>();
            try (TarArchiveInputStream tar = new TarArchiveInputStream(Files.newInputStream(tarball))) {
                for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
                    if (entry.isFile()) {
                        entries.put(entry.getName(), tar.readAllBytes());
                    }
                }
            }
            JsonNode manifest;
            JsonNode config;
            List<String> layerFiles = new ArrayList<>();
            if (entries.containsKey("index.json")) {
                String manifestDigest = JSON.readTree(entries.get("index.json")).path("manifests").get(0).path("digest").asText();
                manifest = JSON.readTree(entries.get(blobPath(manifestDigest)));
                config = JSON.readTree(entries.get(blobPath(manifest.path("config").path("digest").asText())));
                manifest.path("layers").forEach(layer -> layerFiles.add(blobPath(layer.path("digest").asText())));
            } else {
                manifest = JSON.readTree(entries.get("manifest.json")).get(0);
                config = JSON.readTree(entries.get(manifest.path("Config").asText()));
                manifest.path("Layers").forEach(layer -> layerFiles.add(layer.asText()));
            }
            List<List<String>> layers = new ArrayList<>();
            for (String layer : layerFiles) {
                layers.add(listLayer(entries.get(layer)));
            }
            return new Image(config, layers, entries, layerFiles);
        }

        void extractTo(Path directory) throws IOException {
            for (String layer : layerDigests) {
                try (TarArchiveInputStream tar = new TarArchiveInputStream(gunzipped(blobs.get(layer)))) {
                    for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
                        Path target = directory.resolve(entry.getName().replaceFirst("^/", "")).normalize();
                        if (!target.startsWith(directory)) {
                            throw new IOException("a layer entry leaves the root: " + entry.getName());
                        }
                        if (entry.isDirectory()) {
                            Files.createDirectories(target);
                        } else {
                            Files.createDirectories(target.getParent());
                            Files.write(target, tar.readAllBytes());
                        }
                    }
                }
            }
        }

        private static String blobPath(String digest) {
            return "blobs/" + digest.replace(':', '/');
        }

        private static List<String> listLayer(byte[] layer) throws IOException {
            Set<String> files = new TreeSet<>();
            try (TarArchiveInputStream tar = new TarArchiveInputStream(gunzipped(layer))) {
                for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
                    String name = "/" + entry.getName().replaceFirst("^/", "");
                    files.add(entry.isDirectory() && !name.endsWith("/") ? name + "/" : name);
                }
            }
            return new ArrayList<>(files);
        }

        private static InputStream gunzipped(byte[] layer) throws IOException {
            return new GZIPInputStream(new ByteArrayInputStream(layer));
        }
    }
}
