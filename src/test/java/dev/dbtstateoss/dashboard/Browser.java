package dev.dbtstateoss.dashboard;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A person's moves on the dashboard through WebDriver: open a page, click a link or button and wait for the next page,
 * read a table by its headers' text, a card group, a th/td field, take a screenshot. Elements are found by what stays
 * when the markup changes: link targets, form field names, header text.
 */
final class Browser {
    static final Duration WAIT = Duration.ofMinutes(2);
    private final WebDriver driver;
    private final WebDriverWait wait;

    Browser(WebDriver driver) {
        this.driver = driver;
        this.wait = new WebDriverWait(driver, WAIT, Duration.ofMillis(200));
    }

    /** Loads a page and checks it is a page of the dashboard, not an error. */
    void open(String url) {
        driver.get(url);
        loaded();
    }

    /** Clicks a link or button and waits until the next page has replaced this one. */
    void follow(WebElement element) {
        WebElement before = driver.findElement(By.tagName("html"));
        element.click();
        wait.until(ExpectedConditions.stalenessOf(before));
        loaded();
    }

    private void loaded() {
        wait.until(d -> "complete".equals(((org.openqa.selenium.JavascriptExecutor) d).executeScript("return document.readyState")));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("main h2")));
        String text = text();
        if (text.contains("Cannot show this page") || text.contains("Not found")) {
            throw new AssertionError(driver.getCurrentUrl() + " shows an error:\n" + text);
        }
    }

    /** The (first) link to exactly {@code href}. */
    WebElement link(String href) {
        return driver.findElement(By.cssSelector("a[href='" + href + "']"));
    }

    /** The main part's text as shown. */
    String text() {
        return driver.findElement(By.tagName("main")).getText();
    }

    /** The td beside the th whose text is {@code label} (a field of a decision). */
    String field(String label) {
        return driver.findElement(By.xpath("//main//tr[th[normalize-space()='" + label + "']]/td")).getText().strip();
    }

    /** The cards of the group with this id: label (the last line) to value (the first line). */
    Map<String, String> cards(String id) {
        Map<String, String> cards = new LinkedHashMap<>();
        for (WebElement card : driver.findElements(By.cssSelector("#" + id + " > *"))) {
            String[] lines = card.getText().strip().split("\n");
            cards.put(lines[lines.length - 1].strip(), lines[0].strip());
        }
        return cards;
    }

    /** The main part's first table. */
    Table table() {
        return new Table(driver.findElement(By.cssSelector("main table")));
    }

    void screenshot(Path png) throws Exception {
        byte[] bytes = ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES);
        if (bytes.length < 1000) {
            throw new AssertionError("a screenshot of " + bytes.length + " bytes of " + driver.getCurrentUrl());
        }
        Files.createDirectories(png.toAbsolutePath().getParent());
        Files.write(png, bytes);
    }

    /** A table read by its headers' text (a header matches when its text starts with the name asked). */
    record Table(WebElement element) {
        List<WebElement> headers() {
            return element.findElements(By.cssSelector("thead th"));
        }

        int index(String header) {
            List<String> texts = new ArrayList<>();
            for (WebElement th : headers()) {
                texts.add(th.getText().strip());
            }
            for (int i = 0; i < texts.size(); i++) {
                if (texts.get(i).startsWith(header)) {
                    return i;
                }
            }
            throw new AssertionError("no column " + header + " among " + texts);
        }

        WebElement headerLink(String header) {
            return headers().get(index(header)).findElement(By.tagName("a"));
        }

        List<WebElement> rows() {
            return element.findElements(By.cssSelector("tbody tr"));
        }

        List<String> column(String header) {
            int i = index(header);
            List<String> values = new ArrayList<>();
            for (WebElement tr : rows()) {
                values.add(tr.findElements(By.tagName("td")).get(i).getText().strip());
            }
            return values;
        }
    }
}
