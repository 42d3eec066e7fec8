package com.ordercontrol.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Resident memory and CPU time of a process, from {@code /proc} (Linux). */
record ProcStats(long rssBytes, double cpuSeconds) {

    /** Clock ticks per second of {@code /proc/<pid>/stat}; 100 on every Linux this runs on. */
    private static final double CLOCK_TICKS = 100.0;

    static ProcStats of(long pid) {
        try {
            long rssKb = 0;
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    rssKb = Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // Fields after the command name (which may contain spaces) start after the last ')'.
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
            long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]); // utime + stime
            return new ProcStats(rssKb * 1024, ticks / CLOCK_TICKS);
        } catch (IOException | RuntimeException e) {
            return new ProcStats(-1, -1);
        }
    }

    double rssMiB() {
        return rssBytes / 1024.0 / 1024.0;
    }
}
