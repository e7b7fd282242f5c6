package io.dataflow.core.release;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Why an activation record was written. */
public enum ActivationKind {
    /** {@code dataflow:deploy} released the versions. */
    DEPLOY,
    /** {@code dataflow:rollback} made an earlier version active again. */
    ROLLBACK;

    @JsonValue
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static ActivationKind fromId(String id) {
        return valueOf(id.toUpperCase(Locale.ROOT));
    }
}
