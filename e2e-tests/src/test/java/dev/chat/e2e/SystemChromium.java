package dev.chat.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Debian's Chromium, for the browser tests. CI runs {@code ./mvnw verify} on a fresh Debian machine as root, without
 * Chromium: there this installs it with apt-get (a few minutes, once per machine). Anywhere else (no apt-get, not
 * root, not Debian) it finds nothing and the caller falls back to Playwright's own browser.
 */
final class SystemChromium {

    static final Path EXECUTABLE = Path.of("/usr/bin/chromium");
    private static final long INSTALL_TIMEOUT_MINUTES = 20;

    private SystemChromium() {
    }

    /** The system Chromium, installed first if missing and this machine allows it. */
    static synchronized Optional<Path> findOrInstall(Path log) {
        if (Files.isExecutable(EXECUTABLE)) {
            return Optional.of(EXECUTABLE);
        }
        if (!canInstall()) {
            return Optional.empty();
        }
        System.out.println("[browser tests] " + EXECUTABLE + " is missing: installing Debian's chromium with apt-get (log: " + log + ")");
        try {
            Files.createDirectories(log.getParent());
            // Another apt-get (unattended upgrades, a parallel build) may hold the lock for a while: wait for it.
            run(List.of("apt-get", "-o", "DPkg::Lock::Timeout=600", "update"), log);
            run(List.of("apt-get", "-o", "DPkg::Lock::Timeout=600", "install", "-y", "chromium"), log);
        } catch (IOException e) {
            throw new IllegalStateException("installing chromium failed; see " + log, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while installing chromium", e);
        }
        if (!Files.isExecutable(EXECUTABLE)) {
            throw new IllegalStateException("apt-get finished but " + EXECUTABLE + " is not there; see " + log);
        }
        return Optional.of(EXECUTABLE);
    }

    /** Debian (or a derivative) with apt-get, and we are root: apt-get install works as it is. */
    static boolean canInstall() {
        return Files.exists(Path.of("/etc/debian_version")) && Files.isExecutable(Path.of("/usr/bin/apt-get")) && isRoot();
    }

    private static boolean isRoot() {
        try {
            Process id = new ProcessBuilder("id", "-u").redirectErrorStream(true).start();
            String uid = new String(id.getInputStream().readAllBytes()).trim();
            return id.waitFor(10, TimeUnit.SECONDS) && "0".equals(uid);
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static void run(List<String> command, Path log) throws IOException, InterruptedException {
        List<String> shown = new ArrayList<>(command);
        Files.writeString(log, "$ " + String.join(" ", shown) + System.lineSeparator(),
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().put("DEBIAN_FRONTEND", "noninteractive");
        Process process = builder.start();
        if (!process.waitFor(INSTALL_TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IOException(String.join(" ", command) + " took longer than " + INSTALL_TIMEOUT_MINUTES + " minutes");
        }
        if (process.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " exited with " + process.exitValue());
        }
    }
}
