package io.dataflow.maven;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.apache.maven.model.Build;
import org.apache.maven.model.DeploymentRepository;
import org.apache.maven.model.DistributionManagement;
import org.apache.maven.model.Model;
import org.apache.maven.model.Plugin;
import org.apache.maven.model.PluginExecution;
import org.apache.maven.project.MavenProject;
import org.codehaus.plexus.util.xml.Xpp3Dom;
import org.junit.jupiter.api.Test;

class DataflowLifecycleParticipantTest {

    @Test
    void bindsBuildTestAndDeployWithThePluginConfiguration() {
        MavenProject project = projectDeclaring(plugin(true, "scala-workflow"));

        DataflowLifecycleParticipant.configure(List.of(project));

        Plugin plugin = DataflowPlugin.declaredIn(project).orElseThrow();
        assertThat(plugin.getExecutions()).extracting(PluginExecution::getId, PluginExecution::getPhase, PluginExecution::getGoals)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("dataflow-build", "package", List.of("build")),
                        org.assertj.core.groups.Tuple.tuple("dataflow-test", "verify", List.of("test")),
                        org.assertj.core.groups.Tuple.tuple("dataflow-deploy", "deploy", List.of("deploy")));
        for (PluginExecution execution : plugin.getExecutions()) {
            assertThat(((Xpp3Dom) execution.getConfiguration()).getChild("namespace").getValue()).isEqualTo("scala-workflow");
        }
        assertThat(plugin.getExecutionsAsMap()).containsOnlyKeys("dataflow-build", "dataflow-test", "dataflow-deploy");
    }

    @Test
    void skipsMavenDeployOnlyWithoutDistributionManagementAndWithoutAUserValue() {
        MavenProject bare = projectDeclaring(plugin(true, "a"));
        MavenProject withRepository = projectDeclaring(plugin(true, "b"));
        DistributionManagement distribution = new DistributionManagement();
        distribution.setRepository(new DeploymentRepository());
        withRepository.getModel().setDistributionManagement(distribution);
        MavenProject withUserValue = projectDeclaring(plugin(true, "c"));
        withUserValue.getProperties().setProperty("maven.deploy.skip", "false");

        DataflowLifecycleParticipant.configure(List.of(bare, withRepository, withUserValue));

        assertThat(bare.getProperties().getProperty("maven.deploy.skip")).isEqualTo("true");
        assertThat(withRepository.getProperties().getProperty("maven.deploy.skip")).isNull();
        assertThat(withUserValue.getProperties().getProperty("maven.deploy.skip")).isEqualTo("false");
    }

    @Test
    void keepsExecutionsDeclaredByHand() {
        Plugin declared = plugin(true, "a");
        PluginExecution byHand = new PluginExecution();
        byHand.setId("my-deploy");
        byHand.addGoal("deploy");
        declared.addExecution(byHand);
        MavenProject project = projectDeclaring(declared);

        DataflowLifecycleParticipant.configure(List.of(project));

        assertThat(declared.getExecutions()).extracting(PluginExecution::getId).containsExactly("my-deploy", "dataflow-build", "dataflow-test");
    }

    @Test
    void leavesProjectsWithoutTheExtensionAlone() {
        MavenProject project = projectDeclaring(plugin(false, "a"));

        DataflowLifecycleParticipant.configure(List.of(project));

        assertThat(DataflowPlugin.declaredIn(project).orElseThrow().getExecutions()).isEmpty();
        assertThat(project.getProperties()).doesNotContainKey("maven.deploy.skip");
    }

    @Test
    void aCommandLineOfRunOnceGoalsOnlyIsRecognised() {
        assertThat(DataflowLifecycleParticipant.onlyRunOnceGoals(List.of("dataflow:history"))).isTrue();
        assertThat(DataflowLifecycleParticipant.onlyRunOnceGoals(
                List.of("io.dataflow:dataflow-maven-plugin:0.1.0-SNAPSHOT:runs", "dataflow:rollback"))).isTrue();
        assertThat(DataflowLifecycleParticipant.onlyRunOnceGoals(List.of("io.dataflow:dataflow-maven-plugin:run")))
                .isTrue();
        assertThat(DataflowLifecycleParticipant.onlyRunOnceGoals(List.of("clean", "dataflow:history"))).isFalse();
        assertThat(DataflowLifecycleParticipant.onlyRunOnceGoals(List.of("dataflow:list"))).isFalse();
        assertThat(DataflowLifecycleParticipant.onlyRunOnceGoals(List.of("other:history"))).isFalse();
        assertThat(DataflowLifecycleParticipant.onlyRunOnceGoals(List.of())).isFalse();
    }

    /** The list is every aggregator goal of the plugin descriptor except list, which reads every module. */
    @Test
    void theRunOnceGoalsAreThePluginsAggregatorsThatReadNoOtherModule() throws Exception {
        Path descriptor = Path.of("target/classes/META-INF/maven/plugin.xml");
        org.w3c.dom.Document plugin = javax.xml.parsers.DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(descriptor.toFile());
        org.w3c.dom.NodeList mojos = plugin.getElementsByTagName("mojo");
        java.util.Set<String> aggregators = new java.util.TreeSet<>();
        for (int i = 0; i < mojos.getLength(); i++) {
            org.w3c.dom.Element mojo = (org.w3c.dom.Element) mojos.item(i);
            if ("true".equals(mojo.getElementsByTagName("aggregator").item(0).getTextContent())) {
                aggregators.add(mojo.getElementsByTagName("goal").item(0).getTextContent());
            }
        }
        aggregators.remove("list");
        assertThat(DataflowLifecycleParticipant.RUN_ONCE_GOALS).containsExactlyInAnyOrderElementsOf(aggregators);
    }

    static Plugin plugin(boolean extensions, String namespace) {
        Plugin plugin = new Plugin();
        plugin.setGroupId(DataflowPlugin.GROUP_ID);
        plugin.setArtifactId(DataflowPlugin.ARTIFACT_ID);
        plugin.setExtensions(extensions);
        Xpp3Dom configuration = new Xpp3Dom("configuration");
        Xpp3Dom child = new Xpp3Dom("namespace");
        child.setValue(namespace);
        configuration.addChild(child);
        plugin.setConfiguration(configuration);
        return plugin;
    }

    static MavenProject projectDeclaring(Plugin plugin) {
        Model model = new Model();
        model.setGroupId("org.example");
        model.setArtifactId("m");
        model.setVersion("1");
        model.setBuild(new Build());
        model.getBuild().addPlugin(plugin);
        return new MavenProject(model);
    }
}
