package io.dataflow.core.python;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataflow.core.DataflowLog;
import io.dataflow.core.identity.AssetType;
import io.dataflow.core.identity.GitState;
import io.dataflow.core.registry.AssetDeployRequest;
import io.dataflow.core.registry.AssetDeployment;
import io.dataflow.core.registry.AssetRegistry;
import io.dataflow.core.registry.LocalObjectStore;
import io.dataflow.core.sql.SqlAssetDeclaration;
import io.dataflow.core.sql.SqlAsset;
import io.dataflow.core.sql.SqlAssets;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole engine path of a Python/SQL module's deploy, into a real local registry. */
class PythonAssetDeployTest {

    private static final String COMMIT = "39206ee8c0ffee00112233445566778899aabbcc";

    @TempDir
    Path temp;

    @Test
    void wheelsAndSqlFilesDeployAndAnUnchangedRebuildReusesTheBuild() throws IOException {
        PythonFixtures.buildInterpreter();
        Path module = Files.createDirectories(temp.resolve("repo/pyspark-workflow"));
        PythonFixtures.copy("hello_world", module);
        Files.createDirectories(module.resolve("sql"));
        Files.writeString(module.resolve("sql/daily_orders.sql"), "SELECT * FROM ${TARGET_DB}.orders");
        GitState git = new GitState(temp.resolve("repo"), "user", "stranger-data", "feature/x.y", COMMIT, false,
                null, "master");
        AssetRegistry registry = new AssetRegistry(new LocalObjectStore(temp.resolve("registry")), DataflowLog.SILENT);

        AssetDeployment first = deployWheel(module, git, registry);
        SqlAsset sql = SqlAssets.resolve(module, List.of(new SqlAssetDeclaration("sql/daily_orders.sql", null))).get(0);
        AssetDeployment sqlDeployment = registry.deploy(
                new AssetDeployRequest(AssetType.SQL, sql.namespace(), git, sql.file(), null, false));

        assertThat(first.unchanged()).isFalse();
        assertThat(first.build().id().toString())
                .isEqualTo("dataflow.whl.hello_world.user.stranger-data.feature-x-y.39206ee8.1");
        assertThat(first.build().key()).isEqualTo("whls/hello_world/user/stranger-data/feature-x-y/39206ee8/1.whl");
        assertThat(sqlDeployment.build().id().toString())
                .isEqualTo("dataflow.sql.daily_orders.user.stranger-data.feature-x-y.39206ee8.1");

        // a fresh checkout of the same sources: new file times, same bytes in the wheel
        Files.writeString(module.resolve("hello_world/hello_world/job.py"),
                Files.readString(module.resolve("hello_world/hello_world/job.py")));
        AssetDeployment again = deployWheel(module, git, registry);
        assertThat(again.unchanged()).isTrue();
        assertThat(again.build().id()).isEqualTo(first.build().id());

        Files.writeString(module.resolve("hello_world/hello_world/job.py"), "\n# v2\n", StandardOpenOption.APPEND);
        AssetDeployment changed = deployWheel(module, git, registry);
        assertThat(changed.unchanged()).isFalse();
        assertThat(changed.build().id().build()).isEqualTo(2);
    }

    private static AssetDeployment deployWheel(Path module, GitState git, AssetRegistry registry) {
        PythonAssets python = new PythonAssets(PythonSettings.defaults().withSkipTests(true), DataflowLog.SILENT);
        List<PythonPackage> packages = PythonPackageDiscovery.discover(module, List.of(), Map.of());
        BuiltWheel wheel = python.build(packages, module.resolve("target/dataflow/python")).get(0);
        return registry.deploy(new AssetDeployRequest(AssetType.WHL, wheel.pythonPackage().namespace(), git,
                wheel.wheel(), null, false));
    }
}
