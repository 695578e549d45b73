package org.hostr.web;

import io.javalin.http.Context;
import io.javalin.rendering.FileRenderer;
import io.pebbletemplates.pebble.PebbleEngine;
import io.pebbletemplates.pebble.loader.ClasspathLoader;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Map;

/** Renders templates/ with Pebble; HTML auto-escaping is on, so values reach the page escaped. */
final class PebbleRenderer implements FileRenderer {
    private final PebbleEngine engine;

    PebbleRenderer() {
        ClasspathLoader loader = new ClasspathLoader();
        loader.setPrefix("templates");
        this.engine = new PebbleEngine.Builder()
                .loader(loader)
                .autoEscaping(true)
                .strictVariables(false)
                .cacheActive(true)
                .build();
    }

    @Override
    public String render(String file, Map<String, ?> model, Context ctx) {
        StringWriter out = new StringWriter(4096);
        try {
            engine.getTemplate(file).evaluate(out, (Map<String, Object>) model);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }
}
