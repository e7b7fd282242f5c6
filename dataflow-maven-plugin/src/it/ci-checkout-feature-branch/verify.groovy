import groovy.json.JsonSlurper
import io.dataflow.maven.it.ItFiles
import io.dataflow.maven.it.ItGitRepository

def commit = ItGitRepository.head(basedir).substring(0, 8)
def lines = new File(basedir, 'build.log').readLines('UTF-8').collect { it.replaceFirst(/^\[(INFO|WARNING)\] /, '') }
// The build.log of each step starts with the Maven banner; split it into the steps' logs.
def starts = lines.findIndexValues { it.startsWith('Scanning for projects') }*.intValue()
assert starts.size() == 3
def step = { n -> lines.subList(starts[n - 1], n < starts.size() ? starts[n] : lines.size()) }
def unknown = "The mainline branch is unknown: dataflow.mainBranch is not set, this clone has no origin/HEAD, and it " +
        "has not exactly one of the branches main and master (local or remote-tracking), as in a CI checkout that " +
        "fetched only branch 'feature/x.y'. Dataflow does not guess the mainline, because a wrong guess could change " +
        "what mainline runs. Set it with -Ddataflow.mainBranch=<branch> or <mainBranch>main</mainBranch> in the " +
        "plugin configuration."

// 1: deploy refused, naming -Ddataflow.mainBranch and <mainBranch>, before anything was deployed.
assert step(1).any { it.contains(unknown + ' Nothing was deployed: the registry was not changed.') }
assert step(1).contains('BUILD FAILURE')
assert !step(1).any { it.contains('DEPLOYED AS') }

// 2: verify passed, with the same explanation as a warning.
assert step(2).contains(unknown + ' Verify goes on; dataflow:deploy refuses until it is set.')
assert step(2).contains('-> ./main.sch.yaml\u2026 PASSED')
assert step(2).contains('BUILD SUCCESS')
// What builds 1 and 2 left in the registry (copied before build 3): nothing at all.
assert new File(basedir, 'registry-before-deploy').isDirectory()
assert ItFiles.digests(new File(basedir, 'registry-before-deploy')).isEmpty()

// 3: with -Ddataflow.mainBranch=main the feature deploys under its own branch only.
assert step(3).contains("-> ./pom.xml\u2026 DEPLOYED AS dataflow.jar.ci-job.user.stranger-data.feature-x-y.${commit}.1".toString())
assert step(3).contains('-> ./main.sch.yaml\u2026 DEPLOYED AS ci-checkout@feature-x-y version 1')
assert step(3).contains('BUILD SUCCESS')
def registry = new File(basedir, 'registry')
def keys = ItFiles.digests(registry).keySet()
assert keys.any { it.startsWith('workflows/ci-checkout@feature-x-y/versions/1/') }
assert !keys.any { it.startsWith('workflows/ci-checkout/') } : 'mainline got a version'
assert keys.findAll { it.startsWith('jars/') }.every { it.startsWith('jars/ci-job/user/stranger-data/feature-x-y/') }
// Records only (the log's folder markers and snapshots are bookkeeping).
def activations = keys.findAll { it ==~ /activations\/log\/\d{6}\/\d{12}\.json/ }
assert activations.size() == 1
activations.each { key ->
    assert new JsonSlurper().parse(new File(registry, key)).workflows*.workflowId == ['ci-checkout@feature-x-y']
}
// The sanitized branch is bound to its original name, so feature/x-y can never deploy into the same line.
assert new JsonSlurper().parse(new File(registry, 'branches/user/stranger-data/feature-x-y.json')).branch == 'feature/x.y'
return true
