package dev.chat.deploy.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * Remembers the processes a launcher started, in a file of the data folder, so that the next start can
 * stop what a launcher killed with SIGKILL left behind (its shutdown hooks never ran).
 */
final class ChildProcesses {

    private static final Logger LOG = Logger.getLogger(ChildProcesses.class.getName());

    private final Path file;

    ChildProcesses(Path runDir) {
        this.file = runDir.resolve("children.pids");
    }

    /** Stops every process recorded by an earlier launcher that is still alive and still the same program. */
    void stopLeftovers() throws IOException {
        if (!Files.exists(file)) {
            return;
        }
        List<ProcessHandle> leftovers = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            String[] parts = line.split("\t", 2);
            if (parts.length < 2) {
                continue;
            }
            long pid = Long.parseLong(parts[0]);
            String command = parts[1];
            ProcessHandle.of(pid)
                    .filter(p -> p.info().commandLine().map(c -> c.equals(command)).orElse(false))
                    .ifPresent(leftovers::add);
        }
        // All asked at once, then awaited: their graceful shutdowns overlap instead of queueing.
        leftovers.forEach(p -> {
            LOG.info(() -> "stopping leftover process " + p.pid() + " " + p.info().command().orElse(""));
            p.destroy();
        });
        leftovers.forEach(ChildProcesses::stop);
        Files.delete(file);
    }

    /** Records every descendant of this JVM that is alive now. */
    void recordDescendants() throws IOException {
        List<String> lines = new ArrayList<>();
        ProcessHandle.current().descendants().forEach(p -> {
            Optional<String> command = p.info().commandLine();
            command.ifPresent(c -> lines.add(p.pid() + "\t" + c));
        });
        Files.createDirectories(file.getParent());
        Files.write(file, lines);
    }

    static void stop(ProcessHandle process) {
        process.destroy();
        try {
            process.onExit().get(15, TimeUnit.SECONDS);
        } catch (Exception e) {
            process.destroyForcibly();
        }
    }

    /** Stops the postmaster of a data directory whose launcher died without stopping it. */
    static void stopStalePostgres(Path dataDirectory) throws IOException {
        Path pidFile = dataDirectory.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        List<String> lines = Files.readAllLines(pidFile);
        if (lines.isEmpty()) {
            return;
        }
        long pid = Long.parseLong(lines.get(0).trim());
        ProcessHandle.of(pid)
                .filter(p -> p.info().command().map(c -> c.contains("postgres")).orElse(false))
                .ifPresent(p -> {
                    LOG.info(() -> "stopping the PostgreSQL server a previous launcher left running, pid " + pid);
                    stop(p);
                });
    }
}
