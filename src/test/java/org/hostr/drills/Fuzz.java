package org.hostr.drills;

/**
 * What the fuzz drills share: each draws every case from one {@link java.util.Random} with a fixed seed, so a failure
 * reproduces; {@code -Dfuzz.seed=N} replays another seed (printed by a failing run) or explores new ones.
 */
final class Fuzz {
    private Fuzz() {
    }

    /** The drill's fixed seed, unless -Dfuzz.seed=N asks for another. */
    static long seed(long fixed) {
        return Long.getLong("fuzz.seed", fixed);
    }

    /** The start of an input or answer for a failure message: enough to recognise it, never megabytes. */
    static String excerpt(String text) {
        String oneLine = text.replace("\n", "\\n");
        return oneLine.length() <= 200 ? oneLine : oneLine.substring(0, 200) + "… (" + text.length() + " chars)";
    }
}
