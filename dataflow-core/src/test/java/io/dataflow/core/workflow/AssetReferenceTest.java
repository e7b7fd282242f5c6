package io.dataflow.core.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dataflow.core.InvalidInputException;
import io.dataflow.core.identity.AssetId;
import io.dataflow.core.identity.AssetType;
import io.dataflow.core.workflow.AssetReference.Form;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AssetReferenceTest {

    @Test
    void latestForm() {
        AssetReference ref = AssetReference.parse("dataflow.jar.scala-workflow");

        assertThat(ref).isEqualTo(new AssetReference("${dataflow.jar.scala-workflow}", Form.LATEST, AssetType.JAR,
                "scala-workflow", null, null, null));
    }

    @Test
    void newestOnBranchForm() {
        AssetReference ref = AssetReference.parse("dataflow.whl.hello_world.feature-x-y");

        assertThat(ref.form()).isEqualTo(Form.NEWEST_ON_BRANCH);
        assertThat(ref.type()).isEqualTo(AssetType.WHL);
        assertThat(ref.branch()).isEqualTo("feature-x-y");
        assertThat(ref.build()).isNull();
    }

    @Test
    void buildOnBranchForm() {
        AssetReference ref = AssetReference.parse("dataflow.sql.queries.master.3");

        assertThat(ref.form()).isEqualTo(Form.BUILD_ON_BRANCH);
        assertThat(ref.branch()).isEqualTo("master");
        assertThat(ref.build()).isEqualTo(3);
    }

    @Test
    void fullUuidForm() {
        AssetReference ref = AssetReference.parse("dataflow.jar.scala-workflow.user.stranger-data.master.39206ee8.3");

        assertThat(ref.form()).isEqualTo(Form.EXACT);
        assertThat(ref.exact()).isEqualTo(AssetId.parse("dataflow.jar.scala-workflow.user.stranger-data.master.39206ee8.3"));
    }

    @Test
    void onlyDataflowPrefixedNamesAreReferences() {
        assertThat(AssetReference.isDataflowReference("dataflow.jar.x")).isTrue();
        assertThat(AssetReference.isDataflowReference("dataflow")).isTrue();
        assertThat(AssetReference.isDataflowReference("TARGET_DB")).isFalse();
        assertThat(AssetReference.isDataflowReference("dataflowish")).isFalse();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        dataflow                                                   | it has 1 dot-separated segments
        dataflow.jar                                               | it has 2 dot-separated segments
        dataflow.jar.a.b.c.d                                       | it has 6 dot-separated segments
        dataflow.egg.hello_world                                   | Unknown asset type 'egg'. Use one of: jar, whl, sql, file.
        dataflow.jar.Scala_Workflow                                | the namespace 'Scala_Workflow' must match [a-z0-9][a-z0-9_-]*
        dataflow.jar.scala-workflow.master.three                   | the build number 'three' is not a number
        dataflow.jar.scala-workflow.master.0                       | build numbers start at 1, not 0
        dataflow.jar.scala-workflow.feature/x                      | the branch 'feature/x' must be written sanitised
        dataflow.jar.scala-workflow.user.repo.master.XYZ.3         | Invalid commit 'XYZ': expected 8 lower-case hex digits.
        dataflow.jar.scala-workflow.user.repo.master.39206ee8.x    | the build number 'x' is not a number.
        """)
    void malformedReferencesNameTheReferenceAndTheForms(String inner, String why) {
        assertThatThrownBy(() -> AssetReference.parse(inner))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("malformed reference ${" + inner + "}: ")
                .hasMessageContaining(why)
                .hasMessageEndingWith("e.g. ${dataflow.jar.scala-workflow}.");
    }
}
