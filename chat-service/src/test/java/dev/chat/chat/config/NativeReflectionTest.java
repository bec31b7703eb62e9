package dev.chat.chat.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Every record of the domain package is either registered for reflection (Jackson writes or reads it, which a native
 * image allows only for registered types) or named here as one that never goes through Jackson.
 */
class NativeReflectionTest {

    private static final Set<String> NEVER_JSON = Set.of("ChatValidation$NewChannel", "ChatValidation$NewMessage",
            "ChatValidation$MemberRef", "ChatValidation$ReadMarker", "ChatValidation$MessageChange", "ChatValidation$HistoryQuery",
            "ChatValidation$Result", "ChatValidation$Reaction", "SearchQuery", "RoomSettings", "Room",
            "ImageInspector$Inspection$Accepted", "ImageInspector$Inspection$Refused", "Thumbnails$Thumbnail");

    @Test
    void everyDomainRecordIsRegisteredOrKnownNotToBeJson() throws Exception {
        Set<String> registered = new TreeSet<>();
        Arrays.stream(NativeReflection.class.getAnnotation(RegisterForReflection.class).targets())
                .forEach(type -> registered.add(type.getName()));
        URL mainClasses = NativeReflection.class.getProtectionDomain().getCodeSource().getLocation();
        Set<String> unregistered = new TreeSet<>();
        try (Stream<Path> classes = Files.list(Path.of(mainClasses.toURI()).resolve("dev/chat/chat/domain"))) {
            for (Path file : classes.filter(f -> f.toString().endsWith(".class")).toList()) {
                String simple = file.getFileName().toString().replace(".class", "");
                Class<?> type = Class.forName("dev.chat.chat.domain." + simple);
                if (type.isRecord() && !NEVER_JSON.contains(simple) && !registered.contains(type.getName())) {
                    unregistered.add(simple);
                }
            }
        }
        assertEquals(Set.of(), unregistered, "domain records neither registered in NativeReflection nor named as never JSON");
    }
}
