package dev.outpost.examples.app;

import dev.outpost.SyncListener;
import dev.outpost.SyncProgress;

import java.io.PrintStream;
import java.util.Locale;

/**
 * A text progress bar for downloads and uploads, driven by the store's {@link SyncListener}.
 * On a terminal it redraws one line; otherwise (a pipe, a log, a test) it prints a line each
 * time another quarter is done, so that logs stay readable.
 */
final class ProgressBar implements SyncListener {

    private static final int WIDTH = 30;

    private final PrintStream out;
    private final boolean redraw;
    private String label;
    private String unit;
    private long total;
    private long done;
    private int printedQuarter;
    private boolean active;
    private String drawn;

    ProgressBar(PrintStream out, boolean redraw) {
        this.out = out;
        this.redraw = redraw;
    }

    /** Starts a bar for the next operation: {@code total} entities or requests are expected. */
    synchronized void start(String label, String unit, long total) {
        this.label = label;
        this.unit = unit;
        this.total = Math.max(total, 0);
        this.done = 0;
        this.printedQuarter = -1;
        this.active = true;
        this.drawn = null;
        draw();
    }

    /** Ends the bar at what was reached; prints the final line. */
    synchronized void finish() {
        if (!active) {
            return;
        }
        active = false;
        if (redraw) {
            out.print("\r" + line() + System.lineSeparator());
        } else if (printedQuarter < 4) {
            out.println(line());
        }
        out.flush();
    }

    @Override
    public synchronized void progress(SyncProgress progress) {
        if (!active) {
            return;
        }
        long now = switch (progress.phase()) {
            case DOWNLOAD, PUBLISH -> progress.entities();
            case UPLOAD -> progress.requestsSent();
        };
        done = Math.max(done, now);
        draw();
    }

    private void draw() {
        if (redraw) {
            String line = line();
            if (!line.equals(drawn)) {
                drawn = line;
                out.print("\r" + line);
                out.flush();
            }
            return;
        }
        int quarter = total == 0 ? 0 : (int) Math.min(4, done * 4 / total);
        if (quarter > printedQuarter) {
            printedQuarter = quarter;
            out.println(line());
        }
    }

    private String line() {
        double fraction = total == 0 ? 1 : Math.min(1.0, (double) done / total);
        int filled = (int) Math.round(fraction * WIDTH);
        return String.format(Locale.ROOT, "    %-12s [%s%s] %3d%%  %,d / %,d %s", label, "#".repeat(filled),
                ".".repeat(WIDTH - filled), Math.round(fraction * 100), done, total, unit);
    }
}
