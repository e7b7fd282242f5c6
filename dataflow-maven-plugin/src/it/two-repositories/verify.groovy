import io.dataflow.maven.it.ItFiles
import org.eclipse.jgit.api.Git

def where = new Properties()
new File(basedir, 'it-registry.properties').withInputStream { where.load(it) }
def registryUri = where.uri
def registry = new File(where.dir)
def commitA = Git.open(new File(basedir, 'repo-a')).withCloseable { it.repository.resolve('HEAD').name().substring(0, 8) }
def jarA = "dataflow.jar.shared-jobs.user.repo-a.master.${commitA}.1".toString()
def jarALocation = "${registryUri}/jars/shared-jobs/user/repo-a/master/${commitA}/1.jar".toString()

def lines = new File(basedir, 'build.log').readLines('UTF-8').collect { it.replaceFirst(/^\[(INFO|WARNING|ERROR)\] /, '') }
def starts = lines.findIndexValues { it.startsWith('Scanning for projects') }*.intValue()
assert starts.size() == 5
def step = { n -> lines.subList(starts[n - 1], n < starts.size() ? starts[n] : lines.size()) }

// 1: repo-a deploys the namespace first and becomes its owner.
assert step(1).contains("-> ./jobs/pom.xml\u2026 DEPLOYED AS ${jarA}".toString())
assert step(1).contains('-> ./flows/main.sch.yaml\u2026 DEPLOYED AS repo-a.main version 1')
def owner = new groovy.json.JsonSlurper().parse(new File(registry, 'owners/namespaces/shared-jobs.json'))
assert owner.owner == 'user' && owner.repo == 'repo-a'

// 2: repo-b's deploy of the same namespace fails before anything is written, naming the owner and what to do.
def refused = step(2)
assert refused.any {
    it.contains("Namespace 'shared-jobs' (./jobs/pom.xml) belongs to repository user/repo-a (claimed by ") &&
            it.contains('so this repository (other/repo-b) cannot deploy it. Nothing was written to the registry. Give' +
                    ' the asset a namespace of its own, or deploy it from user/repo-a. Workflows of this repository' +
                    ' can still use that repository\'s builds: ${dataflow.jar.shared-jobs}.')
}
assert refused.contains('BUILD FAILURE')
assert !refused.any { it.contains('DEPLOYED AS') }
def before = ItFiles.digests(new File(basedir, 'snapshots/before-refused/registry'))
assert !before.isEmpty()
assert ItFiles.digests(new File(basedir, 'snapshots/after-refused/registry')) == before

// 4: repo-a's workflow still points at its own JAR.
assert step(4).contains('-> ./flows/main.sch.yaml\u2026 PASSED')
assert new File(basedir, 'repo-a/flows/target/dataflow/main.sch.rendered.yaml').getText('UTF-8').contains("jar: ${jarALocation}")

// 5: repo-b may still reference repo-a's namespace: its workflow runs repo-a's JAR.
assert step(5).contains('-> ./flows/main.sch.yaml\u2026 DEPLOYED AS repo-b.main version 1')
assert new File(basedir, 'repo-b/flows/target/dataflow/main.sch.rendered.yaml').getText('UTF-8').contains("jar: ${jarALocation}")
assert !new File(registry, 'jars/shared-jobs/other').exists()
def workflowOwner = new groovy.json.JsonSlurper().parse(new File(registry, 'owners/workflows/repo-b.main.json'))
assert workflowOwner.owner == 'other' && workflowOwner.repo == 'repo-b'
return true
