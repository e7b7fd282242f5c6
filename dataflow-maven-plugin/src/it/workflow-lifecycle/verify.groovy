import io.dataflow.maven.it.ItFiles
import org.eclipse.jgit.api.Git

// Commits newest first: B changed the job, A is the initial one.
def commits = Git.open(basedir).withCloseable { git -> git.log().call().collect { it.name().substring(0, 8) } }
assert commits.size() == 2
def (b, a) = commits
// Where this IT's registry is (setup.groovy): its URI as printed, and the directory its objects are stored in.
def where = new Properties()
new File(basedir, 'it-registry.properties').withInputStream { where.load(it) }
def registryUri = where.uri
def registry = new File(where.dir)
def jar = { branch, commit, n -> "dataflow.jar.scala-workflow.user.stranger-data.${branch}.${commit}.${n}".toString() }
def jarLocation = { branch, commit, n -> "${registryUri}/jars/scala-workflow/user/stranger-data/${branch}/${commit}/${n}.jar".toString() }
def sqlSha = ItFiles.sha256(new File(basedir, 'flows/ddl/create.sql'))
def sqlLocation = "${registryUri}/files/${sqlSha}/create.sql".toString()

def lines = new File(basedir, 'build.log').readLines('UTF-8').collect { it.replaceFirst(/^\[(INFO|WARNING)\] /, '') }
// The build.log of each step starts with the Maven banner; split it into the steps' logs.
def starts = lines.findIndexValues { it.startsWith('Scanning for projects') }*.intValue()
assert starts.size() >= 7  // workflow-lifecycle-s3 adds a step of its own
def step = { n -> lines.subList(starts[n - 1], n < starts.size() ? starts[n] : lines.size()) }
def section = { List<String> log, String heading, int length ->
    int at = log.indexOf(heading)
    assert at >= 0 : "no '${heading}' in ${log.join('\n')}"
    log.subList(at, at + length)
}

// 1: verify rendered both workflows with the location the JAR will get; it wrote nothing to the registry.
def afterVerify = new File(basedir, 'snapshots/after-verify')
assert !new File(afterVerify, 'registry').exists()
def renderedByVerify = new File(afterVerify, 'rendered/main.sch.rendered.yaml').getText('UTF-8')
assert renderedByVerify.contains("jar: ${jarLocation('master', a, 1)}")
assert renderedByVerify.contains("script: ${sqlLocation}")
assert renderedByVerify.contains('TARGET_DB: ${TARGET_DB}')  // a runtime parameter passes through
assert new File(afterVerify, 'rendered/daily.sch.rendered.yaml').getText('UTF-8').contains(jarLocation('master', a, 1))
assert step(1).containsAll(['-> ./flows/main.sch.yaml\u2026 PASSED', '-> ./flows/daily.sch.yaml\u2026 PASSED'])
assert !step(1).any { it.contains('DEPLOYED AS') }

// 2, 3: two deploys from master: new JAR builds, new workflow versions.
[[2, a, 1, 1], [3, b, 2, 2]].each { n, commit, build, version ->
    def log = step(n)
    assert section(log, 'Deploying JAR Assets:', 3) == ['Deploying JAR Assets:',
            "-> ./scala-workflow/pom.xml\u2026 DEPLOYED AS ${jar('master', commit, build)}".toString(),
            'Summary: 1 successful, 0 failed.']
    assert section(log, 'Deploying Scheduler Workflows:', 4).toSet() == ['Deploying Scheduler Workflows:',
            "-> ./flows/main.sch.yaml\u2026 DEPLOYED AS stranger-data.main version ${version}".toString(),
            "-> ./flows/daily.sch.yaml\u2026 DEPLOYED AS stranger-data.daily version ${version}".toString(),
            'Summary: 2 successful, 0 failed.'].toSet()
}

// 4: history (version 2 active, each version with its own JAR), rollback, history (version 1 active).
def log4 = step(4)
def histories = log4.findIndexValues { it.startsWith('Workflow stranger-data.main: ') }*.intValue()
assert histories.size() == 2
def beforeRollback = log4.subList(histories[0], histories[1])
assert beforeRollback[0] == 'Workflow stranger-data.main: 2 versions, version 2 active.'
def v2 = beforeRollback.findIndexOf { it ==~ /\* version 2  \S+  by \S+  from master@${b}  ACTIVE/ }
def v1 = beforeRollback.findIndexOf { it ==~ /  version 1  \S+  by \S+  from master@${a}/ }
assert 0 < v2 && v2 < v1
assert beforeRollback.subList(v2, v1).any { it.startsWith("      asset ${jar('master', b, 2)}  sha256 ") }
assert beforeRollback.subList(v1, beforeRollback.size()).any { it.startsWith("      asset ${jar('master', a, 1)}  sha256 ") }
assert beforeRollback.count("      file  flows/ddl/create.sql  sha256 ${sqlSha}".toString()) == 2
assert log4.contains('ROLLED BACK stranger-data.main to version 1 (was version 2) (activation record #3).')
def afterRollback = log4.subList(histories[1], log4.size())
assert afterRollback[0] == 'Workflow stranger-data.main: 2 versions, version 1 active.'
assert afterRollback.any { it ==~ /\* version 1  \S+  by \S+  from master@${a}  ACTIVE/ }
assert afterRollback.any { it ==~ /      rollback \(activation record #3\)  \S+  by \S+/ }
assert afterRollback.contains('Summary: 2 found.')

// The active version's bundle is self-contained and points to the OLD JAR.
def versions = new File(registry, 'workflows/stranger-data.main/versions')
def bundle1 = new File(versions, '1/workflow.sch.rendered.yaml').getText('UTF-8')
assert bundle1.contains("jar: ${jarLocation('master', a, 1)}") && bundle1.contains("script: ${sqlLocation}")
assert new File(versions, '2/workflow.sch.rendered.yaml').getText('UTF-8').contains("jar: ${jarLocation('master', b, 2)}")
def bundledJar1 = new File(versions, "1/assets/${jar('master', a, 1)}.jar")
assert bundledJar1.bytes == new File(registry, "jars/scala-workflow/user/stranger-data/master/${a}/1.jar").bytes
assert new File(versions, '1/files/flows/ddl/create.sql').text == new File(basedir, 'flows/ddl/create.sql').text

// The DAG picture: verify drew it beside the rendered file, every version's bundle holds the same one (main.sch.yaml
// never changed), and history says where it is.
def picture = new File(basedir, 'flows/target/dataflow/main.svg')
def pictureTexts = javax.xml.parsers.DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(picture)
        .getElementsByTagName('text').with { nodes -> (0..<nodes.length).collect { nodes.item(it).textContent } }
assert pictureTexts.containsAll(['stranger-data.main', 'ddl', 'Spark \u00b7 SQL', 'write', 'Spark \u00b7 JAR'])
assert new File(afterVerify, 'rendered/main.svg').bytes == picture.bytes
[1, 2].each { assert new File(versions, "${it}/workflow.svg").bytes == picture.bytes }
assert beforeRollback.findAll { it.startsWith('      picture ') } == [2, 1].collect {
    "      picture ${registryUri}/workflows/stranger-data.main/versions/${it}/workflow.svg".toString() }

// 5: the feature branch deploys its own JAR line and branch-scoped workflows.
def log5 = step(5)
assert section(log5, 'Deploying JAR Assets:', 2)[1] ==
        "-> ./scala-workflow/pom.xml\u2026 DEPLOYED AS ${jar('feature-x', b, 1)}".toString()
assert section(log5, 'Deploying Scheduler Workflows:', 4).toSet() == ['Deploying Scheduler Workflows:',
        '-> ./flows/main.sch.yaml\u2026 DEPLOYED AS stranger-data.main@feature-x version 1',
        '-> ./flows/daily.sch.yaml\u2026 DEPLOYED AS stranger-data.daily@feature-x version 1',
        'Summary: 2 successful, 0 failed.'].toSet()
assert new File(basedir, 'flows/target/dataflow/main.sch.rendered.yaml').getText('UTF-8')
        .contains("jar: ${jarLocation('feature-x', b, 1)}")
// Nothing of mainline changed: every file the registry held before is still there, byte for byte.
def beforeFeature = new File(basedir, 'snapshots/before-feature/registry')
def before = ItFiles.digests(beforeFeature)
def after = ItFiles.digests(registry)
assert !before.isEmpty()
before.each { path, digest -> assert after[path] == digest : path }
assert after.keySet().findAll { !before.containsKey(it) }.every {
    it.startsWith('jars/scala-workflow/user/stranger-data/feature-x/') || it.startsWith('workflows/stranger-data.main@feature-x/') ||
            it.startsWith('workflows/stranger-data.daily@feature-x/') || it.startsWith('activations/') ||
            it == 'branches/user/stranger-data/feature-x.json'  // the branch's name, bound to it by its first deploy
}

// 6: mainline's main is still at the rolled-back version 1; the branch-scoped ids are listed beside it.
def log6 = step(6)
def deployed = section(log6, 'Deployed workflows:', 6)
assert deployed[1..4].collect { it.replaceAll(/since \S+,/, 'since T,') } == [
        '-> stranger-data.daily  active version 2 since T, newest version 2',
        '-> stranger-data.daily@feature-x  active version 1 since T, newest version 1',
        '-> stranger-data.main  active version 1 since T, newest version 2',
        '-> stranger-data.main@feature-x  active version 1 since T, newest version 1']
assert deployed[5] == 'Summary: 4 found.'
assert log6.contains('Workflow stranger-data.main: 2 versions, version 1 active.')

// 7: JSON history of the branch-scoped workflow.
def log7 = step(7)
def json = new groovy.json.JsonSlurper().parseText(log7.subList(log7.indexOf('{'), log7.lastIndexOf('}') + 1).join('\n'))
assert json.schema == 'dataflow.history/2'
assert json.workflowId == 'stranger-data.main@feature-x'
assert json.activeVersion == 1
assert json.versions.size() == 1
assert json.versions[0].branch == 'feature/x'
assert json.versions[0].assets*.uuid == [jar('feature-x', b, 1)]
assert json.versions[0].assets[0].location == jarLocation('feature-x', b, 1)
assert json.versions[0].files*.path == ['flows/ddl/create.sql']
assert json.versions[0].picture == "${registryUri}/workflows/stranger-data.main@feature-x/versions/1/workflow.svg".toString()

// 8 (9 on S3): check-registry read every byte back and found what the steps above wrote, nothing damaged, no garbage.
def checked = lines.findIndexOf { it.startsWith("Checked registry ${registryUri}") && it.endsWith(' (read-only):') }
assert checked > 0 : lines.findAll { it.startsWith('Checked registry') }
assert lines.subList(checked + 1, checked + 7) == [
        '-> 3 asset build(s): bytes match their sha256 and size, or are reported below',
        '-> 6 workflow version(s): bundles match their manifests, or are reported below',
        '-> 4 activation record(s) read',
        '-> 5 ownership record(s) read (namespaces, workflow ids, branch names, Maestro versions)',
        '-> 1 shared $S3{} file(s): bytes match the sha256 in their key, or are reported below',
        'Summary: 0 damaged, corrupt or missing record(s), 0 orphan(s) (0 removable with -Ddataflow.repair), 0 version(s) never activated.']
return true
