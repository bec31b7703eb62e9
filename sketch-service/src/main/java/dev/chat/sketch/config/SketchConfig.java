package dev.chat.sketch.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * sketch-service's settings. A setting with an environment variable has its default once, in application.properties
 * ({@code ${SKETCH_SNAPSHOT_EVERY:200}}); the others here.
 */
@ConfigMapping(prefix = "sketch")
public interface SketchConfig {

    /** A snapshot of a canvas's state every this many ops ({@code SKETCH_SNAPSHOT_EVERY}). */
    int snapshotEvery();

    /** A resume further behind than this many ops gets the whole canvas instead of the ops. */
    @WithDefault("500")
    int resumeMaxOps();

    @WithDefault("100")
    int defaultOpsLimit();

    @WithDefault("500")
    int maxOpsLimit();

    /** Canvases whose current state this instance keeps in memory for the command path. */
    @WithDefault("2000")
    int cachedCanvases();

    /**
     * A command from someone not (yet) known as a member is checked once more after this: the join's event from
     * chat-service may still be on its way when the new member's first stroke arrives.
     */
    @WithDefault("300ms")
    Duration membershipRecheck();
}
