package org.hostr.web;

import io.javalin.config.RoutesConfig;

/** A feature's HTTP routes, added to the app in one place ({@link WebApp}). */
public interface RouteGroup {
    void addTo(RoutesConfig routes);
}
