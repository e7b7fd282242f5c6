import groovy.json.JsonSlurper
import io.dataflow.core.registry.S3ProxyServer

def s3 = new File(basedir, 's3proxy').toPath()
def catalogServer = new File(basedir, 'catalog-server')
def catalogUri
def json = new JsonSlurper()
def table
def files = []
try {
    // What the REST catalog says of the sample's table: its refs, snapshots and their summaries.
    catalogUri = "http://127.0.0.1:${new File(catalogServer, 'port').text.trim()}".toString()
    table = json.parse(new URL("${catalogUri}/v1/namespaces/dataflow_sample_e2e_lake/tables/top_titles")).metadata
} finally {
    // Whatever the assertions say, no server outlives the journey.
    // The pid is timeout's, which started the server's JVM: end the JVM first, then timeout.
    def pid = new File(catalogServer, 'server.pid')
    if (pid.isFile()) {
        ProcessHandle.of(pid.text.trim() as long).ifPresent { process ->
            process.descendants().forEach { it.destroyForcibly() }
            process.destroyForcibly()
        }
    }
    S3ProxyServer.stop(s3)
}

def runs = S3ProxyServer.object(s3, 'lake', 'registry/runs/e2e.lake-titles.main').toFile().listFiles()
        .findAll { it.name.endsWith('.json') }.collect { json.parse(it) }.sort { it.startedAt }
assert runs.size() == 4
runs.each { run ->
    assert run.status == 'SUCCEEDED' : "run ${run.runId}: ${run.tasks*.error}"
    assert run.catalog == catalogUri
    assert run.warehouse == 's3://lake/warehouse'
}
def rowsOf = { run ->
    def audit = run.tasks*.audits.flatten().find { it?.function == 'row_count_should_be_between' }
    (audit.message =~ /^(\d+) rows\b/)[0][1] as long
}
def published = { run -> run.tasks.find { it.id == 'wap' }.publishedSnapshots.values().first() as long }
def snapshot = { long id -> table.snapshots.find { it.'snapshot-id' == id } }
runs.each { assert rowsOf(it) >= 19_000 && rowsOf(it) <= 19_100 }
assert runs[0..1]*.parameters*.DATE == ['2024-03-05', '2024-03-05']
assert runs[2..3]*.parameters*.DATE.sort() == ['2024-03-06', '2024-03-07']

// A date run again: the published snapshot replaced the day and still counts the whole table (not 0).
def rerun = snapshot(published(runs[1])).summary
assert rerun.'total-records' as long == rowsOf(runs[1])
assert rerun.'deleted-records' as long == rowsOf(runs[0])
assert rerun.'dataflow.run-id' == runs[1].runId

// Two dates at once: both committed, and main's totals are the three days' rows.
def main = table.refs.main.'snapshot-id' as long
assert table.refs.keySet() == ['main'] as Set // no audit branch left, also not by the failed run
def mainSummary = snapshot(main).summary
assert mainSummary.'total-records' as long == rowsOf(runs[1]) + rowsOf(runs[2]) + rowsOf(runs[3])
def mainAncestry = []
for (def s = snapshot(main); s != null; s = s.'parent-snapshot-id' == null ? null : snapshot(s.'parent-snapshot-id' as long)) {
    mainAncestry << s
}
assert runs[2..3].every { run -> mainAncestry.any { it.summary.'dataflow.run-id' == run.runId } }
def rebased = ['2024-03-06', '2024-03-07'].any { new File(basedir, "run-${it}.log").text.contains('main moved since the audit branch was made') }
println "rest-catalog-journey: the concurrent runs ${rebased ? 'did' : 'did not'} overlap in their publish"

// Metadata, high-water mark and provenance work on the REST catalog as on the local one.
assert table.properties.'dataflow.owner' == 'e2e_lake'
assert table.properties.'dataflow.column.title_rank.type' == 'pk'
assert table.properties.'dataflow.hwm.datetime' in ['2024-03-06T00:00:00', '2024-03-07T00:00:00']
assert [runs[2].runId, runs[3].runId].contains(table.properties.'dataflow.hwm.run-id')
assert mainSummary.'dataflow.bundle-digest' == runs[3].bundleDigest
assert mainSummary.'dataflow.task-id' == 'wap'

// The blocking audit failure: the run failed, and main is still where the concurrent runs left it.
def failed = S3ProxyServer.object(s3, 'lake', 'registry/runs/e2e.lake-titles.failing-audit').toFile().listFiles()
        .findAll { it.name.endsWith('.json') }.collect { json.parse(it) }
assert failed.size() == 1 && failed[0].status == 'FAILED'
assert failed[0].tasks.find { it.id == 'wap' }.error.contains('Blocking audit(s) failed, nothing was published')
assert [runs[2].runId, runs[3].runId].contains(mainSummary.'dataflow.run-id')
assert !table.snapshots.any { it.summary.'dataflow.run-id' == failed[0].runId && mainAncestry.contains(it) }

// The tables live on the S3 server, written by Iceberg's S3 file IO.
S3ProxyServer.object(s3, 'lake', 'warehouse').toFile().eachFileRecurse { files << it.name }
assert files.any { it.endsWith('.parquet') } && files.any { it.endsWith('.metadata.json') }

// dataflow:mock sampled the REST catalog's table.
def mock = new File(basedir, 'lake-titles/target/mocks/top_titles.yaml')
assert mock.isFile() && mock.text.contains('title_id') && mock.text.contains('2024-03-05')

// The S3 secret key reached no log, plan or record.
def secret = 'it-secret-key-must-not-leak'
def written = [new File(basedir, 'build.log'), new File(catalogServer, 'server.log'), new File(basedir, 'run-2024-03-06.log'),
               new File(basedir, 'run-2024-03-07.log')]
new File(basedir, 'runs').eachFileRecurse { if (it.isFile()) written << it }
written.findAll { it.isFile() }.each { assert !it.getText('UTF-8').contains(secret) : "the secret is in ${it}" }
return true
