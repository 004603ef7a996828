package io.facefleet.boot;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.facefleet.engine.image.ImageDecoder;
import io.facefleet.gallery.Gallery;
import io.facefleet.recognition.FaceService;
import io.facefleet.testing.RunningService;
import io.facefleet.testing.DemoFaces;
import io.facefleet.testing.SeedWorkload;
import io.facefleet.testing.TestData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The page in Debian's headless Chromium: upload the demo photo with the most enrolled people,
 * wait for the boxes, check the names; tick "show age, gender and expression" and see each face's
 * attributes (the same words are drawn under its box); then watch the dashboard during a burst of
 * requests.
 * Screenshots go to target/.
 */
class BrowserTest {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path DRIVER = Path.of("/usr/bin/chromedriver");
    /** A face's attributes as the page words them: "female 26 · happy". */
    private static final Pattern ATTRIBUTES = Pattern.compile(
            "(male|female) [0-9]{1,3} · (neutral|happy|sad|angry|fearful|disgusted|surprised)");

    @Test
    void uploadAPhotoSeeTheFacesNamedWithTheirAttributesAndWatchTheDashboard(@TempDir Path data, @TempDir Path profile) throws Exception {
        assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(DRIVER),
                "Debian's chromium and chromium-driver are not installed (.ci/run installs them): skipped");
        FaceService enrol = new FaceService(new ImageDecoder(), TestData.engine(), Gallery.open(data, 0.6f));
        for (DemoFaces.Person p : DemoFaces.people()) {
            enrol.enroll(p.label(), p.portrait(), p.label());
        }
        // the demo photo holding the most people; each of them must be named on the page
        int photo = 1;
        for (int n = 2; n <= 6; n++) {
            if (peopleIn(n).size() > peopleIn(photo).size()) {
                photo = n;
            }
        }
        Set<String> expected = peopleIn(photo);
        int faces = TestData.engine().detect(TestData.decode(DemoFaces.photo(photo))).size();
        assumeTrue(expected.size() >= 2, "a demo photo with two enrolled people");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        // offline machine: no background networking, no first-run or update checks
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--window-size=1280,1900", "--user-data-dir=" + profile);
        ChromeDriverService driverService = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile()).build();
        try (RunningService svc = RunningService.start("facefleet.data-dir=" + data, "camel.main.name=facefleet-browser")) {
            ChromeDriver browser = new ChromeDriver(driverService, options);
            try {
                browser.get(svc.uri("/").toString());
                browser.findElement(By.id("file")).sendKeys(DemoFaces.photo(photo).toRealPath().toString());
                WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(60));
                wait.until(d -> d.findElements(By.cssSelector("#faces tbody tr.face")).size() == faces);
                Set<String> names = new TreeSet<>();
                for (WebElement cell : browser.findElements(By.cssSelector("#faces tbody tr.face .subject"))) {
                    names.add(cell.getText());
                }
                save(browser, "browser-recognize.png");
                assertTrue(names.containsAll(expected), "every enrolled person of the photo is named: " + names + " vs " + expected);
                for (WebElement cell : browser.findElements(By.cssSelector("#faces tbody tr.face .attributes"))) {
                    assertTrue(cell.getText().equals("–"), "attributes shown before they were asked for: " + cell.getText());
                }

                // attributes: re-recognised with attributes=all, each face says gender, age and expression
                browser.findElement(By.id("attributes")).click();
                wait.until(d -> {
                    List<WebElement> cells = d.findElements(By.cssSelector("#faces tbody tr.face .attributes"));
                    return cells.size() == faces && cells.stream().allMatch(c -> ATTRIBUTES.matcher(c.getText()).matches());
                });
                save(browser, "browser-attributes.png");

                // the dashboard during a burst of 100 seed requests
                ExecutorService clients = Executors.newFixedThreadPool(100);
                try {
                    List<Future<?>> burst = new ArrayList<>();
                    for (int i = 0; i < 100; i++) {
                        String name = SeedWorkload.stem(i) + ".jpg";
                        byte[] bytes = SeedWorkload.image(i);
                        burst.add(clients.submit(() -> svc.postFile("/", "inputFile", name, bytes)));
                    }
                    // the live view follows the burst: several answers a second, more than one worker
                    wait.until(d -> rate(d.findElement(By.id("rate")).getText()) >= 3
                            && !d.findElement(By.id("workers")).getText().equals("1"));
                    save(browser, "dashboard-under-load.png");
                    for (Future<?> f : burst) {
                        f.get();
                    }
                } finally {
                    clients.shutdown();
                }
            } finally {
                browser.quit();
            }
        }
    }

    private static Set<String> peopleIn(int photo) {
        Set<String> labels = new TreeSet<>();
        DemoFaces.people().stream().filter(p -> p.photo() == photo).forEach(p -> labels.add(p.label()));
        return labels;
    }

    private static double rate(String text) {
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static void save(ChromeDriver browser, String name) throws Exception {
        Files.write(TestData.buildDir().resolve(name), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
    }
}
