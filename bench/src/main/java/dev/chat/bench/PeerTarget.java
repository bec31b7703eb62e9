package dev.chat.bench;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/** The peer ({@link PeerServer}) in its own process, so its CPU and memory are counted apart from ours. */
final class PeerTarget implements Target {

    private final Process process;
    private final int port;

    private PeerTarget(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    static PeerTarget start() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        String java = ProcessHandle.current().info().command().orElse("java");
        Process process = new ProcessBuilder(java, "-Xmx1g", "-cp", System.getProperty("java.class.path"),
                PeerServer.class.getName(), Integer.toString(port)).redirectErrorStream(true).start();
        BufferedReader output = new BufferedReader(new InputStreamReader(process.getInputStream()));
        String line;
        while ((line = output.readLine()) != null && !line.equals(PeerServer.READY)) {
            // startup chatter
        }
        if (line == null) {
            throw new IllegalStateException("the peer did not start");
        }
        Thread drain = new Thread(() -> {
            try {
                while (output.readLine() != null) {
                    // keep the pipe from filling
                }
            } catch (Exception ignored) {
                // the peer ended
            }
        }, "peer-output");
        drain.setDaemon(true);
        drain.start();
        return new PeerTarget(process, port);
    }

    @Override
    public String name() {
        return "peer (single-process Vert.x, in memory)";
    }

    @Override
    public List<ClientPlan> prepare(Shape shape) {
        List<String> rooms = new ArrayList<>();
        for (int r = 0; r < shape.rooms(); r++) {
            rooms.add(UUID.randomUUID().toString());
        }
        List<ClientPlan> plans = new ArrayList<>();
        for (int i = 0; i < shape.connections(); i++) {
            String room = rooms.get(Math.min(i / shape.roomSize(), rooms.size() - 1));
            plans.add(new ClientPlan(i, "u" + i, null, room, List.of(room)));
        }
        return plans;
    }

    @Override
    public Map<String, List<ProcessHandle>> processes() {
        return Map.of("peer", List.of(process.toHandle()));
    }

    @Override
    public String webSocketUri(ClientPlan plan) {
        return "/ws?user=" + plan.userId() + "&rooms=" + String.join(",", plan.roomIds());
    }

    @Override
    public String host() {
        return "127.0.0.1";
    }

    @Override
    public int port(ClientPlan plan) {
        return port;
    }

    @Override
    public void close() throws Exception {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
