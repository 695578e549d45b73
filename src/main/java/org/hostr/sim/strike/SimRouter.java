package org.hostr.sim.strike;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A table of {@code METHOD /path/{}/more} routes; each {@code {}} matches one path segment. */
final class SimRouter {
    interface Handler {
        SimResponse handle(SimRequest request);
    }

    private record Route(String method, Pattern path, Handler handler) {
    }

    private final List<Route> routes = new ArrayList<>();

    SimRouter add(String method, String path, Handler handler) {
        routes.add(new Route(method, Pattern.compile(path.replace("{}", "([^/]+)")), handler));
        return this;
    }

    SimResponse dispatch(SimRequest request) {
        boolean pathKnown = false;
        for (Route route : routes) {
            Matcher m = route.path().matcher(request.path());
            if (!m.matches()) {
                continue;
            }
            pathKnown = true;
            if (route.method().equals(request.method())) {
                List<String> params = new ArrayList<>();
                for (int g = 1; g <= m.groupCount(); g++) {
                    params.add(m.group(g));
                }
                return route.handler().handle(request.withParams(params));
            }
        }
        throw pathKnown
                ? new SimError(405, "METHOD_NOT_ALLOWED", request.method() + " is not allowed on " + request.path())
                : SimError.notFound("Resource " + request.path());
    }
}
