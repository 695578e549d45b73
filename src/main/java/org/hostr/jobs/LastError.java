package org.hostr.jobs;

/**
 * What jobs.last_error keeps of a failure: exception class and message, with the root cause's, trimmed. No stack
 * trace and nothing else: our exceptions name the thing and the fix, never a secret, and the admin page shows this text.
 */
final class LastError {
    static final int MAX_LENGTH = 2000;

    private LastError() {
    }

    static String describe(Throwable failure) {
        StringBuilder text = new StringBuilder(line(failure));
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        if (root != failure) {
            text.append(" (caused by ").append(line(root)).append(')');
        }
        return trim(text.toString());
    }

    static String trim(String text) {
        return text.length() <= MAX_LENGTH ? text : text.substring(0, MAX_LENGTH - 1) + "…";
    }

    private static String line(Throwable t) {
        String name = t.getClass().getSimpleName().isEmpty() ? t.getClass().getName() : t.getClass().getSimpleName();
        return t.getMessage() == null ? name : name + ": " + t.getMessage();
    }
}
