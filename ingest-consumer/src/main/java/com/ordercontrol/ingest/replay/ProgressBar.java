package com.ordercontrol.ingest.replay;

import java.io.PrintStream;

/** A one-line text progress bar ({@code [#####.....]  52%  52000/100000 events  8100 ev/s}). */
public final class ProgressBar {

    private static final int WIDTH = 30;

    private final PrintStream out;
    private final long started = System.nanoTime();
    private long lastPrinted = -1;
    private boolean printed;

    public ProgressBar(PrintStream out) {
        this.out = out;
    }

    /** Redraws at most every 1% (and at the end), so a long replay does not flood a log file. */
    public void update(long done, long total) {
        long percent = total == 0 ? 100 : done * 100 / total;
        if (percent == lastPrinted && done < total) {
            return;
        }
        lastPrinted = percent;
        int filled = (int) (WIDTH * Math.min(percent, 100) / 100);
        double seconds = Math.max(System.nanoTime() - started, 1) / 1e9;
        out.printf("\r[%s%s] %3d%%  %d/%d events  %.0f ev/s", "#".repeat(filled), ".".repeat(WIDTH - filled),
                percent, done, total, done / seconds);
        out.flush();
        printed = true;
    }

    /** Ends the progress line. */
    public void finish() {
        if (printed) {
            out.println();
        }
    }
}
