import io.dataflow.maven.it.ItGitRepository

def commit = ItGitRepository.head(basedir).substring(0, 8)
def id = { n -> "dataflow.jar.scala-workflow.user.stranger-data.master.${commit}.${n}".toString() }
def lines = new File(basedir, 'build.log').readLines('UTF-8').collect { it.replaceFirst(/^\[INFO\] /, '') }

def expectedDeployLines = [
        "-> ./pom.xml\u2026 DEPLOYED AS ${id(1)}",
        "-> ./pom.xml\u2026 UNCHANGED ${id(1)}",
        "-> ./pom.xml\u2026 DEPLOYED AS ${id(2)}",
        "-> ./pom.xml\u2026 DEPLOYED AS ${id(3)}",
]*.toString()
def deployLines = lines.findAll { it.startsWith('-> ./pom.xml\u2026') }
assert deployLines == expectedDeployLines
assert lines.count('Deploying JAR Assets:') == 4
// Each JAR line is followed by its section's summary.
assert lines.findIndexValues { it.startsWith('-> ./pom.xml\u2026') }.every { lines[(int) it + 1] == 'Summary: 1 successful, 0 failed.' }
// Every deploy also releases the workflow; it references no asset, so later deploys reuse version 1.
assert lines.findAll { it.startsWith('-> ./main.sch.yaml\u2026 ') && !it.contains('CREATED') && !it.contains('PASSED') } ==
        ['-> ./main.sch.yaml\u2026 DEPLOYED AS scala-workflow version 1'] + ['-> ./main.sch.yaml\u2026 UNCHANGED scala-workflow version 1'] * 3
// The one module deploys its JAR itself: no line says it will be deployed by another.
assert !lines.any { it.startsWith('JAR scala-workflow will be deployed') }
def sentLines = lines.findAll { it.startsWith('Sent ') }
def registry = 'file://' + new File(basedir, 'registry').absolutePath
// Unchanged and forced builds reuse the stored bytes: nothing is sent again.
assert sentLines.size() == 4
assert sentLines[0] ==~ /Sent [1-9]\d* bytes to \Q${registry}\E\./ && sentLines[3] ==~ /Sent [1-9]\d* bytes to \Q${registry}\E\./
assert sentLines[1] == "Sent 0 bytes to ${registry} (already stored).".toString() && sentLines[2] == sentLines[1]

def listStart = lines.indexOf('Project namespaces with deployed JARS: scala-workflow')
assert listStart >= 0
assert lines.subList(listStart + 1, listStart + 5) == ["-> ${id(3)}", "-> ${id(2)}", "-> ${id(1)}", 'Summary: 3 found.']*.toString()

def componentsStart = lines.indexOf('JAR Assets:')
assert componentsStart >= 0
assert lines.subList(componentsStart, componentsStart + 6) ==
        ['JAR Assets:', '-> ./pom.xml', 'Summary: 1 found.', 'Scheduler Workflows:', '-> ./main.sch.yaml  (id scala-workflow)', 'Summary: 1 found.']

// The registry holds exactly three JARs at their stable, human-readable locations.
def line = new File(basedir, "registry/jars/scala-workflow/user/stranger-data/master/${commit}")
assert (1..3).every { new File(line, "${it}.jar").isFile() }
assert !new File(line, '4.jar').exists()
assert new File(line, '1.jar').bytes == new File(line, '2.jar').bytes
assert new File(line, '1.jar').bytes != new File(line, '3.jar').bytes

// Credentials from settings.xml are read (-X shows the Mojo's serverId) but never printed.
assert lines.any { it.contains('(f) serverId = dataflow') }
assert !lines.any { it.contains('it-secret-key-must-not-leak') }

// maven-deploy-plugin was kept from failing on the missing distributionManagement.
assert lines.any { it.contains('Skipping artifact deployment') }
return true
