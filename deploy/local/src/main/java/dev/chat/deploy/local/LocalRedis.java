package dev.chat.deploy.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import redis.embedded.RedisServer;

/** A real Redis server from the binaries packaged in embedded-redis. */
final class LocalRedis implements AutoCloseable {

    private final RedisServer server;
    private final int port;

    private LocalRedis(RedisServer server, int port) {
        this.server = server;
        this.port = port;
    }

    static LocalRedis start(Path dataDirectory, boolean keepData) throws IOException {
        Files.createDirectories(dataDirectory);
        int port = FreePorts.next();
        RedisServer server = RedisServer.newRedisServer()
                .port(port)
                .bind("127.0.0.1")
                .setting("dir " + dataDirectory.toAbsolutePath())
                .setting(keepData ? "save 60 1" : "save \"\"")
                .setting("appendonly no")
                .build();
        server.start();
        return new LocalRedis(server, port);
    }

    String url() {
        return "redis://127.0.0.1:" + port;
    }

    @Override
    public void close() throws IOException {
        server.stop();
    }
}
