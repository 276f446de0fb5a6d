package org.conduit.identity.expression;

/**
 * The text a {@link java.util.regex.Matcher} reads, counting every character read. Backtracking reads
 * characters over and over, so a step and time budget here stops a catastrophic expression (such as
 * {@code ((a|a)*)*b}) in milliseconds instead of letting it run for years.
 */
final class BoundedCharSequence implements CharSequence {

    /** Thrown out of the matcher when the budget is spent; no stack trace, it is control flow. */
    static final class BudgetExceeded extends RuntimeException {
        private static final long serialVersionUID = 1L;

        BudgetExceeded() {
            super(null, null, false, false);
        }
    }

    private static final int CLOCK_CHECK_INTERVAL = 1024;

    private final String text;
    private final long maxSteps;
    private final long deadlineNanos;
    private long steps;

    BoundedCharSequence(String text, long maxSteps, long maxNanos) {
        this.text = text;
        this.maxSteps = maxSteps;
        this.deadlineNanos = System.nanoTime() + maxNanos;
    }

    @Override
    public char charAt(int index) {
        steps++;
        if (steps > maxSteps || (steps % CLOCK_CHECK_INTERVAL == 0 && System.nanoTime() - deadlineNanos > 0)) {
            throw new BudgetExceeded();
        }
        return text.charAt(index);
    }

    @Override
    public int length() {
        return text.length();
    }

    @Override
    public CharSequence subSequence(int start, int end) {
        return text.subSequence(start, end);
    }

    @Override
    public String toString() {
        return text;
    }
}
