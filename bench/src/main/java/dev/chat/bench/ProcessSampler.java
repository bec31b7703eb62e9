package dev.chat.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * CPU time and resident memory of each role's processes (with their children, e.g. PostgreSQL backends),
 * read from the OS: CPU from the process's accounting, RSS from /proc/&lt;pid&gt;/status.
 */
final class ProcessSampler implements LoadRun.Window {

    record Usage(double cpuSeconds, long peakRssBytes) {
    }

    private final Map<String, List<ProcessHandle>> roles;
    private final Map<String, Double> cpuAtStart = new LinkedHashMap<>();
    private final Map<String, Long> peakRss = new ConcurrentHashMap<>();
    private final Map<String, Double> cpuAtWindowOpen = new ConcurrentHashMap<>();
    private final Map<String, Double> cpuAtWindowClose = new ConcurrentHashMap<>();

    ProcessSampler(Map<String, List<ProcessHandle>> roles) {
        this.roles = new LinkedHashMap<>(roles);
        this.roles.put("generator", List.of(ProcessHandle.current()));
    }

    void start() {
        roles.forEach((role, processes) -> cpuAtStart.put(role, cpuSeconds(processes)));
        sample();
    }

    /** Called periodically: keeps the highest RSS seen per role. */
    void sample() {
        roles.forEach((role, processes) -> peakRss.merge(role, rssBytes(processes), Math::max));
    }

    /** The measured window opened: CPU is counted from here (not over the connects and the warm-up). */
    @Override
    public void opened() {
        roles.forEach((role, processes) -> cpuAtWindowOpen.put(role, cpuSeconds(processes)));
    }

    @Override
    public void closed() {
        roles.forEach((role, processes) -> cpuAtWindowClose.put(role, cpuSeconds(processes)));
    }

    /** True once the window opened and closed: {@link #finish()} gives the CPU spent in it. */
    boolean windowMeasured() {
        return !cpuAtWindowOpen.isEmpty() && !cpuAtWindowClose.isEmpty();
    }

    /** Per role: CPU seconds in the measured window (since {@link #start()} if there was none) and the peak RSS. */
    Map<String, Usage> finish() {
        sample();
        Map<String, Usage> usage = new LinkedHashMap<>();
        boolean window = windowMeasured();
        roles.forEach((role, processes) -> {
            double cpu = window ? cpuAtWindowClose.get(role) - cpuAtWindowOpen.get(role)
                    : cpuSeconds(processes) - cpuAtStart.getOrDefault(role, 0.0);
            usage.put(role, new Usage(cpu, peakRss.getOrDefault(role, 0L)));
        });
        return usage;
    }

    static long rssBytes(List<ProcessHandle> processes) {
        long total = 0;
        for (ProcessHandle process : withChildren(processes)) {
            total += rssBytes(process.pid());
        }
        return total;
    }

    /**
     * The Java heap in use right after a full GC (jcmd GC.run, then GC.heap_info), or -1 when the process is
     * not a JVM that answers: what the live objects take, without garbage or heap the JVM merely reserved.
     */
    static long liveHeapBytes(long pid) {
        try {
            String javaCommand = ProcessHandle.current().info().command().orElse("java");
            Path jcmd = Path.of(javaCommand).resolveSibling("jcmd");
            run(jcmd.toString(), Long.toString(pid), "GC.run");
            String info = run(jcmd.toString(), Long.toString(pid), "GC.heap_info");
            // e.g. " garbage-first heap   total 262144K, used 81234K [...]"; serial/parallel: "total ..., used ...K"
            var matcher = Pattern.compile("total \\d+K, used (\\d+)K").matcher(info);
            long used = 0;
            boolean found = false;
            while (matcher.find()) {
                used += Long.parseLong(matcher.group(1));
                found = true;
                if (info.contains("garbage-first")) {
                    break;
                }
            }
            return found ? used * 1024 : -1;
        } catch (Exception e) {
            return -1;
        }
    }

    private static String run(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes());
        process.waitFor();
        return out;
    }

    static long rssBytes(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (Exception e) {
            // gone
        }
        return 0;
    }

    private static double cpuSeconds(List<ProcessHandle> processes) {
        double total = 0;
        for (ProcessHandle process : withChildren(processes)) {
            total += process.info().totalCpuDuration().map(Duration::toNanos).orElse(0L) / 1e9;
        }
        return total;
    }

    private static List<ProcessHandle> withChildren(List<ProcessHandle> processes) {
        List<ProcessHandle> all = new ArrayList<>();
        for (ProcessHandle process : processes) {
            if (process.isAlive()) {
                all.add(process);
            }
            // The generator's own children are the targets' processes, counted under their roles.
            if (process.pid() != ProcessHandle.current().pid()) {
                try (Stream<ProcessHandle> children = process.descendants()) {
                    children.filter(ProcessHandle::isAlive).forEach(all::add);
                }
            }
        }
        return all;
    }
}
