package io.dataflow.runner;

/**
 * Turns {@code System.exit} called by job code into an exception, so one job cannot end the whole run.
 *
 * <p>This needs {@link SecurityManager}, which JDK 17 still allows (printing a deprecation warning once)
 * and newer JDKs allow only with {@code -Djava.security.manager=allow}; JDK 24+ no longer support it.
 * Where it cannot be installed, {@link #install()} returns an inactive guard and the runner's shutdown
 * hook still writes a result that names the task during which the JVM went down.
 */
@SuppressWarnings("removal")
final class ExitGuard implements AutoCloseable {

    /** Thrown in place of exiting; carries the status the job asked for. */
    static final class ExitAttempt extends SecurityException {
        private static final long serialVersionUID = 1L;
        final int status;

        ExitAttempt(int status) {
            super("System.exit(" + status + ") called");
            this.status = status;
        }
    }

    private static final class BlockExit extends SecurityManager {
        @Override
        public void checkExit(int status) {
            throw new ExitAttempt(status);
        }

        @Override
        public void checkPermission(java.security.Permission permission) {
            // Everything else stays allowed: this manager exists only to intercept exit.
        }

        @Override
        public void checkPermission(java.security.Permission permission, Object context) {
            // As above.
        }
    }

    private final SecurityManager previous;
    private final boolean active;

    private ExitGuard(SecurityManager previous, boolean active) {
        this.previous = previous;
        this.active = active;
    }

    static ExitGuard install() {
        SecurityManager previous = System.getSecurityManager();
        try {
            System.setSecurityManager(new BlockExit());
            return new ExitGuard(previous, true);
        } catch (UnsupportedOperationException | SecurityException e) {
            return new ExitGuard(previous, false);
        }
    }

    boolean active() {
        return active;
    }

    /** The exit attempt behind a failure of job code, if that is what it was. */
    static ExitAttempt exitAttempt(Throwable failure) {
        for (Throwable e = failure; e != null; e = e.getCause()) {
            if (e instanceof ExitAttempt attempt) {
                return attempt;
            }
        }
        return null;
    }

    @Override
    public void close() {
        if (active) {
            System.setSecurityManager(previous);
        }
    }
}
