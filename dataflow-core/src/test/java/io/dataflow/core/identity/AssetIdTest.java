package io.dataflow.core.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dataflow.core.InvalidInputException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class AssetIdTest {

    private static final String EXAMPLE = "dataflow.jar.scala-workflow.user.stranger-data.master.39206ee8.3";

    @Test
    void parsesTheSpecExampleIntoItsSegments() {
        AssetId id = AssetId.parse(EXAMPLE);

        assertThat(id).isEqualTo(new AssetId(
                AssetType.JAR, "scala-workflow", "user", "stranger-data", "master", "39206ee8", 3));
        assertThat(id.format()).isEqualTo(EXAMPLE);
        assertThat(id.toString()).isEqualTo(EXAMPLE);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        EXAMPLE,
        "dataflow.whl.hello_world.org.repo.feature-x-y.0123abcd.1",
        "dataflow.sql.ddl.o.r.main.ffffffff.120",
        "dataflow.file.f1.Owner_1.Repo-2.BRANCH.00000000.7"
    })
    void formatOfParseIsTheInput(String text) {
        assertThat(AssetId.parse(text).format()).isEqualTo(text);
    }

    @Test
    void keysFollowTheRegistryLayout() {
        AssetId id = AssetId.parse(EXAMPLE);

        assertThat(id.lineKey()).isEqualTo("jars/scala-workflow/user/stranger-data/master/");
        assertThat(id.objectKey("jar")).isEqualTo("jars/scala-workflow/user/stranger-data/master/39206ee8/3.jar");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "dataflow.jar.scala-workflow.user.stranger-data.master.39206ee8|expected dataflow.<type>.<namespace>",
        "dataflow.jar.scala-workflow.user.stranger-data.master.39206ee8.3.4|expected dataflow.<type>.<namespace>",
        "other.jar.scala-workflow.user.stranger-data.master.39206ee8.3|expected dataflow.<type>.<namespace>",
        "dataflow.jar.scala-workflow.user.stranger-data.master.39206ee8.x|the build number 'x' is not a number",
        "dataflow.zip.scala-workflow.user.stranger-data.master.39206ee8.3|Unknown asset type 'zip'",
        "dataflow.jar.Scala.user.stranger-data.master.39206ee8.3|Invalid namespace 'Scala'",
        "dataflow.jar.scala-workflow.user.stranger-data.master.39206EE8.3|Invalid commit '39206EE8'",
        "dataflow.jar.scala-workflow.user.stranger-data.master.39206e.3|Invalid commit '39206e'",
        "dataflow.jar.scala-workflow..stranger-data.master.39206ee8.3|Invalid owner ''",
        "dataflow.jar.scala-workflow.user.stranger-data.master.39206ee8.0|builds start at 1",
        "''|expected dataflow.<type>.<namespace>"
    })
    void malformedIdsFailWithAMessageNamingTheProblem(String text, String message) {
        assertThatThrownBy(() -> AssetId.parse(text))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining(message);
    }

    @Test
    void nullIsMalformedToo() {
        assertThatThrownBy(() -> AssetId.parse(null))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("Malformed asset id 'null'");
    }

    @Test
    void gitStateBuildsIdsWithSanitizedSegmentsAndShortCommit() {
        GitState state = new GitState(java.nio.file.Path.of("/repo"), "my.org", "data.repo", "feature/x.y",
                "39206ee8aabbccddeeff00112233445566778899", false, null, "main");

        assertThat(state.assetId(AssetType.JAR, "ns", 2).format())
                .isEqualTo("dataflow.jar.ns.my-org.data-repo.feature-x-y.39206ee8.2");
    }
}
