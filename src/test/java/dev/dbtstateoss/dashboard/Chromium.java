package dev.dbtstateoss.dashboard;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.openqa.selenium.PageLoadStrategy;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's headless chromium driven through Debian's chromedriver (Selenium WebDriver), for tests: both packages are
 * installed when missing (as root). Selenium is given both executables, so Selenium Manager never looks for (or
 * downloads) a driver or a browser; starting is bounded, so a driver that cannot start fails the test instead of
 * hanging it.
 */
final class Chromium {
    static final Path BROWSER = Path.of("/usr/bin/chromium");
    static final Path DRIVER = Path.of("/usr/bin/chromedriver");
    static final Duration START = Duration.ofMinutes(3);
    static final Duration PAGE_LOAD = Duration.ofMinutes(2);

    private Chromium() {}

    /** Installs chromium and chromium-driver from the Debian packages when either is missing. */
    static void ensure(Path work) throws Exception {
        if (Files.isExecutable(BROWSER) && Files.isExecutable(DRIVER)) {
            return;
        }
        Process id = new ProcessBuilder("id", "-u").start();
        String uid = new String(id.getInputStream().readAllBytes()).strip();
        if (!uid.equals("0")) {
            throw new IllegalStateException("chromium or chromedriver is not installed and this is not root:"
                    + " apt-get install chromium chromium-driver");
        }
        System.out.println("  installing chromium and chromium-driver (apt-get install -y chromium chromium-driver)");
        Process p = new ProcessBuilder("bash", "-c", "apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q"
                + " chromium chromium-driver").redirectErrorStream(true).redirectOutput(work.resolve("apt.log").toFile()).start();
        if (!p.waitFor(20, TimeUnit.MINUTES) || p.exitValue() != 0 || !Files.isExecutable(BROWSER) || !Files.isExecutable(DRIVER)) {
            throw new IllegalStateException("installing chromium chromium-driver failed; see " + work.resolve("apt.log"));
        }
    }

    /** A new headless chromium (fresh profile under {@code work}, a 1280x1100 window); quit it when done. */
    static ChromeDriver start(Path work) throws Exception {
        ensure(work);
        Path profile = Files.createTempDirectory(work, "chromium-profile");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile()).usingAnyFreePort()
                .withTimeout(START).withLogFile(work.resolve("chromedriver.log").toFile()).build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(BROWSER.toFile());
        options.setPageLoadStrategy(PageLoadStrategy.NORMAL);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--disable-default-apps", "--hide-scrollbars", "--user-data-dir=" + profile, "--window-size=1280,1100");
        ExecutorService starter = Executors.newSingleThreadExecutor();
        Future<ChromeDriver> started = starter.submit(() -> new ChromeDriver(service, options));
        ChromeDriver driver;
        try {
            driver = started.get(START.toSeconds() + 30, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            started.cancel(true);
            service.stop();
            throw new IllegalStateException("chromedriver did not start chromium within " + START + "; see "
                    + work.resolve("chromedriver.log"), e);
        } finally {
            starter.shutdownNow();
        }
        driver.manage().timeouts().pageLoadTimeout(PAGE_LOAD).scriptTimeout(PAGE_LOAD);
        return driver;
    }
}
