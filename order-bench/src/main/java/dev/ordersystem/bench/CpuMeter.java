package dev.ordersystem.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * CPU used during a measured window, in cores (CPU seconds per wall second), from /proc: the app
 * under test, the database server, this load generator, and the whole machine (which shows what
 * other builds took). Tells whether a point was limited by CPU, and whose.
 */
final class CpuMeter {
    private static volatile long appPid = -1;

    private final long t0 = System.nanoTime();
    private final long app0 = ticks(appPid);
    private final long db0 = ticks(databasePid());
    private final long gen0 = ticks(ProcessHandle.current().pid());
    private final long[] machine0 = machine();

    static void watchApp(long pid) {
        appPid = pid;
    }

    String stop() {
        double wall = (System.nanoTime() - t0) / 1e9;
        long[] machine1 = machine();
        double busy = 1 - (double) (machine1[1] - machine0[1]) / Math.max(1, machine1[0] - machine0[0]);
        return "app %.2f · db %.2f · gen %.2f · machine %.0f %%".formatted(
                (ticks(appPid) - app0) / 100.0 / wall, (ticks(databasePid()) - db0) / 100.0 / wall,
                (ticks(ProcessHandle.current().pid()) - gen0) / 100.0 / wall, 100 * busy);
    }

    /** utime + stime of a process in clock ticks (USER_HZ = 100 on Linux); 0 when it is gone. */
    private static long ticks(long pid) {
        if (pid < 0) return 0;
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(f[11]) + Long.parseLong(f[12]);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /** {total, idle+iowait} jiffies of all CPUs. */
    private static long[] machine() {
        try {
            String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long total = 0;
            for (int i = 1; i < f.length; i++) total += Long.parseLong(f[i]);
            return new long[]{total, Long.parseLong(f[4]) + Long.parseLong(f[5])};
        } catch (IOException e) {
            return new long[]{0, 0};
        }
    }

    private static long databasePid() {
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            return procs.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit))
                    .filter(p -> {
                        try {
                            String comm = Files.readString(p.resolve("comm")).trim();
                            return comm.equals("mariadbd") || comm.equals("mysqld");
                        } catch (IOException e) {
                            return false;
                        }
                    })
                    .mapToLong(p -> Long.parseLong(p.getFileName().toString())).findFirst().orElse(-1);
        } catch (IOException e) {
            return -1;
        }
    }
}
