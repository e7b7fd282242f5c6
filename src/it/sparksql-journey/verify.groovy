import groovy.json.JsonSlurper
import java.security.MessageDigest

def MAIN = 'e2e.sql-titles.main'
def SECRET = 'e2e.sql-titles.secret'
def project = new File(basedir, 'sql-titles')
def registry = new File(basedir, 'registry')
def registryUri = registry.toPath().toUri().toString().replaceFirst(/\/$/, '')
def json = new JsonSlurper()
def sha256 = { byte[] bytes -> MessageDigest.getInstance('SHA-256').digest(bytes).encodeHex().toString() }

def log = new File(basedir, 'build.log').getText('UTF-8')
def lines = log.readLines().collect { it.replaceFirst(/^\[(INFO|WARNING)\] /, '') }
// Every step but the quiet last one starts with Maven's banner.
def starts = lines.findIndexValues { it.startsWith('Scanning for projects') }*.intValue()
assert starts.size() == 10
def step = { n -> lines.subList(starts[n - 1], n < starts.size() ? starts[n] : lines.size()) }

// The run records of a workflow in the registry, oldest first.
def runRecords = { String workflowId ->
    def directory = new File(registry, "runs/${workflowId}")
    (directory.listFiles()?.findAll { it.name.endsWith('.json') } ?: []).collect { json.parse(it) }.sort { it.startedAt }
}
// The rows the run wrote, as the WAP task's row-count audit counted them on the staged data.
def writtenRows = { record ->
    def audit = record.tasks*.audits.flatten().find { it?.function == 'row_count_should_be_between' }
    assert audit : "no row count audit in ${record.runId}"
    (audit.message =~ /^(\d+) rows\b/)[0][1] as long
}
def fileSha256 = { record, String path -> record.bundles[0].files.find { it.path == path }?.sha256 }

def transformation = 'src/main/sql/top_titles_write.sql'

// 3: the first deploy; the rendered workflow points at the registry copy of the transformation.
assert step(3).contains("-> ./main.sch.yaml\u2026 DEPLOYED AS ${MAIN} version 1".toString())
assert step(3).contains("-> ./secret.sch.yaml\u2026 DEPLOYED AS ${SECRET} version 1".toString())

// 4, 7, 9: three runs of main; the first and the last used version 1's bytes, the second the top 50.
// Statements without rows (the WITH ... INSERT of the transformation, the DDL) print no empty table.
assert !lines.any { it.trim() in ['++', '||'] }
def runs = runRecords(MAIN)
assert runs.size() == 3
def (first, second, last) = runs
runs.each { assert it.status == 'SUCCEEDED' && it.parameters.DATE == '2024-03-01' }
assert first.version == 1 && second.version == 2 && last.version == 1
assert writtenRows(first) >= 19_000 && writtenRows(first) <= 19_100
assert writtenRows(second) >= 9_500 && writtenRows(second) <= 9_600
assert writtenRows(last) == writtenRows(first)
assert first.bundleDigest.startsWith('sha256:') && second.bundleDigest != first.bundleDigest
assert last.bundleDigest == first.bundleDigest
assert fileSha256(first, transformation) == fileSha256(last, transformation)
assert fileSha256(second, transformation) == sha256(new File(project, transformation).bytes)
// The registry holds the first version's transformation under its sha256, and the bundle names that location.
def firstSha = fileSha256(first, transformation)
assert sha256(new File(registry, "files/${firstSha}/top_titles_write.sql").bytes) == firstSha
assert new File(registry, "workflows/${MAIN}/versions/1/workflow.sch.rendered.yaml").getText('UTF-8')
        .contains("script: ${registryUri}/files/${firstSha}/top_titles_write.sql")
def rendered = new File(project, 'target/dataflow/main.sch.rendered.yaml').getText('UTF-8')
assert rendered.contains("script: ${registryUri}/files/${fileSha256(second, transformation)}/top_titles_write.sql")
assert !rendered.contains('$S3{')
// The DAG picture drawn beside the rendered file is the one the newest version's bundle keeps.
def picture = new File(project, 'target/dataflow/main.svg')
assert ['data-step="source_ddl"', 'data-step="write"', 'data-step="wap"', 'data-step="hwm"'].every { picture.getText('UTF-8').contains(it) }
assert new File(registry, "workflows/${MAIN}/versions/2/workflow.svg").bytes == picture.bytes
assert new File(registry, "workflows/${MAIN}/versions/1/workflow.svg").file

// 6, 8: the second deploy and the rollback to version 1, no rebuild.
assert step(6).contains("-> ./main.sch.yaml\u2026 DEPLOYED AS ${MAIN} version 2".toString())
assert step(8).any { it.startsWith("ROLLED BACK ${MAIN} to version 1 (was version 2)") }
// ... and the deployed listing written by -Ddataflow.output, besides the text in the log.
def deployed = json.parse(new File(project, 'deployed.json'))
assert deployed.schema == 'dataflow.deployed/2'
// This project's workflows only (-Ddataflow.all would list the whole registry).
assert deployed.scope == 'project'
assert deployed.workflows*.declaredWorkflowId.every { it.startsWith('e2e.sql-titles.') }
assert deployed.workflows.find { it.workflowId == MAIN }.subMap(['activeVersion', 'newestVersion']) ==
        [activeVersion: 1, newestVersion: 2]
// The sample's SQL files ship as bundled files, not as SQL assets: no project namespace has builds.
assert deployed.assets == []
assert step(8).any { it.startsWith('Wrote the dataflow.deployed/2 document to ') && it.endsWith('deployed.json.') }
assert step(8).contains('Deployed workflows:')

// 9: dataflow:mock sampled the table the run wrote, and the harness loaded the mock as that table's first rows.
def mock = new File(project, 'target/mocks/top_titles.yaml').readLines('UTF-8')
assert mock[0] ==~ /# Written by mvn dataflow:mock from local\.dataflow_sample_e2e_sql\.top_titles \(snapshot -?\d+\): 20 of at most 20 rows, ordered by every column\./
assert mock.count { it.startsWith('- {') || it.startsWith('  - {') } == 20
assert step(9).any { it.startsWith('Wrote 20 rows of dataflow_sample_e2e_sql.top_titles to ') && it.contains('target/mocks/top_titles.yaml') }
assert step(9).any { it.contains('Tests run: 1, Failures: 0, Errors: 0, Skipped: 0') && it.contains('MockFromRunTest') }

// 10: the secrets reached the SQL (it asserts their sha256), and their values are nowhere: not in the registry
// (rendered workflows, bundles, run records), the project's target/, the run directories (plan, result, runner
// log), nor in the build's -X output.
def secretRuns = runRecords(SECRET)
assert secretRuns.size() == 1 && secretRuns[0].status == 'SUCCEEDED'
assert secretRuns[0].parameters.DB_PASSWORD == '${secret:DB_PASSWORD}'
assert step(10).any { it.contains('[DEBUG]') }
assert step(10).any { it ==~ /\|NULL +\|NULL +\|\$\{secret:API_TOKEN\}\|/ }
def secretValues = ['it-db-password-from-settings-7Qx', 'it-api-token-from-env-4Kz']
secretValues.each { value -> assert !log.contains(value) : "build.log shows a secret value" }
def leaks = []
[registry, new File(project, 'target'), new File(basedir, 'runs')].each { tree ->
    assert tree.isDirectory()
    tree.eachFileRecurse(groovy.io.FileType.FILES) { file ->
        def bytes = new String(file.bytes, 'ISO-8859-1')
        secretValues.each { value -> if (bytes.contains(value)) leaks << "${file} holds ${value.take(6)}…" }
    }
}
assert leaks.isEmpty() : leaks.join('\n')
def bundled = new File(registry, "workflows/${SECRET}/versions/1/workflow.sch.rendered.yaml").getText('UTF-8')
assert bundled.contains('DB_PASSWORD: ${secret:DB_PASSWORD}') && bundled.contains('TOKEN: ${secret:API_TOKEN}')
def plans = []
new File(basedir, 'runs').eachFileRecurse(groovy.io.FileType.FILES) { if (it.name == 'plan.json' && it.text.contains('secret:')) plans << it }
assert plans.size() == 1 && plans[0].text.contains('${secret:API_TOKEN}')

// 11: under mvn -q the JSON document is all of standard output (Maven's banner, log and colours are gone), and it is
// the very document -Ddataflow.output wrote.
def afterStep10 = log.indexOf('\n', log.indexOf('\n', log.lastIndexOf('Finished at:')) + 1) + 1
def quiet = log.substring(afterStep10, log.indexOf('Running post-build script:', afterStep10))
def historyFile = new File(project, 'history.json').getText('UTF-8')
assert quiet == historyFile
assert !quiet.contains('\u001B[')
def history = json.parseText(quiet)
assert history.schema == 'dataflow.history/2' && history.allVersions && history.allActivations && history.damaged == []
assert history.workflowId == MAIN && history.activeVersion == 1
assert history.versions*.version == [2, 1]
assert history.versions.find { it.version == 1 }.activations*.kind == ['rollback', 'deploy']
return true
