package io.dataflow.runner;

import org.apache.spark.sql.SparkSession;

/**
 * The Spark driver a PySpark job would start, for {@link StandInPython#runningSql}: spark-submit style options as
 * PySpark reads them from {@code PYSPARK_SUBMIT_ARGS}, then one SQL statement to run.
 */
public final class PysparkDriverStandIn {

    private PysparkDriverStandIn() {}

    public static void main(String[] args) {
        SparkSession.Builder builder = SparkSession.builder().appName("pyspark stand-in");
        String sql = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--master" -> builder.master(args[++i]);
                case "--conf" -> {
                    String[] setting = args[++i].split("=", 2);
                    builder.config(setting[0], setting[1]);
                }
                case "--jars" -> i++; // the Iceberg runtime: already on this JVM's class path
                case "--py-files" -> i++; // the job's own file, for executors' Python
                case "pyspark-shell" -> { }
                default -> sql = args[i];
            }
        }
        SparkSession spark = builder.getOrCreate();
        try {
            spark.sql(sql);
        } finally {
            spark.stop();
        }
    }
}
