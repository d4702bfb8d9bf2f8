package dev.ordersystem.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Heap after a full GC (jcmd GC.run, then GC.heap_info) and resident memory of a process. */
final class JvmProbe {
    private static final Pattern USED = Pattern.compile("(?:total|committed) (\\d+)K, used (\\d+)K");

    private JvmProbe() {
    }

    static String heapAfterGc(long pid) throws IOException, InterruptedException {
        jcmd(pid, "GC.run");
        String info = jcmd(pid, "GC.heap_info");
        Matcher m = USED.matcher(info);
        String heap = m.find() ? "%d MiB used of %d MiB committed".formatted(Long.parseLong(m.group(2)) / 1024, Long.parseLong(m.group(1)) / 1024)
                : "heap_info: " + info.lines().skip(1).findFirst().orElse("?");
        return heap + ", RSS " + rssMiB(pid) + " MiB";
    }

    private static long rssMiB(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmRSS:")) return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
        }
        return -1;
    }

    private static String jcmd(long pid, String command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(), "" + pid, command)
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        p.waitFor();
        return out;
    }
}
