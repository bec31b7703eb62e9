package dev.chat.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.chat.deploy.local.LocalInfrastructure;
import dev.chat.deploy.local.ServiceProcess;
import dev.chat.deploy.local.ServiceSettings;

/**
 * Our full pipeline: gateway -> Kafka -> chat-service (messages) or sketch-service (the canvas) with PostgreSQL ->
 * Kafka -> gateway, started here on real infrastructure from the packaged jars, and prepared through the public REST
 * API only.
 */
final class PipelineTarget implements Target {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    /**
     * The benchmark measures chat, not password hashing nor abuse limits: accounts are made with a cheap bcrypt cost,
     * and the per-user send budgets (gateway and chat-service) are lifted, as the load comes from a few thousand users
     * sending on a schedule from one address.
     */
    private static final Map<String, String> BENCH_SETTINGS = Map.ofEntries(
            Map.entry("chat.users.bcrypt-cost", "4"),
            Map.entry("chat.gateway.websocket.sends-per-window", "100000"),
            Map.entry("chat.rooms.limits.sends-per-window", "100000"),
            Map.entry("chat.gateway.websocket.max-connections-per-user", "100000"),
            Map.entry("chat.gateway.http.auth-limits.register-per-ip.count", "100000"),
            Map.entry("chat.gateway.http.auth-limits.login-per-ip.count", "100000"),
            Map.entry("chat.gateway.http.auth-limits.refresh-per-ip.count", "100000"),
            Map.entry("chat.gateway.http.auth-limits.register-global.count", "100000"),
            Map.entry("chat.gateway.http.auth-limits.login-global.count", "100000"),
            Map.entry("chat.gateway.http.auth-limits.refresh-global.count", "100000"),
            Map.entry("quarkus.log.level", "WARN"));

    /** The services a cluster scales out: with {@code --instances N} the bench runs N of each. */
    private static final List<String> SCALED = List.of("gateway-service", "chat-service");

    private final LocalInfrastructure infrastructure;
    private final Map<String, List<ServiceProcess>> services;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ServiceTimers timers = new ServiceTimers();
    private final String baseUrl;

    private PipelineTarget(LocalInfrastructure infrastructure, Map<String, List<ServiceProcess>> services) {
        this.infrastructure = infrastructure;
        this.services = services;
        this.baseUrl = services.get("gateway-service").get(0).url();
    }

    /**
     * How the pipeline is laid out: how many instances of each scaled service, and whether each instance is pinned to
     * one core (instance i of each to core i modulo the cores), the layout of a cluster's pods on a small machine.
     */
    record Topology(int instances, boolean pinned) {
        static final Topology SINGLE = new Topology(1, false);

        int of(String service) {
            return SCALED.contains(service) ? instances : 1;
        }
    }

    static PipelineTarget start(Path root, Topology topology) throws Exception {
        LocalInfrastructure infrastructure = LocalInfrastructure.startForTests();
        Map<String, List<ServiceProcess>> services = new LinkedHashMap<>();
        int cores = Runtime.getRuntime().availableProcessors();
        for (String name : List.of("user-service", "chat-service", "sketch-service", "gateway-service")) {
            Map<String, String> config = new HashMap<>(infrastructure.configFor(name));
            config.putAll(BENCH_SETTINGS);
            if (name.equals("gateway-service")) {
                config.put(ServiceSettings.CHAT_SERVICE_URL, services.get("chat-service").get(0).url());
            }
            for (int i = 0; i < topology.of(name); i++) {
                boolean pinned = topology.pinned() && topology.of(name) > 1;
                ServiceProcess process = ServiceProcess.start(name, root.resolve(name).resolve("target/quarkus-app/quarkus-run.jar"), 0,
                        config, infrastructure.logDir().resolve(logName(name, i)), jvmOptions(name, pinned));
                services.computeIfAbsent(name, n -> new ArrayList<>()).add(process);
            }
        }
        for (var service : services.entrySet()) {
            for (int i = 0; i < service.getValue().size(); i++) {
                service.getValue().get(i).awaitReady(Duration.ofMinutes(2));
                // Once ready, when its threads have started: those it starts later inherit the core.
                if (topology.pinned() && service.getValue().size() > 1) {
                    pin(service.getValue().get(i), i % cores);
                }
            }
        }
        return new PipelineTarget(infrastructure, services);
    }

    private static String logName(String service, int instance) {
        return instance == 0 ? service + ".log" : service + "-" + instance + ".log";
    }

    /** Every thread of the process to one core; threads started later inherit it. */
    private static void pin(ServiceProcess process, int core) throws Exception {
        Process taskset = new ProcessBuilder("taskset", "-a", "-cp", Integer.toString(core), Long.toString(process.pid()))
                .redirectErrorStream(true).start();
        String output = new String(taskset.getInputStream().readAllBytes());
        if (taskset.waitFor() != 0) {
            throw new IllegalStateException("taskset failed: " + output);
        }
    }

    /**
     * -Xmx512m and the parallel collector (as ./run-local, and as the JVM images' run-java.sh), plus what
     * {@code -Dbench.jvm.<service>="..."} adds (a JFR recording, say, or another collector, which then replaces it).
     * A pinned instance sizes its pools (event loops, GC threads) for the one core it gets, as in a pod limited to one.
     */
    private static String[] jvmOptions(String service, boolean pinned) {
        List<String> options = new ArrayList<>(List.of("-Xmx512m"));
        if (pinned) {
            options.add("-XX:ActiveProcessorCount=1");
        }
        String extra = System.getProperty("bench.jvm." + service, "").trim();
        if (!extra.matches(".*-XX:\\+Use\\w+GC.*")) {
            options.add("-XX:+UseParallelGC");
        }
        if (!extra.isEmpty()) {
            options.addAll(List.of(extra.split("\\s+")));
        }
        return options.toArray(String[]::new);
    }

    @Override
    public String name() {
        return "pipeline (gateway -> Kafka -> chat-service / sketch-service + PostgreSQL -> Kafka -> gateway)";
    }

    @Override
    public List<ClientPlan> prepare(Shape shape) throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 6);
        Semaphore inFlight = new Semaphore(16);
        List<CompletableFuture<String[]>> accounts = new ArrayList<>();
        for (int i = 0; i < shape.connections(); i++) {
            String username = "b" + run + "_" + i;
            inFlight.acquire();
            accounts.add(post("/api/auth/register", null, Map.of("username", username, "password", "bench password",
                    "email", username + "@bench.local"))
                    .thenCompose(registered -> post("/api/auth/login", null, Map.of("username", username, "password", "bench password")))
                    .thenApply(login -> new String[] {login.path("user").path("id").asText(), login.path("accessToken").asText()})
                    .whenComplete((r, e) -> inFlight.release()));
        }
        List<String[]> users = new ArrayList<>();
        for (CompletableFuture<String[]> account : accounts) {
            users.add(account.join());
        }
        List<ClientPlan> plans = new ArrayList<>();
        for (int r = 0; r < shape.rooms(); r++) {
            int first = r * shape.roomSize();
            String[] owner = users.get(first);
            String roomId;
            if (shape.roomSize() == 2) {
                roomId = post("/api/dms", owner[1], Map.of("userId", users.get(first + 1)[0])).join().path("id").asText();
            } else {
                roomId = post("/api/rooms", owner[1], Map.of("name", "bench " + run + " " + r, "visibility", "public"))
                        .join().path("id").asText();
                List<CompletableFuture<JsonNode>> joins = new ArrayList<>();
                for (int i = first + 1; i < Math.min(first + shape.roomSize(), users.size()); i++) {
                    inFlight.acquire();
                    joins.add(post("/api/rooms/" + roomId + "/join", users.get(i)[1], Map.of())
                            .whenComplete((j, e) -> inFlight.release()));
                }
                joins.forEach(CompletableFuture::join);
            }
            for (int i = first; i < Math.min(first + shape.roomSize(), users.size()); i++) {
                plans.add(new ClientPlan(i, users.get(i)[0], users.get(i)[1], roomId, List.of(roomId)));
            }
        }
        return plans;
    }

    /**
     * POST as a patient client: a 503 (a service not answering yet, e.g. while its consumers join their group)
     * is retried; a 409 on a retried registration means the first attempt got through.
     */
    private CompletableFuture<JsonNode> post(String path, String token, Object body) {
        return attempt(path, token, body, 0);
    }

    private CompletableFuture<JsonNode> attempt(String path, String token, Object body, int tries) {
        return once(path, token, body).handle((result, failure) -> {
            if (failure == null) {
                return CompletableFuture.completedFuture(result);
            }
            String message = String.valueOf(failure.getMessage());
            if (tries < 10 && message.contains(" answered 503")) {
                return attempt(path, token, body, tries + 1);
            }
            if (tries > 0 && path.endsWith("/register") && message.contains(" answered 409")) {
                return CompletableFuture.completedFuture((JsonNode) MAPPER.createObjectNode());
            }
            return CompletableFuture.<JsonNode>failedFuture(failure);
        }).thenCompose(f -> f);
    }

    private CompletableFuture<JsonNode> once(String path, String token, Object body) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(30))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(MAPPER.writeValueAsString(body)));
            if (token != null) {
                request.header("Authorization", "Bearer " + token);
            }
            return http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString()).thenApply(response -> {
                if (response.statusCode() >= 300) {
                    throw new IllegalStateException(path + " answered " + response.statusCode() + ": " + response.body());
                }
                try {
                    return response.body().isEmpty() ? MAPPER.createObjectNode() : MAPPER.readTree(response.body());
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
        } catch (Exception e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    @Override
    public Map<String, List<ProcessHandle>> processes() {
        Map<String, List<ProcessHandle>> roles = new LinkedHashMap<>();
        services.forEach((name, instances) -> roles.put(name,
                instances.stream().map(process -> ProcessHandle.of(process.pid()).orElseThrow()).toList()));
        List<ProcessHandle> kafka = new ArrayList<>();
        List<ProcessHandle> redis = new ArrayList<>();
        ProcessHandle.current().children().forEach(child -> {
            // The broker's command line (a long classpath) is read from /proc: ProcessHandle may not report it.
            String command = commandLine(child.pid());
            if (command.contains("KafkaBrokerMain")) {
                kafka.add(child);
            } else if (command.contains("redis-server")) {
                redis.add(child);
            }
        });
        List<ProcessHandle> postgres = new ArrayList<>();
        String dataDir = infrastructure.dataDir().toString();
        ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().orElse("").contains(dataDir) && p.info().command().orElse("").endsWith("postgres"))
                .forEach(postgres::add);
        roles.put("kafka", kafka);
        roles.put("postgres", postgres);
        roles.put("redis", redis);
        return roles;
    }

    private static String commandLine(long pid) {
        try {
            return new String(Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline"))).replace('\0', ' ');
        } catch (Exception e) {
            return "";
        }
    }

    /** The services' own timers of the message and canvas paths (ServiceTimers), each instance's apart. */
    @Override
    public Map<String, Object> hops() {
        Map<String, Object> hops = new LinkedHashMap<>();
        for (String service : List.of("gateway-service", "chat-service", "sketch-service")) {
            List<ServiceProcess> instances = services.get(service);
            for (int i = 0; i < instances.size(); i++) {
                timers.scrape(instances.size() == 1 ? service : service + "#" + i, instances.get(i).url(), hops);
            }
        }
        return hops;
    }

    @Override
    public String webSocketUri(ClientPlan plan) {
        return "/ws?access_token=" + plan.token();
    }

    @Override
    public String host() {
        return "127.0.0.1";
    }

    /** Connections spread over the gateways in turn, as a load balancer would. */
    @Override
    public int port(ClientPlan plan) {
        List<ServiceProcess> gateways = services.get("gateway-service");
        return gateways.get(plan.index() % gateways.size()).port();
    }

    @Override
    public void close() {
        services.values().forEach(instances -> instances.forEach(ServiceProcess::requestStop));
        services.values().forEach(instances -> instances.forEach(ServiceProcess::close));
        keepLogs();
        infrastructure.close();
    }

    /** The services' logs of the last run, kept in bench/target/logs (the infrastructure's folder goes with it). */
    private void keepLogs() {
        Path kept = Path.of("bench", "target", "logs");
        try {
            Files.createDirectories(kept);
            for (var service : services.entrySet()) {
                for (int i = 0; i < service.getValue().size(); i++) {
                    Path log = infrastructure.logDir().resolve(logName(service.getKey(), i));
                    if (Files.exists(log)) {
                        Files.copy(log, kept.resolve(log.getFileName()), StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            }
        } catch (IOException e) {
            Console.progress("the services' logs were not kept: %s", e);
        }
    }
}
