package org.hostr.sim.whm;

import java.util.Map;

/** One simulated WHM function: request parameters in, reply out. */
@FunctionalInterface
interface SimFunction {
    SimReply apply(Map<String, String> params);
}
