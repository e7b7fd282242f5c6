import groovy.json.JsonSlurper
import io.dataflow.maven.it.ItGitRepository
import java.security.MessageDigest

def commit = ItGitRepository.head(basedir).substring(0, 8)
def lines = new File(basedir, 'build.log').readLines('UTF-8').collect { it.replaceFirst(/^\[INFO\] /, '') }
def registry = new File(basedir, 'registry')
def registryUri = registry.toPath().toUri().toString().replaceFirst(/\/$/, '')
def newJar = "dataflow.jar.scala-workflow.user.stranger-data.master.${commit}.2".toString()
def newJarLocation = "${registryUri}/jars/scala-workflow/user/stranger-data/master/${commit}/2.jar".toString()

// Step 2, the text plan: one NEW JAR with the number the deploy takes, both workflows get version 2.
def start = lines.findIndexOf { it.startsWith('Plan of mvn deploy from branch master at ' + commit) }
assert start >= 0
assert lines[start] == "Plan of mvn deploy from branch master at ${commit} to ${registryUri} (mainline):".toString()
assert lines[start + 1] == 'Assets:'
assert lines[start + 2] == "-> ./scala-workflow/pom.xml\u2026 NEW ${newJar} (build 2)".toString()
assert lines[start + 3] == 'Workflows:'
def workflowLines = lines.subList(start, lines.size()).findAll { it.startsWith('-> ./flows/') }
assert workflowLines.take(2) == ['-> ./flows/daily.sch.yaml\u2026 stranger-data.daily new version 2 (active: version 1)',
                                 '-> ./flows/main.sch.yaml\u2026 stranger-data.main new version 2 (active: version 1)']
// The diffs show the JAR pointer moving from build 1 to build 2, and nothing else.
def diffLines = lines.subList(start, lines.size()).takeWhile { !it.startsWith('Summary: ') }.findAll { it.startsWith('   ') }
assert diffLines.contains('   --- stranger-data.main version 1 (active)')
assert diffLines.contains('   +++ stranger-data.main version 2 (this deploy)')
def changed = diffLines.collect { it.substring(3) }.findAll { (it.startsWith('-') || it.startsWith('+')) && !it.startsWith('---') && !it.startsWith('+++') }
assert changed.size() == 4 // one line out, one line in, per workflow
assert changed.findAll { it.startsWith('+') }.every { it.trim() == "+          jar: ${newJarLocation}".toString().trim() }
assert changed.findAll { it.startsWith('-') }.every { it ==~ /-\s+jar: \Q${registryUri}\E\/jars\/scala-workflow\/user\/stranger-data\/master\/[0-9a-f]{8}\/1\.jar/ }
assert lines.contains('Summary: 1 new and 0 unchanged assets, 2 new and 0 unchanged workflow versions; the deploy would go ahead.')

// Step 3, the JSON plan: on standard output alone (no [INFO] prefix) and in plan.json, the same document.
def fromFile = new JsonSlurper().parse(new File(basedir, 'plan.json'))
def raw = new File(basedir, 'build.log').readLines('UTF-8')
def jsonStart = raw.findIndexOf { it == '{' }
assert jsonStart >= 0 && raw[jsonStart + 1] == '  "schema" : "dataflow.plan/1",'
def jsonEnd = raw.findIndexOf(jsonStart) { it == '}' }
def fromStdout = new JsonSlurper().parseText(raw.subList(jsonStart, jsonEnd + 1).join('\n'))
assert fromStdout == fromFile
assert fromFile.schema == 'dataflow.plan/1'
assert fromFile.wouldDeploy == true
assert fromFile.refusals == [] && fromFile.notes == []
assert fromFile.git.branch == 'master' && fromFile.git.mainline == true
assert fromFile.assets.size() == 1
assert fromFile.assets[0].status == 'NEW' && fromFile.assets[0].uuid == newJar && fromFile.assets[0].build == 2
assert fromFile.assets[0].location == newJarLocation
assert fromFile.workflows*.registryId == ['stranger-data.daily', 'stranger-data.main']
assert fromFile.workflows.every { it.status == 'NEW_VERSION' && it.version == 2 && it.activeVersion == 1 && it.activates }
assert fromFile.workflows.every { it.diff.contains("+          jar: ${newJarLocation}".toString()) }

// Neither plan changed a byte of the registry.
def tree = { File dir ->
    def files = [:]
    dir.eachFileRecurse { f ->
        def relative = dir.toPath().relativize(f.toPath()).toString()
        files[relative] = f.isDirectory() ? '<dir>' : MessageDigest.getInstance('SHA-256').digest(f.bytes).encodeHex().toString()
    }
    files
}
def beforePlans = tree(new File(basedir, 'snapshots/before-plan/registry'))
assert !beforePlans.isEmpty()
assert tree(new File(basedir, 'snapshots/after-text-plan/registry')) == beforePlans
assert tree(new File(basedir, 'snapshots/after-json-plan/registry')) == beforePlans

// Step 4: the deploy did what the plan said.
assert lines.contains("-> ./scala-workflow/pom.xml\u2026 DEPLOYED AS ${newJar}".toString())
assert lines.contains('-> ./flows/main.sch.yaml\u2026 DEPLOYED AS stranger-data.main version 2')
assert lines.contains('-> ./flows/daily.sch.yaml\u2026 DEPLOYED AS stranger-data.daily version 2')
return true
