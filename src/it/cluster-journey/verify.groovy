import groovy.json.JsonSlurper

// Stop the cluster first: whatever the assertions say, nothing of it outlives the journey.
def cluster = new File(basedir, 'cluster')
['worker', 'master'].each { name ->
    def pidFile = new File(cluster, "${name}.pid")
    if (pidFile.isFile()) {
        ProcessHandle.of(pidFile.text.trim() as long).ifPresent { process ->
            process.descendants().forEach { it.destroyForcibly() }
            process.destroyForcibly()
        }
    }
}

def log = new File(basedir, 'build.log').getText('UTF-8')
def master = "spark://127.0.0.1:${new File(cluster, 'master.log').text.find(/spark:\/\/127\.0\.0\.1:(\d+)/) { all, port -> port }}"
assert log.contains("Spark master ${master}".toString())

// The run succeeded and wrote the day's top 100 titles of ~190 countries, audited before publishing.
def runs = new File(basedir, 'registry/runs/e2e.cluster-titles.main').listFiles().findAll { it.name.endsWith('.json') }
assert runs.size() == 1
def run = new JsonSlurper().parse(runs[0])
assert run.status == 'SUCCEEDED'
assert run.master == master
def audit = run.tasks*.audits.flatten().find { it?.function == 'row_count_should_be_between' }
def rows = (audit.message =~ /^(\d+) rows\b/)[0][1] as long
assert rows >= 19_000 && rows <= 19_100

// The tasks ran in executor JVMs of the Worker, which fetched Iceberg from the driver (their Spark has none).
def executorLogs = new StringBuilder()
new File(cluster, 'work').eachFileRecurse { if (it.name == 'stderr') executorLogs << it.getText('UTF-8') }
assert executorLogs.toString().contains('Running task')
assert executorLogs.toString() =~ /Fetching spark:\/\/127\.0\.0\.1:\d+\/jars\/iceberg-spark-runtime/
return true
