package dev.chat.deploy.local;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.io.File;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import dev.chat.contracts.Topics;

/** A real single-node KRaft broker in a child JVM, with every topic of {@link Topics#ALL} created. */
final class KafkaBroker implements AutoCloseable {

    /** dev.chat.deploy.kafka.KafkaBrokerMain, named rather than referenced: its classes live only in the child JVM. */
    private static final String MAIN_CLASS = "dev.chat.deploy.kafka.KafkaBrokerMain";
    private static final String READY_LINE = "KAFKA_READY";
    private static final String CLASSPATH_RESOURCE = "kafka-broker.classpath";

    private final Process process;
    private final int port;
    private final int controllerPort;
    private final Path logDir;
    private final Path logFile;

    private KafkaBroker(Process process, int port, int controllerPort, Path logDir, Path logFile) {
        this.process = process;
        this.port = port;
        this.controllerPort = controllerPort;
        this.logDir = logDir;
        this.logFile = logFile;
    }

    static KafkaBroker start(Path logDir, Path logFile) throws IOException {
        return start(logDir, logFile, FreePorts.next(), FreePorts.next());
    }

    /**
     * Kills this broker (SIGKILL: a crash, not a clean stop) and starts it again on the same ports and data, for fault
     * tests. Nothing the broker acknowledged is lost by it: its writes are in the operating system's page cache.
     */
    KafkaBroker restart() throws IOException {
        try {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return start(logDir, logFile, port, controllerPort);
    }

    private static KafkaBroker start(Path logDir, Path logFile, int port, int controllerPort) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                javaExecutable(), "-Xms128m", "-Xmx512m", "-XX:+UseG1GC",
                "-Dlog4j2.configurationFile=classpath:log4j2.properties",
                "-cp", brokerClasspath(), MAIN_CLASS,
                logDir.toString(), Integer.toString(port), Integer.toString(controllerPort),
                Long.toString(ProcessHandle.current().pid())));
        Topics.ALL.forEach(t -> command.add(t.asArgument()));
        Files.createDirectories(logFile.getParent());
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        KafkaBroker broker = new KafkaBroker(process, port, controllerPort, logDir, logFile);
        try {
            broker.awaitReady(process.getInputStream(), logFile).get(120, TimeUnit.SECONDS);
        } catch (Exception e) {
            broker.close();
            throw new IllegalStateException("Kafka did not start; see " + logFile, e);
        }
        return broker;
    }

    String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    /** Copies the broker's output to its log file and completes when the broker says it is ready. */
    private CompletableFuture<Void> awaitReady(InputStream output, Path logFile) {
        CompletableFuture<Void> ready = new CompletableFuture<>();
        Thread pump = new Thread(() -> {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(output, StandardCharsets.UTF_8));
                    var log = Files.newBufferedWriter(logFile, StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
                String line;
                while ((line = reader.readLine()) != null) {
                    log.write(line);
                    log.newLine();
                    log.flush();
                    if (line.equals(READY_LINE)) {
                        ready.complete(null);
                    }
                }
            } catch (IOException e) {
                ready.completeExceptionally(e);
            }
            ready.completeExceptionally(new IllegalStateException("Kafka's output ended before it was ready"));
        }, "kafka-output");
        pump.setDaemon(true);
        pump.start();
        return ready;
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    static String javaExecutable() {
        return ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    /** The broker launcher's own jar (or classes folder) and the jars listed in it at build time. */
    private static String brokerClasspath() {
        URL resource = KafkaBroker.class.getClassLoader().getResource(CLASSPATH_RESOURCE);
        if (resource == null) {
            throw new IllegalStateException(CLASSPATH_RESOURCE + " is missing: build deploy/kafka-broker first");
        }
        try (InputStream in = resource.openStream()) {
            String jars = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
            String location = resource.toString();
            String own = location.startsWith("jar:")
                    ? Path.of(URI.create(location.substring(4, location.indexOf("!/")))).toString()
                    : Path.of(resource.toURI()).getParent().toString();
            return own + File.pathSeparator + jars;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
