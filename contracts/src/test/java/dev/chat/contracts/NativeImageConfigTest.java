package dev.chat.contracts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The contracts travel as JSON through Jackson, which a native image can only do for types registered for reflection:
 * {@code META-INF/native-image/dev.chat/contracts/reflect-config.json} must name every record and enum of this package
 * (a new contract type forgotten there would fail only in native, at run time), and UuidV7 must be initialised at run
 * time.
 */
class NativeImageConfigTest {

    private static final String DIRECTORY = "META-INF/native-image/dev.chat/contracts/";
    /** Types of the package that never go through Jackson. */
    private static final Set<String> NOT_ON_THE_WIRE = Set.of("Topics$TopicSpec", "SketchRules$StrokeShape", "TopicVerifier$Observed");

    @Test
    void everyRecordAndEnumOfTheContractsIsRegisteredForReflection() throws Exception {
        Set<String> registered = new TreeSet<>();
        try (InputStream config = resource("reflect-config.json")) {
            for (JsonNode entry : new ObjectMapper().readTree(config)) {
                String name = entry.path("name").asText();
                Class.forName(name);
                assertTrue(entry.path("allDeclaredConstructors").asBoolean() && entry.path("allDeclaredMethods").asBoolean(), name);
                registered.add(name);
            }
        }
        Set<String> wireTypes = new TreeSet<>();
        // The main classes' folder (the test classes share the package but live elsewhere).
        URL mainClasses = UuidV7.class.getProtectionDomain().getCodeSource().getLocation();
        try (Stream<Path> classes = Files.list(Path.of(mainClasses.toURI()).resolve("dev/chat/contracts"))) {
            for (Path file : classes.filter(f -> f.toString().endsWith(".class")).toList()) {
                String simple = file.getFileName().toString().replace(".class", "");
                Class<?> type = Class.forName("dev.chat.contracts." + simple);
                if ((type.isRecord() || type.isEnum() || type.isInterface()) && !NOT_ON_THE_WIRE.contains(simple)) {
                    wireTypes.add(type.getName());
                }
            }
        }
        assertEquals(wireTypes, registered, "reflect-config.json and the contracts' records, enums and interfaces");
    }

    @Test
    void uuidV7SeedsItsRandomWhenTheImageStarts() throws Exception {
        try (InputStream properties = resource("native-image.properties")) {
            String args = new String(properties.readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(args.contains("--initialize-at-run-time=" + UuidV7.class.getName()), args);
        }
    }

    private static InputStream resource(String name) {
        InputStream stream = NativeImageConfigTest.class.getClassLoader().getResourceAsStream(DIRECTORY + name);
        assertNotNull(stream, DIRECTORY + name);
        return stream;
    }
}
