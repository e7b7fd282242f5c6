import groovy.json.JsonSlurper

def MAIN = 'e2e.gc-titles.main'
def registry = new File(basedir, 'registry')
def json = new JsonSlurper()
def lines = new File(basedir, 'build.log').getText('UTF-8').readLines()
        .collect { it.replaceFirst(/^\[(INFO|WARNING|ERROR)\] /, '') }
def starts = lines.findIndexValues { it.startsWith('Scanning for projects') }*.intValue()
assert starts.size() == 10
def step = { n -> lines.subList(starts[n - 1], n < starts.size() ? starts[n] : lines.size()) }

// 3-5: three versions.
(1..3).each { v -> assert step(v + 2).contains("-> ./main.sch.yaml\u2026 DEPLOYED AS ${MAIN} version ${v}".toString()) }

// 6: the pin, and the dry run: version 2 is the only version to go; 1 is pinned, 3 active; nothing was deleted.
assert step(6).any { it.startsWith("PINNED ${MAIN} version 1") }
assert new File(registry, "gc/pins/${MAIN}/1.json").file
assert step(6).contains("COLLECT   ${MAIN} version 2: ".toString() + json.parse(new File(basedir, 'gc-titles/gc-plan.json'))
        .versions.find { it.version == 2 }.bytes + ' bytes')
assert step(6).any { it.startsWith("KEEP      ${MAIN} version 1: pinned") }
assert step(6).any { it.startsWith("KEEP      ${MAIN} version 3: active, newest 1") }
def plan = json.parse(new File(basedir, 'gc-titles/gc-plan.json'))
assert plan.schema == 'dataflow.gc/1' && !plan.applied && plan.keep == 1 && plan.grace == '0s'
assert plan.versions.findAll { it.action == 'collect' }*.name == ["${MAIN} version 2".toString()]

// 7: applied: version 2's bundle is gone, its claim and manifest stay (numbers are never reused), a tombstone says when.
assert step(7).any { it.startsWith("COLLECTED ${MAIN} version 2: ") }
assert step(7).any { it.startsWith('Summary: 1 version(s), ') && it.contains(' collected, ') }
// (A local registry keeps the emptied folders.)
def v2 = new File(registry, "workflows/${MAIN}/versions/2")
def v2Files = []
v2.eachFileRecurse(groovy.io.FileType.FILES) { v2Files << v2.toPath().relativize(it.toPath()).toString() }
assert v2Files.sort() == ['claim.json', 'manifest.json']
assert new File(registry, "gc/collected/workflows/${MAIN}/versions/2/manifest.json").file
assert new File(registry, "workflows/${MAIN}/versions/1/workflow.sch.rendered.yaml").file

// 8, 9: the active and the pinned version ran from their bundles with real Spark.
def runs = new File(registry, "runs/${MAIN}").listFiles().findAll { it.name.endsWith('.json') }
        .collect { json.parse(it) }.sort { it.startedAt }
assert runs*.version == [3, 1]
assert runs.every { it.status == 'SUCCEEDED' }

// 10: the collected version is refused with the reason, before any run directory or record is made.
assert step(10).any { it.contains("Version 2 of ${MAIN} was collected by gc on") && it.contains('cannot be run') }
assert step(10).any { it.startsWith('BUILD FAILURE') }
return true
