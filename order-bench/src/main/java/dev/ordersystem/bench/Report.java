package dev.ordersystem.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The markdown the suite prints as it goes and writes under docs/bench-results at the end. */
final class Report {
    private final StringBuilder text = new StringBuilder();
    private final List<String> failures = new ArrayList<>();

    void line(String line) {
        System.out.println(line);
        System.out.flush();
        text.append(line).append('\n');
    }

    void table(String title, List<LoadResult> results) {
        line("");
        line("**" + title + "**");
        line("");
        line(LoadResult.header());
        results.forEach(r -> line(r.row()));
        line("");
    }

    /** A broken invariant or a wrong count: the run fails (exit code 1) but still writes its report. */
    void fail(String why) {
        failures.add(why);
        line("**FAILED:** " + why);
    }

    boolean failed() {
        return !failures.isEmpty();
    }

    Path write(Path dir, String name) throws IOException {
        Files.createDirectories(dir);
        Path file = dir.resolve(name);
        Files.writeString(file, text.toString());
        return file;
    }
}
