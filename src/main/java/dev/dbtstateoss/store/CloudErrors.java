package dev.dbtstateoss.store;

/** What the cloud stores read from an SDK's exception when they turn it into a store error. */
final class CloudErrors {
    private CloudErrors() {}

    /** Whether {@code t} or one of its causes is a {@code type}. */
    static boolean hasCause(Throwable t, Class<? extends Throwable> type) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (type.isInstance(c)) {
                return true;
            }
        }
        return false;
    }

    /** The first line of an SDK's message (some add the whole response below it); empty for none. */
    static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
