package dev.chat.sketch.config;

import dev.chat.sketch.domain.Snapshot;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * sketch-service's own types that Jackson reads or writes by reflection: the canvas snapshots it stores as JSON (the
 * contracts' types are registered by the contracts jar). {@code NativeReflectionTest} keeps the list whole.
 */
@RegisterForReflection(targets = {Snapshot.class, Snapshot.Stroke.class, int[][].class})
public final class NativeReflection {

    private NativeReflection() {
    }
}
