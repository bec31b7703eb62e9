package dev.chat.deploy.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import redis.embedded.RedisServer;

/** A real Redis server from the binaries packaged in embedded-redis. */
final class LocalRedis implements AutoCloseable {

    private final RedisServer server;
    private final int port;
    private final Path dataDirectory;
    private final boolean keepData;

    private LocalRedis(RedisServer server, int port, Path dataDirectory, boolean keepData) {
        this.server = server;
        this.port = port;
        this.dataDirectory = dataDirectory;
        this.keepData = keepData;
    }

    static LocalRedis start(Path dataDirectory, boolean keepData) throws IOException {
        return start(dataDirectory, keepData, FreePorts.next());
    }

    /** Stops the server and starts it again on the same port (a Redis restart, for fault tests). */
    LocalRedis restart() throws IOException {
        close();
        return start(dataDirectory, keepData, port);
    }

    private static LocalRedis start(Path dataDirectory, boolean keepData, int port) throws IOException {
        Files.createDirectories(dataDirectory);
        RedisServer server = RedisServer.newRedisServer()
                .port(port)
                .bind("127.0.0.1")
                .setting("dir " + dataDirectory.toAbsolutePath())
                .setting(keepData ? "save 60 1" : "save \"\"")
                .setting("appendonly no")
                .build();
        server.start();
        return new LocalRedis(server, port, dataDirectory, keepData);
    }

    String url() {
        return "redis://127.0.0.1:" + port;
    }

    @Override
    public void close() throws IOException {
        server.stop();
    }
}
