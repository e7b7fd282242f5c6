package io.dataflow.core.maestro;

/**
 * What the user configured for Maestro.
 *
 * @param mapping how Dataflow jobs become Maestro steps (always set; defaults apply)
 * @param endpoint the server to validate against and push to, or {@code null}: nothing is validated or pushed
 */
public record MaestroOptions(MaestroMapping mapping, MaestroEndpoint endpoint) {

    public MaestroOptions {
        mapping = mapping == null ? MaestroMapping.defaults() : mapping;
    }

    /** Default job types, no server. */
    public static MaestroOptions none() {
        return new MaestroOptions(MaestroMapping.defaults(), null);
    }

    public boolean pushes() {
        return endpoint != null;
    }
}
