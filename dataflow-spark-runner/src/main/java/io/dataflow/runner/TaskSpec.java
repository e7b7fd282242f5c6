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

    /**
     * Runs the statements of a SQL file, {@code ${NAME}} replaced by {@code params}. {@code conf}: Spark
     * settings for this task only (the DSL job's {@code conf}).
     */
    @Kind("sql")
    record Sql(String id, List<String> dependsOn, String file, Map<String, String> params, Map<String, String> conf)
            implements TaskSpec {
        public Sql {
            dependsOn = listOrEmpty(dependsOn);
            params = mapOrEmpty(params);
            conf = mapOrEmpty(conf);
        }
    }

    /** Calls {@code mainClass.main(args)} from {@code jar} inside the runner's Spark session. */
    @Kind("jar")
    record Jar(String id, List<String> dependsOn, String jar, String mainClass, List<String> args,
            Map<String, String> conf) implements TaskSpec {
        public Jar {
            dependsOn = listOrEmpty(dependsOn);
            args = listOrEmpty(args);
            conf = mapOrEmpty(conf);
        }
    }

    /**
     * A PySpark job: a {@code .py} file, or a wheel plus its {@code entry}, a module ({@code pkg.main}, run
     * like {@code python -m}) or a function ({@code pkg.main:run}, called with no arguments).
     */
    @Kind("python")
    record Python(String id, List<String> dependsOn, String file, String entry, List<String> args,
            Map<String, String> conf) implements TaskSpec {
        public Python {
            dependsOn = listOrEmpty(dependsOn);
            args = listOrEmpty(args);
            conf = mapOrEmpty(conf);
        }
    }

    /**
     * Descriptive metadata of tables (the DSL's {@code Metadata} job), stored as comments and table
     * properties. {@code lifetime} is in days; {@code columnTypes} maps a column to its kind, e.g. {@code pk}.
     */
    @Kind("metadata")
    record Metadata(String id, List<String> dependsOn, List<String> tables, String comment, String owner,
            List<String> tags, Integer lifetime, Map<String, String> columnTypes, Map<String, String> columnComments,
            Map<String, String> properties) implements TaskSpec {
        public Metadata {
            dependsOn = listOrEmpty(dependsOn);
            tables = listOrEmpty(tables);
            tags = listOrEmpty(tags);
            columnTypes = mapOrEmpty(columnTypes);
            columnComments = mapOrEmpty(columnComments);
            properties = mapOrEmpty(properties);
        }
    }

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
            params = mapOrEmpty(params);
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

    private static <V> Map<String, V> mapOrEmpty(Map<String, V> map) {
        return map == null ? Map.of() : Map.copyOf(map);
    }

    /** The kind name of a record, kept next to it (mirrors {@link JsonSubTypes} above). */
    @java.lang.annotation.Retention(java.lang.annotation.RetentionPolicy.RUNTIME)
    @java.lang.annotation.Target(java.lang.annotation.ElementType.TYPE)
    @interface Kind {
        String value();
    }
}
