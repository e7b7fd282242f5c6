import groovy.json.JsonSlurper

// Stop the cluster first, with the script that started it: whatever the assertions say, nothing of it outlives the
// journey.
def cluster = new File(basedir, 'cluster')
def userProperties = context.get('userProperties')
def stop = ['bash', userProperties.get('it.cluster.script'), 'stop', cluster.path].execute()
stop.waitForProcessOutput(System.out, System.err)
assert stop.exitValue() == 0

def log = new File(basedir, 'build.log').getText('UTF-8')
def master = new File(cluster, 'master-url').text.trim()
assert master == userProperties.get('dataflow.spark.master')
// Both runs, the Spark SQL sample's and the Scala sample's, on that Master.
assert log.count("Spark master ${master}".toString()) == 2

// Each run succeeded on the cluster and wrote the day's top 100 titles of ~190 countries, audited before publishing;
// the table holds that one day, so its main branch (Iceberg's own metadata) has exactly those rows.
def checkRun = { String workflow, String database ->
    def runs = new File(basedir, "registry/runs/${workflow}").listFiles().findAll { it.name.endsWith('.json') }
    assert runs.size() == 1
    def run = new JsonSlurper().parse(runs[0])
    assert run.status == 'SUCCEEDED'
    assert run.master == master
    def audit = run.tasks*.audits.flatten().find { it?.function == 'row_count_should_be_between' }
    def rows = (audit.message =~ /^(\d+) rows\b/)[0][1] as long
    assert rows >= 19_000 && rows <= 19_100
    def metadata = new File(basedir, "warehouse/${database}/top_titles/metadata")
    def table = new JsonSlurper().parse(new File(metadata, "v${new File(metadata, 'version-hint.text').text.trim()}.metadata.json"))
    def main = table.snapshots.find { it.'snapshot-id' == table.refs.main.'snapshot-id' }
    assert main.summary.'total-records' as long == rows
    return run
}
checkRun('e2e.cluster-titles.main', 'dataflow_sample_e2e_cluster')
def scalaRun = checkRun('e2e.cluster-scala-titles.main', 'dataflow_sample_e2e_cluster_scala')

// Each run is an application of the cluster whose tasks ran in executor JVMs of the Worker, which fetched Iceberg from
// the driver (their Spark has none); the Scala run's executors fetched the sample's JAR from the driver too: the
// bundle's copy of the JAR deployed from the project's commit.
def executorLogs = new File(cluster, 'work').listFiles().findAll { it.name.startsWith('app-') }.sort { it.name }.collect { app ->
    def logs = new StringBuilder()
    app.eachFileRecurse { if (it.name == 'stderr') logs << it.getText('UTF-8') }
    logs.toString()
}
assert executorLogs.size() == 2
executorLogs.each { logs ->
    assert logs.contains('Running task')
    assert logs =~ /Fetching spark:\/\/127\.0\.0\.1:\d+\/jars\/iceberg-spark-runtime/
}
def commit = ['git', '-C', new File(basedir, 'cluster-scala-titles').path, 'rev-parse', '--short=8', 'HEAD'].execute().text.trim()
def jar = scalaRun.bundles[0].assets[0]
assert jar.uuid == "dataflow.jar.e2e-cluster-scala.example.cluster-scala-titles.main.${commit}.1".toString()
assert executorLogs[1] =~ /Fetching spark:\/\/127\.0\.0\.1:\d+\/jars\/${java.util.regex.Pattern.quote(jar.uuid + '.jar')}/
return true
