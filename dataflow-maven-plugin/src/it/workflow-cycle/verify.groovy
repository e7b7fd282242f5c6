import io.dataflow.maven.it.ItFiles

def log = new File(basedir, 'build.log').getText('UTF-8')
def workflow = new File(basedir, 'main.sch.yaml').canonicalPath
// The problem names the file, the line of the closing edge and the cycle, in both failed builds.
def problem = "${workflow}:5:7: the dag has a cycle: extract -> load -> extract; remove one of these edges so the " +
        "jobs can run in order."
assert log.contains(':test (dataflow-test)') && log.contains(':deploy (default-cli)')
assert log.count(problem) >= 2
assert log.count('BUILD FAILURE') == 2
assert log.count('Deploying Scheduler Workflows:') == 1  // only the good first deploy

// The failed builds left the registry byte-identical to what the good deploy stored.
def before = ItFiles.digests(new File(basedir, 'registry-before'))
assert before.keySet().any { it.startsWith('workflows/scala-workflow/versions/1/') }
assert ItFiles.digests(new File(basedir, 'registry')) == before
return true
