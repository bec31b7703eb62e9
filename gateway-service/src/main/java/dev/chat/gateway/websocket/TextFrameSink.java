package dev.chat.gateway.websocket;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.nio.charset.StandardCharsets;

import io.netty.buffer.Unpooled;
import io.quarkus.logging.Log;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.quarkus.websockets.next.WebSocketConnection;
import io.quarkus.websockets.next.runtime.WebSocketConnectionBase;
import io.vertx.core.http.WebSocketBase;
import io.vertx.core.http.WebSocketFrameType;
import io.vertx.core.http.impl.ws.WebSocketFrameImpl;

/**
 * Where a connection's frames are written: UTF-8 JSON encoded once, so an event's frame is one array shared by every
 * recipient. On a websockets-next connection the bytes go straight to the Vert.x WebSocket underneath as a text frame:
 * websockets-next only takes Strings, and each {@code sendText} cost a UTF-8 encoding, a Uni and a propagated context
 * per recipient (bench/README.md, issue 17). Any other connection (a unit test's) is given the String.
 */
interface TextFrameSink {

    /** Writes one text frame; on the connection's event loop. {@code written} runs once it left, or could not. */
    void write(byte[] frame, Runnable written);

    /** True if frames skip websockets-next and go to the Vert.x WebSocket as bytes. */
    boolean isDirect();

    static TextFrameSink of(WebSocketConnection connection) {
        WebSocketBase socket = VertxSockets.of(connection);
        if (socket != null) {
            return new Direct(socket);
        }
        return new ViaConnection(connection);
    }

    /** The Vert.x WebSocket: the bytes wrapped, not copied, in a text frame (the encoder copies them to the wire once). */
    record Direct(WebSocketBase socket) implements TextFrameSink {
        @Override
        public void write(byte[] frame, Runnable written) {
            if (socket.isClosed()) {
                written.run();
                return;
            }
            // A wrapped heap buffer per write: Netty releases it after encoding, which leaves the shared array untouched.
            socket.writeFrame(new WebSocketFrameImpl(WebSocketFrameType.TEXT, Unpooled.wrappedBuffer(frame), true))
                    .onComplete(result -> {
                        written.run();
                        if (result.failed()) {
                            Log.debugf("write to a WebSocket failed: %s", result.cause());
                        }
                    });
        }

        @Override
        public boolean isDirect() {
            return true;
        }
    }

    /** websockets-next's own send, as a String. */
    record ViaConnection(WebSocketConnection connection) implements TextFrameSink {
        @Override
        public void write(byte[] frame, Runnable written) {
            if (!connection.isOpen()) {
                written.run();
                return;
            }
            connection.sendText(new String(frame, StandardCharsets.UTF_8)).subscribe().with(ok -> written.run(), failure -> {
                written.run();
                Log.debugf("send to %s failed: %s", connection.id(), failure);
            });
        }

        @Override
        public boolean isDirect() {
            return false;
        }
    }

    /**
     * The Vert.x WebSocket under a websockets-next connection. websockets-next keeps it behind a package-private
     * accessor, so it is looked up once by method handle; should a Quarkus upgrade move it, connections fall back to
     * {@code sendText} with a warning (and {@code TextFrameSinkTest} fails, so the upgrade does not slow fan-out silently).
     */
    @RegisterForReflection(classNames = "io.quarkus.websockets.next.runtime.WebSocketConnectionBase", methods = true, fields = false)
    final class VertxSockets {

        private static final MethodHandle WEB_SOCKET = find();

        private VertxSockets() {
        }

        static WebSocketBase of(WebSocketConnection connection) {
            if (WEB_SOCKET == null || !(connection instanceof WebSocketConnectionBase)) {
                return null;
            }
            try {
                return (WebSocketBase) WEB_SOCKET.invoke((WebSocketConnectionBase) connection);
            } catch (Throwable e) {
                return null;
            }
        }

        static boolean available() {
            return WEB_SOCKET != null;
        }

        private static MethodHandle find() {
            try {
                return MethodHandles.privateLookupIn(WebSocketConnectionBase.class, MethodHandles.lookup())
                        .findVirtual(WebSocketConnectionBase.class, "webSocket", MethodType.methodType(WebSocketBase.class));
            } catch (ReflectiveOperationException | RuntimeException e) {
                Log.warnf("frames go through websockets-next's sendText: its Vert.x WebSocket is out of reach (%s)", e);
                return null;
            }
        }
    }
}
