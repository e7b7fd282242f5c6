package io.dataflow.runner;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.List;
import java.util.Map;

/**
 * One task of a run plan. The plan is already expanded (no foreach or subworkflow inside), parameters
 * are resolved, and every path points at a bundle copy. The JSON {@code kind} field selects the record.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
@JsonSubTypes({
    @JsonSubTypes.Type(value = TaskSpec.Sql.class, name = "sql"),
    @JsonSubTypes.Type(value = TaskSpec.Jar.class, name = "jar"),
    @JsonSubTypes.Type(value = TaskSpec.Python.class, name = "python"),
    @JsonSubTypes.Type(value = TaskSpec.Metadata.class, name = "metadata"),
    @JsonSubTypes.Type(value = TaskSpec.Hwm.class, name = "hwm"),
    @JsonSubTypes.Type(value = TaskSpec.Wap.class, name = "wap"),
    @JsonSubTypes.Type(value = TaskSpec.Noop.class, name = "noop")
})
public sealed interface TaskSpec {

    /** Unique within the plan; results and log lines use it. */
    String id();

    /** Ids of tasks that must have succeeded (or warned) before this one runs; all appear earlier in the plan. */
    List<String> dependsOn();

    /** The JSON {@code kind} of this task. */
    @JsonIgnore
    default String kindName() {
        return getClass().getAnnotation(Kind.class).value();
    }

    /** Runs the statements of a SQL file, {@code ${NAME}} replaced by {@code params}. */
    @Kind("sql")
    record Sql(String id, List<String> dependsOn, String file, Map<String, String> params) implements TaskSpec {
        public Sql {
            dependsOn = listOrEmpty(dependsOn);
            params = params == null ? Map.of() : Map.copyOf(params);
        }
    }

    /** Calls {@code mainClass.main(args)} from {@code jar} inside the runner's Spark session. */
    @Kind("jar")
    record Jar(String id, List<String> dependsOn, String jar, String mainClass, List<String> args) implements TaskSpec {
        public Jar {
            dependsOn = listOrEmpty(dependsOn);
            args = listOrEmpty(args);
        }
    }

    /** A PySpark job: a {@code .py} file, or a wheel plus the module to run as {@code entry}. */
    @Kind("python")
    record Python(String id, List<String> dependsOn, String file, String entry, List<String> args) implements TaskSpec {
        public Python {
            dependsOn = listOrEmpty(dependsOn);
            args = listOrEmpty(args);
        }
    }

    /** Descriptive metadata of a table, stored as table properties and comments. */
    @Kind("metadata")
    record Metadata(String id, List<String> dependsOn, String table, String comment, String owner,
            List<String> tags, Integer lifetimeDays, Map<String, ColumnMetadata> columns,
            Map<String, String> properties) implements TaskSpec {
        public Metadata {
            dependsOn = listOrEmpty(dependsOn);
            tags = listOrEmpty(tags);
            columns = columns == null ? Map.of() : Map.copyOf(columns);
            properties = properties == null ? Map.of() : Map.copyOf(properties);
        }
    }

    /** Role (for example {@code key}, {@code dimension}, {@code metric}) and comment of one column. */
    record ColumnMetadata(String role, String comment) {}

    /** High-water mark: the date/time whose data the table now holds, with the time zone it is meant in. */
    @Kind("hwm")
    record Hwm(String id, List<String> dependsOn, String table, String datetime, String timezone) implements TaskSpec {
        public Hwm {
            dependsOn = listOrEmpty(dependsOn);
        }
    }

    /** Write-Audit-Publish: writes land on an audit branch, audits read it, success fast-forwards main. */
    @Kind("wap")
    record Wap(String id, List<String> dependsOn, List<String> tables, List<TaskSpec> writes, List<AuditSpec> audits)
            implements TaskSpec {
        public Wap {
            dependsOn = listOrEmpty(dependsOn);
            tables = listOrEmpty(tables);
            writes = listOrEmpty(writes);
            audits = listOrEmpty(audits);
        }
    }

    /** One audit of a WAP task; {@code blocking} defaults to true. */
    record AuditSpec(String function, Boolean blocking, Map<String, Object> params) {
        public AuditSpec {
            blocking = blocking == null || blocking;
            params = params == null ? Map.of() : Map.copyOf(params);
        }
    }

    /** Does nothing; a join point of the DAG. */
    @Kind("noop")
    record Noop(String id, List<String> dependsOn) implements TaskSpec {
        public Noop {
            dependsOn = listOrEmpty(dependsOn);
        }
    }

    private static <T> List<T> listOrEmpty(List<T> list) {
        return list == null ? List.of() : List.copyOf(list);
    }

    /** The kind name of a record, kept next to it (mirrors {@link JsonSubTypes} above). */
    @java.lang.annotation.Retention(java.lang.annotation.RetentionPolicy.RUNTIME)
    @java.lang.annotation.Target(java.lang.annotation.ElementType.TYPE)
    @interface Kind {
        String value();
    }
}
