package org.hostr.browser;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Properties;
import org.openqa.selenium.JavascriptExecutor;

/**
 * The bar every page must clear on a phone: nothing wider than the screen (no sideways scrolling) and no axe-core
 * violation of WCAG 2.0/2.1 level A and AA or of axe's best practices. axe-core comes from the org.webjars.npm webjar,
 * the npm package's files.
 */
final class PageQuality {
    /** WCAG 2.0 and 2.1 at A and AA, and axe's best practices (landmarks, heading order, one main, …). */
    static final List<String> AXE_TAGS = List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice");
    private static final String AXE = axeSource();

    private PageQuality() {
    }

    /** Empty when the page fits; otherwise the widths and the elements that stick out, to find the culprit fast. */
    @SuppressWarnings("unchecked")
    static List<String> horizontalOverflow(JavascriptExecutor page) {
        return (List<String>) page.executeScript("""
                var width = window.innerWidth, scroll = document.documentElement.scrollWidth;
                if (scroll <= width) { return []; }
                var found = ["document is " + scroll + " px wide in a " + width + " px window"];
                document.querySelectorAll("body *").forEach(function (e) {
                  var r = e.getBoundingClientRect();
                  if (r.right > width + 0.5 && found.length < 8) {
                    found.push(e.tagName.toLowerCase() + (e.id ? "#" + e.id : "") + (e.className && e.className.baseVal === undefined
                        ? "." + String(e.className).trim().replace(/\\s+/g, ".") : "") + " ends at " + Math.round(r.right) + " px");
                  }
                });
                return found;
                """);
    }

    /** axe-core's violations as readable lines (rule, impact, each failing node and why); empty when there are none. */
    @SuppressWarnings("unchecked")
    static List<String> axeViolations(JavascriptExecutor page) {
        page.executeScript(AXE);
        Object result = page.executeAsyncScript("""
                var done = arguments[arguments.length - 1];
                axe.run(document, { runOnly: { type: "tag", values: arguments[0] }, resultTypes: ["violations"] })
                  .then(function (r) {
                    done(r.violations.map(function (v) {
                      return v.id + " (" + v.impact + "): " + v.help + "\\n" + v.nodes.map(function (n) {
                        return "    " + n.target.join(" ") + " :: " + String(n.failureSummary).replace(/\\n\\s*/g, " ");
                      }).join("\\n");
                    }));
                  })
                  .catch(function (e) { done(["axe-core failed to run: " + e]); });
                """, AXE_TAGS);
        return (List<String>) result;
    }

    private static String axeSource() {
        String base = "META-INF/resources/webjars/axe-core/";
        ClassLoader loader = PageQuality.class.getClassLoader();
        try (InputStream pom = loader.getResourceAsStream("META-INF/maven/org.webjars.npm/axe-core/pom.properties")) {
            if (pom == null) {
                throw new IllegalStateException("axe-core is not on the test classpath: see org.webjars.npm:axe-core in pom.xml");
            }
            Properties properties = new Properties();
            properties.load(pom);
            try (InputStream script = loader.getResourceAsStream(base + properties.getProperty("version") + "/axe.min.js")) {
                return new String(script.readAllBytes(), StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
