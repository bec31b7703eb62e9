package dev.chat.deploy.local;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** One packaged Quarkus service (fast-jar) running as its own process, as it would in a container. */
public final class ServiceProcess implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;
    private final Process process;
    private final int port;
    private final Path logFile;

    private ServiceProcess(String name, Process process, int port, Path logFile) {
        this.name = name;
        this.process = process;
        this.port = port;
        this.logFile = logFile;
    }

    /**
     * @param jar    the service's {@code target/quarkus-app/quarkus-run.jar}
     * @param port   the HTTP port, or 0 for any free one
     * @param config Quarkus config properties: system properties, secrets as environment variables
     */
    public static ServiceProcess start(String name, Path jar, int port, Map<String, String> config, Path logFile,
            String... jvmOptions) throws IOException {
        // Secrets go through the environment: a command line is visible to every user of the machine (ps).
        Map<String, String> secrets = new HashMap<>();
        List<String> properties = new ArrayList<>();
        config.forEach((key, value) -> {
            if (ServiceSettings.isSecret(key)) {
                secrets.put(ServiceSettings.envName(key), value);
            } else {
                properties.add("-D" + key + "=" + value);
            }
        });
        return launch(name, jar, port == 0 ? FreePorts.next() : port, properties, null, secrets, logFile, jvmOptions);
    }

    /**
     * Starts the service with exactly {@code environment} as its environment variables, as a container would get them
     * from its manifest; only the HTTP port is added, on the command line.
     */
    public static ServiceProcess startWithEnvironment(String name, Path jar, Map<String, String> environment, Path logFile,
            String... jvmOptions) throws IOException {
        Map<String, String> exactly = new HashMap<>(environment);
        exactly.put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        return launch(name, jar, FreePorts.next(), List.of(), exactly, Map.of(), logFile, jvmOptions);
    }

    /**
     * @param replaceEnvironment the process's whole environment, or null to inherit this one's
     * @param addEnvironment     added to it
     */
    private static ServiceProcess launch(String name, Path jar, int httpPort, List<String> properties,
            Map<String, String> replaceEnvironment, Map<String, String> addEnvironment, Path logFile, String... jvmOptions)
            throws IOException {
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: package the services first (./mvnw package -DskipTests)");
        }
        List<String> command = new ArrayList<>(List.of(KafkaBroker.javaExecutable(), "-Xmx384m"));
        command.addAll(List.of(jvmOptions));
        command.add("-Dquarkus.http.port=" + httpPort);
        command.addAll(properties);
        command.addAll(List.of("-jar", jar.toString()));
        Files.createDirectories(logFile.getParent());
        ProcessBuilder builder = new ProcessBuilder(command);
        if (replaceEnvironment != null) {
            builder.environment().clear();
            builder.environment().putAll(replaceEnvironment);
        }
        builder.environment().putAll(addEnvironment);
        Process process = builder
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                .start();
        return new ServiceProcess(name, process, httpPort, logFile);
    }

    /** Waits until the service's readiness check answers UP (Kafka, database and Redis connected). */
    public ServiceProcess awaitReady(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        HttpRequest request = HttpRequest.newBuilder(URI.create(url() + "/q/health/ready"))
                .timeout(Duration.ofSeconds(5)).GET().build();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + "; see " + logFile);
            }
            try {
                if (HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return this;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException(name + " not ready after " + timeout + "; see " + logFile);
    }

    public String name() {
        return name;
    }

    public int port() {
        return port;
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    public Path logFile() {
        return logFile;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** SIGKILL: the process gets no chance to clean up, as when a node dies. */
    public void kill() throws InterruptedException {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }

    /** Waits for the process to end by itself (after {@link #requestStop()}); false if it has not within the time. */
    public boolean waitForExit(long timeout, TimeUnit unit) throws InterruptedException {
        return process.waitFor(timeout, unit);
    }

    /** SIGTERM without waiting; {@link #close()} then waits. */
    public void requestStop() {
        process.destroy();
    }

    /** SIGTERM, then SIGKILL if it has not stopped within 20 seconds. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
