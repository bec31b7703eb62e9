package dev.chat.gateway.websocket;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** The frames Jackson writes by reflection are registered for native images, nested records and all. */
class NativeReflectionTest {

    @Test
    void everyServerFrameIsRegistered() {
        RegisterForReflection registered = ServerFrames.class.getAnnotation(RegisterForReflection.class);
        assertNotNull(registered, "ServerFrames is registered");
        assertFalse(registered.ignoreNested(), "with its nested records");
        long frames = Arrays.stream(ServerFrames.class.getDeclaredClasses()).filter(Class::isRecord).count();
        assertTrue(frames >= 10, frames + " frame records");
    }
}
