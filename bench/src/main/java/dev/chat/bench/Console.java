package dev.chat.bench;

/** Progress lines while a run goes on. */
final class Console {

    private Console() {
    }

    static void progress(String format, Object... args) {
        System.out.printf("[bench] " + format + "%n", args);
    }
}
