import io.dataflow.maven.it.ItMaestro

ItMaestro.stop(basedir)
def registry = new File(basedir, 'registry')
def main = 'stranger-data.main'
def daily = 'stranger-data.daily'
def lines = new File(basedir, 'build.log').readLines('UTF-8').collect { it.replaceFirst(/^\[(INFO|WARNING|ERROR)\] /, '') }
def starts = lines.findIndexValues { it.startsWith('Scanning for projects') }*.intValue()
assert starts.size() == 7
def step = { n -> lines.subList(starts[n - 1], n < starts.size() ? starts[n] : lines.size()) }

// The Maestro password only ever travels in the Authorization header: never in any output, also not under -X.
assert !lines.any { it.contains(ItMaestro.PASSWORD) }
assert step(6).any { it.startsWith('[DEBUG]') }

def requests = ItMaestro.requests(basedir)
def basic = 'Basic ' + "${ItMaestro.USERNAME}:${ItMaestro.PASSWORD}".bytes.encodeBase64().toString()
assert !requests.isEmpty()
requests.each {
    assert it.authorization == basic
    assert it.user == ItMaestro.USERNAME
}
def changes = requests.findAll { it.method != 'GET' }.collect { "${it.method} ${it.path}".toString() }
def activate = { id, v -> "PUT /api/v3/workflows/${id}/versions/${v}/actions/activate".toString() }
def pushes = requests.findAll { it.method == 'POST' }

// 1: verify exported both workflows next to the rendered files and had Maestro validate them (daily's JSON too).
def exports = new File(basedir, 'flows/target/dataflow/maestro')
assert new File(exports, "${main}.yaml").file && new File(exports, "${daily}.yaml").file && new File(exports, "${daily}.json").file
assert step(1).any { it ==~ /Validating Scheduler Workflows with Maestro at http:\/\/127\.0\.0\.1:\d+\/:/ }
assert step(1).containsAll(['-> ./flows/main.sch.yaml\u2026 VALID', '-> ./flows/daily.sch.yaml\u2026 VALID'])
assert !step(1).any { it.startsWith('Pushing Scheduler Workflows to Maestro') }

// 2, 3, 7: main is pushed as YAML, daily as the JSON create request (with its trigger, inactive until activated).
assert pushes.size() == 4
assert pushes[0..1]*.path.toSet() == ['/api/v3/workflows/yaml', '/api/v3/workflows'].toSet()
def dailyPush = pushes.find { it.path == '/api/v3/workflows' }
assert dailyPush.contentType.startsWith('application/json')
assert dailyPush.body.contains('"time_triggers"') && dailyPush.body.contains('"cron" : "0 2 * * *"')
assert dailyPush.body.contains('"is_active" : false') && dailyPush.body.contains('"value" : "stranger-data.main"')
def mainPushes = pushes.findAll { it.path == '/api/v3/workflows/yaml' }
assert mainPushes.size() == 3
assert mainPushes*.contentType.every { it.startsWith('application/yaml') }
assert mainPushes[0].body.contains("dataflow_version(constant): 1") && mainPushes[0].body.contains('owner: data-eng')
assert mainPushes[1].body.contains("dataflow_version(constant): 2")
assert mainPushes[1].body.contains("/workflows/${main}/versions/2/files/flows/ddl/create.sql")
assert mainPushes[2].body.contains(ItMaestro.REFUSED_MARKER)
assert step(2).contains("-> ${main} version 1\u2026 PUSHED AS ${main} version 1".toString())
assert step(2).contains("-> ${daily} version 1\u2026 PUSHED AS ${daily} version 1".toString())
assert step(3).contains("-> ${main} version 2\u2026 PUSHED AS ${main} version 2".toString())
assert step(3).contains("-> ${main} version 2\u2026 ACTIVATED ${main} version 2 in Maestro".toString())
assert step(3).contains("-> ${daily} version 1\u2026 ALREADY IN MAESTRO AS ${daily} version 1".toString())

// Activations in order: deploy 1 (both), deploy 2 (main 2, daily still 1), rollback to 1, rollback to 2, and after the
// refused push of step 7 Maestro's main is put back to version 2.
def activations = changes.findAll { it.endsWith('/actions/activate') }
assert activations[0..1].toSet() == [activate(main, 1), activate(daily, 1)].toSet()
assert activations[2..3].toSet() == [activate(main, 2), activate(daily, 1)].toSet()
assert activations[4..-1] == [activate(main, 1), activate(main, 2), activate(main, 2)]
assert step(4).any { it.startsWith("ROLLED BACK ${main} to version 1 (was version 2)") }
assert step(4).contains("-> ${main} version 1\u2026 ACTIVATED ${main} version 1 in Maestro".toString())

// 5: the export of version 2, from the registry alone.
def exported = new File(basedir, "target/dataflow/maestro/${main}.yaml").getText('UTF-8')
assert exported.contains('dataflow_version(constant): 2') && exported.contains("/workflows/${main}/versions/2/files/flows/ddl/create.sql")
assert step(5).any { it.startsWith("EXPORTED ${main} version 2 as Maestro workflow ${main}: ") }

// 7: Maestro's own message fails the deploy; the registry's active versions did not change.
def log7 = step(7).join('\n')
assert log7.contains(ItMaestro.REFUSAL) && log7.contains('workflow.params.NOTE is not allowed here') && log7.contains('HTTP 400')
assert log7.contains("the registry's active versions did not change")
assert new File(registry, "workflows/${main}/versions/3/manifest.json").file    // stored, never activated
// The activation log's records (activations/log/<folder>/<sequence>.json; markers and snapshots are bookkeeping).
def records = []
new File(registry, 'activations/log').eachFileRecurse { if (it.name ==~ /\d{12}\.json/) records << it }
assert records.size() == 4   // deploy, deploy, rollback, rollback: the refused deploy appended none
def newest = new groovy.json.JsonSlurper().parse(records.max { it.name })
assert newest.kind == 'rollback' && newest.workflows == [[workflowId: main, version: 2]]
return true
