package dev.chat.deploy.local;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.HashMap;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * What {@code ./run-local} runs: the infrastructure, then every service as its own process, each awaited
 * until healthy; then it prints the gateway's URL and stays until Ctrl-C or SIGTERM, which stop everything.
 *
 * <p>Environment: {@code GATEWAY_PORT} (8080), {@code CHAT_DATA_DIR} (.data, relative to the repository),
 * {@code GATEWAY_HOST} (127.0.0.1; 0.0.0.0 to reach it from other devices).
 *
 * <p>Arguments after the repository root: {@code --infra-only} starts only Kafka, PostgreSQL and Redis;
 * {@code --without a,b} starts everything but the named services. Either way each service not started gets its
 * settings in {@code <data>/run/<service>.env}, to {@code source} before {@code ./mvnw -pl <service> quarkus:dev}.
 */
public final class LocalLauncher {

    private static final Logger LOG = Logger.getLogger(LocalLauncher.class.getName());
    private static final List<String> BACKEND_SERVICES = List.of("user-service", "chat-service", "sketch-service");
    private static final String GATEWAY = "gateway-service";
    private static final String TERMINAL = "terminal-gateway";
    /** The HTTP ports the services' %dev profiles use: the gateway keeps 8080, the web client's URL. */
    private static final Map<String, Integer> DEV_PORTS = Map.of("gateway-service", 8080, "user-service", 8081,
            "chat-service", 8082, "sketch-service", 8083);
    private static final Duration READY_TIMEOUT = Duration.ofMinutes(3);
    /** Held so the level sticks: zonky narrates every PostgreSQL start line by line at INFO. */
    private static final Logger ZONKY = Logger.getLogger("io.zonky");

    private LocalLauncher() {
    }

    public static void main(String[] args) throws Exception {
        ZONKY.setLevel(Level.WARNING);
        Path root = Path.of(args.length > 0 ? args[0] : ".").toAbsolutePath().normalize();
        Set<String> skipped = skippedServices(Arrays.asList(args).subList(Math.min(1, args.length), args.length));
        Path dataDir = root.resolve(env("CHAT_DATA_DIR", ".data")).normalize();
        int gatewayPort = port(env("GATEWAY_PORT", "8080"));
        int terminalPort = port(env("TERMINAL_PORT", "2323"));
        String gatewayHost = env("GATEWAY_HOST", "127.0.0.1");

        Path runDir = dataDir.resolve("run");
        Files.createDirectories(runDir);
        FileChannel lockChannel = FileChannel.open(runDir.resolve("launcher.lock"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE);
        FileLock lock = lockChannel.tryLock();
        if (lock == null) {
            fail("another ./run-local is already using " + dataDir + "; stop it or set CHAT_DATA_DIR");
        }
        // What a launcher killed with SIGKILL left running (it may hold the gateway port) goes first.
        ChildProcesses children = new ChildProcesses(runDir);
        children.stopLeftovers();
        if (!portIsFree(gatewayPort)) {
            fail("port " + gatewayPort + " is in use; set GATEWAY_PORT to another one");
        }

        LOG.info("starting Kafka, PostgreSQL and Redis in " + dataDir);
        LocalInfrastructure infrastructure = LocalInfrastructure.start(dataDir, true, true);
        List<ServiceProcess> services = new CopyOnWriteArrayList<>();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            long stopping = System.nanoTime();
            System.out.println("\nstopping...");
            // Every service at once, while Kafka and the databases are still there for them to finish their work,
            // leave their consumer groups and close cleanly; the infrastructure only after the last has stopped.
            services.forEach(ServiceProcess::requestStop);
            services.forEach(ServiceProcess::close);
            infrastructure.close();
            System.out.printf("stopped in %.1f s%n", (System.nanoTime() - stopping) / 1e9);
            stopped.countDown();
        }, "local-shutdown"));

        for (String service : BACKEND_SERVICES) {
            if (!skipped.contains(service)) {
                services.add(startService(root, infrastructure, service, 0, Map.of()));
            }
        }
        for (ServiceProcess service : services) {
            service.awaitReady(READY_TIMEOUT);
            LOG.info(service.name() + " ready at " + service.url());
        }
        if (!skipped.contains(GATEWAY)) {
            Map<String, String> gatewaySettings = new HashMap<>(Map.of("quarkus.http.host", gatewayHost));
            // Where uploads' bytes go; a chat-service left out runs in dev mode on its dev port, the default.
            services.stream().filter(service -> service.name().equals("chat-service")).findFirst()
                    .ifPresent(chat -> gatewaySettings.put(ServiceSettings.CHAT_SERVICE_URL, chat.url()));
            ServiceProcess gateway = startService(root, infrastructure, GATEWAY, gatewayPort, gatewaySettings);
            services.add(gateway);
            gateway.awaitReady(READY_TIMEOUT);
            if (portIsFree(terminalPort)) {
                // The terminal door: one more client of the gateway's public API, for nc and telnet.
                ServiceProcess terminal = startService(root, infrastructure, TERMINAL, 0, Map.of("chat.terminal.port",
                        String.valueOf(terminalPort), "chat.terminal.host", gatewayHost, "chat.terminal.gateway-url", gateway.url()));
                services.add(terminal);
                terminal.awaitReady(READY_TIMEOUT);
            } else {
                LOG.warning("port " + terminalPort + " is in use: no terminal door (set TERMINAL_PORT to another one)");
                terminalPort = -1;
            }
        }
        children.recordDescendants();

        String url = "http://" + ("0.0.0.0".equals(gatewayHost) ? "127.0.0.1" : gatewayHost) + ":" + gatewayPort + "/";
        System.out.println();
        if (!skipped.isEmpty()) {
            printDevInstructions(infrastructure, runDir, skipped, url);
            stopped.await();
            lock.release();
            return;
        }
        System.out.println("Chat is running: " + url);
        System.out.println("  API docs:  " + url + "q/swagger-ui");
        if (terminalPort > 0) {
            String host = "0.0.0.0".equals(gatewayHost) ? "127.0.0.1" : gatewayHost;
            System.out.println("  terminal:  nc " + host + " " + terminalPort + "   (or telnet " + host + " " + terminalPort + ")");
        }
        System.out.println("  logs:      " + infrastructure.logDir());
        System.out.println("Press Ctrl-C to stop.");
        stopped.await();
        lock.release();
    }

    /** {@code --infra-only} skips every service; {@code --without a,b} the named ones. */
    private static Set<String> skippedServices(List<String> options) {
        Set<String> all = new LinkedHashSet<>(BACKEND_SERVICES);
        all.add(GATEWAY);
        Set<String> skipped = new LinkedHashSet<>();
        for (int i = 0; i < options.size(); i++) {
            String option = options.get(i);
            if (option.equals("--infra-only")) {
                skipped.addAll(all);
            } else if (option.equals("--without") && i + 1 < options.size()) {
                for (String name : options.get(++i).split(",")) {
                    String service = name.trim().endsWith("-service") ? name.trim() : name.trim() + "-service";
                    if (!all.contains(service)) {
                        fail("--without: no service named " + name + "; the services are " + String.join(", ", all));
                    }
                    skipped.add(service);
                }
            } else {
                fail("unknown option " + option + "; use --infra-only, --without <service,...> or --build");
            }
        }
        return skipped;
    }

    /** Each service left out gets its settings in an env file, and the command that runs it in dev mode. */
    private static void printDevInstructions(LocalInfrastructure infrastructure, Path runDir, Set<String> skipped, String url)
            throws IOException {
        System.out.println(skipped.size() == BACKEND_SERVICES.size() + 1 ? "Infrastructure is running (no services):"
                : "Running all but " + String.join(", ", skipped) + ".");
        System.out.println("  kafka:  " + infrastructure.kafkaBootstrapServers());
        System.out.println("  redis:  " + infrastructure.redisUrl());
        System.out.println("Run a service in dev mode (live reload) against it, each in its own terminal:");
        for (String service : skipped) {
            Path envFile = ServiceSettings.writeEnvFile(runDir.resolve(service + ".env"), infrastructure.configFor(service));
            System.out.println("  (source " + envFile + " && ./mvnw -pl " + service + " quarkus:dev)   # http://127.0.0.1:"
                    + DEV_PORTS.get(service) + "/");
        }
        if (!skipped.contains(GATEWAY)) {
            System.out.println("The web client: " + url);
        }
        System.out.println("Press Ctrl-C to stop.");
    }

    private static ServiceProcess startService(Path root, LocalInfrastructure infrastructure, String service, int port,
            Map<String, String> extra) throws IOException {
        Map<String, String> config = new HashMap<>(infrastructure.configFor(service));
        config.putAll(extra);
        Path jar = root.resolve(service).resolve("target/quarkus-app/quarkus-run.jar");
        // The parallel collector: on two cores it halved S1's median latency against G1, at a little less CPU
        // (bench/README.md, issue 17); the JVM images' run-java.sh picks it too.
        return ServiceProcess.start(service, jar, port, config, infrastructure.logDir().resolve(service + ".log"), "-XX:+UseParallelGC");
    }

    private static boolean portIsFree(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** GATEWAY_PORT as a port number, or a one-line message saying what would do. */
    static int port(String text) {
        try {
            int port = Integer.parseInt(text.trim());
            if (port >= 1 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        fail("GATEWAY_PORT must be a port number from 1 to 65535, not '" + text + "'");
        return -1;
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    private static void fail(String message) {
        System.err.println("run-local: " + message);
        System.exit(2);
    }
}
