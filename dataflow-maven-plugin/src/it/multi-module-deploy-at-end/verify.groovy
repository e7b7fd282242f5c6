import io.dataflow.maven.it.ItGitRepository

def commit = ItGitRepository.head(basedir).substring(0, 8)
def lines = new File(basedir, 'build.log').readLines('UTF-8').collect { it.replaceFirst(/^\[INFO\] /, '') }

// Modules only collect; the last module of the reactor (pyspark-workflow) deploys everything at once.
def start = lines.indexOf('Deploying JAR Assets:')
assert start >= 0 && lines.count('Deploying JAR Assets:') == 2
def firstRun = lines.subList(0, start)
assert firstRun.count('JAR scala-workflow will be deployed by the last module that runs dataflow:deploy.') == 1
assert firstRun.count('JAR other-job will be deployed by the last module that runs dataflow:deploy.') == 1
assert lines.subList(start, start + 4) == [
        'Deploying JAR Assets:',
        "-> ./scala-workflow/pom.xml\u2026 DEPLOYED AS dataflow.jar.scala-workflow.user.stranger-data.master.${commit}.1",
        "-> ./other-job/pom.xml\u2026 DEPLOYED AS dataflow.jar.other-job.user.stranger-data.master.${commit}.1",
        'Summary: 2 successful, 0 failed.']*.toString()
def parallel = lines.lastIndexOf('Deploying JAR Assets:')
assert parallel > start && lines.subList(parallel, parallel + 4) == [
        'Deploying JAR Assets:',
        "-> ./scala-workflow/pom.xml\u2026 UNCHANGED dataflow.jar.scala-workflow.user.stranger-data.master.${commit}.1",
        "-> ./other-job/pom.xml\u2026 UNCHANGED dataflow.jar.other-job.user.stranger-data.master.${commit}.1",
        'Summary: 2 successful, 0 failed.']*.toString()
// The skipped module contributes nothing: only scala-workflow's workflow is released, by the same last module.
assert lines.count('-> ./scala-workflow/main.sch.yaml\u2026 DEPLOYED AS scala-workflow version 1') == 1
assert lines.count('-> ./scala-workflow/main.sch.yaml\u2026 UNCHANGED scala-workflow version 1') == 1
assert !lines.any { it.startsWith('-> ./pyspark-workflow/main.sch.yaml\u2026') }
def deployAt = firstRun.findLastIndexOf { it.contains(':deploy (dataflow-deploy) @ ') }
assert lines[deployAt].endsWith('@ pyspark-workflow ---')
assert lines[deployAt + 1] == 'Skipping dataflow:deploy (dataflow.skip).'

// dataflow:list reads each module's own configuration (<namespace>) in that module's execution, and lists what
// deploy deploys: the skipped module contributes nothing.
def components = lines.indexOf('JAR Assets:')
assert lines.subList(components, components + 7) == [
        'JAR Assets:', '-> ./scala-workflow/pom.xml', '-> ./other-job/pom.xml', 'Summary: 2 found.',
        'Scheduler Workflows:', '-> ./scala-workflow/main.sch.yaml  (id scala-workflow)', 'Summary: 1 found.']
assert lines.count('Skipping dataflow:list-module (dataflow.skip).') == 1

def registry = new File(basedir, 'registry/jars')
assert new File(registry, "scala-workflow/user/stranger-data/master/${commit}/1.jar").isFile()
assert new File(registry, "other-job/user/stranger-data/master/${commit}/1.jar").isFile()

// 4: dataflow:runs ran once, in the root, and the other modules were not listed as SKIPPED.
def runsStart = lines.indexOf('Runs of workflow scala-workflow:')
assert runsStart > 0
assert lines.subList(runsStart, lines.size()).every { !it.contains('SKIPPED') }
assert !lines.subList(runsStart, lines.size()).any { it.startsWith('Reactor Summary') }
return true
