package dev.outpost.examples.app;

import dev.outpost.SyncProgress;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class ProgressBarTest {

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

    private static SyncProgress downloaded(long entities) {
        return new SyncProgress(SyncProgress.Phase.DOWNLOAD, "orders", entities, 0, 0, 0);
    }

    @Test
    void withoutATerminalItPrintsOneLinePerQuarter() {
        ProgressBar bar = new ProgressBar(out, false);
        bar.start("download", "entities", 1000);
        for (long n = 100; n <= 1000; n += 100) {
            bar.progress(downloaded(n));
        }
        bar.finish();
        assertThat(bytes.toString(StandardCharsets.UTF_8).lines().toList()).containsExactly(
                "    download     [..............................]   0%  0 / 1,000 entities",
                "    download     [#########.....................]  30%  300 / 1,000 entities",
                "    download     [###############...............]  50%  500 / 1,000 entities",
                "    download     [########################......]  80%  800 / 1,000 entities",
                "    download     [##############################] 100%  1,000 / 1,000 entities");
    }

    @Test
    void onATerminalItRedrawsOneLineAndEndsIt() {
        ProgressBar bar = new ProgressBar(out, true);
        bar.start("upload", "requests", 4);
        bar.progress(new SyncProgress(SyncProgress.Phase.UPLOAD, null, 0, 2, 2, 0));
        bar.progress(new SyncProgress(SyncProgress.Phase.UPLOAD, null, 0, 2, 2, 0)); // nothing new: not drawn again
        bar.progress(new SyncProgress(SyncProgress.Phase.UPLOAD, null, 0, 4, 4, 0));
        bar.finish();
        String text = bytes.toString(StandardCharsets.UTF_8);
        assertThat(text.indexOf(System.lineSeparator())).isEqualTo(text.length() - System.lineSeparator().length());
        assertThat(text).startsWith("\r    upload ").endsWith("100%  4 / 4 requests" + System.lineSeparator());
        assertThat(text.split("\r")).hasSize(5); // start, two updates, the final line
    }

    @Test
    void progressOutsideAStartedBarIsIgnored() {
        ProgressBar bar = new ProgressBar(out, false);
        bar.progress(downloaded(5));
        bar.finish();
        assertThat(bytes.size()).isZero();
    }
}
