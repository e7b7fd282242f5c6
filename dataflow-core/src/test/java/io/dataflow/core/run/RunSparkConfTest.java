package io.dataflow.core.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dataflow.core.InvalidInputException;
import io.dataflow.core.params.SecretNames;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RunSparkConfTest {

    private static final String PREFIX = "dataflow.spark.conf.";

    @Test
    void theCommandLineWinsOverThePom() {
        assertThat(RunSparkConf.merged(Map.of("spark.executor.memory", "1g", "spark.executor.cores", "2"),
                Map.of("spark.executor.memory", "4g"), SecretNames.defaults(), PREFIX))
                .containsExactly(Map.entry("spark.executor.cores", "2"), Map.entry("spark.executor.memory", "4g"));
        assertThat(RunSparkConf.merged(null, Map.of(), SecretNames.defaults(), PREFIX)).isEmpty();
    }

    @Test
    void aCredentialLookingSettingIsRefusedBecauseItWouldBeWrittenToThePlan() {
        assertThatThrownBy(() -> RunSparkConf.merged(null,
                Map.of("spark.hadoop.fs.s3a.secret.key", "s3cr3t"), SecretNames.defaults(), PREFIX))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("'spark.hadoop.fs.s3a.secret.key' looks like a credential")
                .hasMessageNotContaining("s3cr3t");
    }

    @Test
    void aKeySparkWouldIgnoreIsRefused() {
        assertThatThrownBy(() -> RunSparkConf.merged(Map.of("executor.memory", "2g"), Map.of(),
                SecretNames.defaults(), PREFIX))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("-Ddataflow.spark.conf.executor.memory")
                .hasMessageContaining("-Ddataflow.spark.conf.spark.executor.memory=2g");
    }
}
