package dev.dbtstateoss.dashboard;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Debian's headless chromium for tests: installed from the Debian packages when missing (as root), run with a fresh profile. */
final class Chromium {
    private final Path binary;
    private final Path profiles;
    private int runs;

    private Chromium(Path binary, Path profiles) {
        this.binary = binary;
        this.profiles = profiles;
    }

    static Chromium ensure(Path work) throws Exception {
        Path bin = Path.of("/usr/bin/chromium");
        if (!Files.isExecutable(bin)) {
            Process id = new ProcessBuilder("id", "-u").start();
            String uid = new String(id.getInputStream().readAllBytes()).strip();
            if (!uid.equals("0")) {
                throw new IllegalStateException("chromium is not installed and this is not root: apt-get install chromium");
            }
            System.out.println("  installing chromium (apt-get install -y chromium)");
            Process p = new ProcessBuilder("bash", "-c", "apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium")
                    .redirectErrorStream(true).redirectOutput(work.resolve("apt.log").toFile()).start();
            if (!p.waitFor(20, TimeUnit.MINUTES) || p.exitValue() != 0 || !Files.isExecutable(bin)) {
                throw new IllegalStateException("installing chromium failed; see " + work.resolve("apt.log"));
            }
        }
        return new Chromium(bin, Files.createDirectories(work.resolve("chromium-profiles")));
    }

    private List<String> command(String... more) throws IOException {
        List<String> c = new ArrayList<>(List.of(binary.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--disable-default-apps", "--hide-scrollbars", "--user-data-dir="
                        + Files.createDirectories(profiles.resolve("p" + (runs++))), "--window-size=1280,1100"));
        c.addAll(List.of(more));
        return c;
    }

    /** The DOM after the page loaded (asked again, up to twice, when chromium prints nothing, as it may on a loaded machine). */
    String dumpDom(String url) throws Exception {
        String dom = "";
        for (int attempt = 0; attempt < 3 && dom.isBlank(); attempt++) {
            dom = dumpDomOnce(url);
        }
        return dom;
    }

    private String dumpDomOnce(String url) throws Exception {
        Process p = new ProcessBuilder(command("--dump-dom", url)).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String dom = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("chromium --dump-dom " + url + " failed");
        }
        return dom;
    }

    /** A PNG of the page. */
    void screenshot(String url, Path png) throws Exception {
        Files.deleteIfExists(png);
        Process p = new ProcessBuilder(command("--screenshot=" + png.toAbsolutePath(), url)).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0 || !Files.isRegularFile(png) || Files.size(png) < 1000) {
            throw new IllegalStateException("chromium --screenshot of " + url + " failed");
        }
    }
}
