package io.dataflow.core.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dataflow.core.InvalidInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqlAssetsTest {

    @TempDir
    Path root;

    private Path module;

    @BeforeEach
    void createModule() throws IOException {
        module = Files.createDirectories(root.resolve("sparksql-workflow"));
        Files.createDirectories(module.resolve("sql"));
        Files.writeString(module.resolve("sql/daily_orders.sql"), "SELECT 1");
        Files.writeString(module.resolve("sql/Weekly.Report.sql"), "SELECT 2");
        Files.writeString(root.resolve("outside.sql"), "SELECT 3");
    }

    private static SqlAssetDeclaration declare(String path) {
        return new SqlAssetDeclaration(path, null);
    }

    @Test
    void namespaceIsTheFileBaseNameUnlessConfigured() {
        List<SqlAsset> assets = SqlAssets.resolve(module, List.of(declare("sql/daily_orders.sql"),
                new SqlAssetDeclaration("sql/Weekly.Report.sql", "weekly-report")));

        assertThat(assets).extracting(SqlAsset::namespace).containsExactly("daily_orders", "weekly-report");
        assertThat(assets.get(0).relativePath()).isEqualTo("sql/daily_orders.sql");
        assertThat(assets.get(0).file()).isRegularFile().hasContent("SELECT 1");
    }

    @Test
    void aBaseNameThatIsNoValidNamespaceAsksForOne() {
        assertThatThrownBy(() -> SqlAssets.resolve(module, List.of(declare("sql/Weekly.Report.sql"))))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("SQL asset 'sql/Weekly.Report.sql'")
                .hasMessageContaining("'Weekly.Report'")
                .hasMessageContaining("Configure a namespace for it, e.g. 'weekly-report'");
    }

    @Test
    void aMissingFileNamesThePathAndTheModule() throws IOException {
        assertThatThrownBy(() -> SqlAssets.resolve(module, List.of(declare("sql/typo.sql"))))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("SQL asset 'sql/typo.sql' does not exist")
                .hasMessageContaining("relative to " + module.toRealPath());
        assertThatThrownBy(() -> SqlAssets.resolve(module, List.of(declare("sql"))))
                .as("a directory is not a SQL file")
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("does not exist");
    }

    @Test
    void aFileOutsideTheModuleIsRejected() throws IOException {
        assertThatThrownBy(() -> SqlAssets.resolve(module, List.of(declare("../outside.sql"))))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("'../outside.sql' is outside its module");
        assertThatThrownBy(() -> SqlAssets.resolve(module, List.of(declare(root.resolve("outside.sql").toString()))))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("is outside its module");

        Files.createSymbolicLink(module.resolve("sql/linked.sql"), root.resolve("outside.sql"));
        assertThatThrownBy(() -> SqlAssets.resolve(module, List.of(declare("sql/linked.sql"))))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("resolves to " + root.resolve("outside.sql").toRealPath())
                .hasMessageContaining("outside its module");
    }

    @Test
    void emptyPathsDuplicateNamespacesAndInvalidConfiguredNamespacesAreRejected() {
        assertThatThrownBy(() -> SqlAssets.resolve(module, List.of(declare(" "))))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("has no path");
        assertThatThrownBy(() -> SqlAssets.resolve(module, List.of(declare("sql/daily_orders.sql"),
                        new SqlAssetDeclaration("sql/Weekly.Report.sql", "daily_orders"))))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("'sql/daily_orders.sql' and 'sql/Weekly.Report.sql'")
                .hasMessageContaining("namespace 'daily_orders'");
        assertThatThrownBy(() -> SqlAssets.resolve(module,
                        List.of(new SqlAssetDeclaration("sql/daily_orders.sql", "Daily Orders"))))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("Invalid namespace 'Daily Orders' in the namespace of SQL asset 'sql/daily_orders.sql'");
    }
}
