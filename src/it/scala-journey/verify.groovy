import groovy.json.JsonSlurper
import java.security.MessageDigest

def NAMESPACE = 'e2e-scala'
def MAIN = 'e2e.scala-titles.main'
def project = new File(basedir, 'scala-titles')
def registry = new File(basedir, 'registry')
def registryUri = registry.toPath().toUri().toString().replaceFirst(/\/$/, '')
def commit = ['git', '-C', project.path, 'rev-parse', '--short=8', 'HEAD'].execute().text.trim()
assert commit ==~ /[0-9a-f]{8}/

// 3: the JAR is an asset build of the project's git state; the workflow version references its registry location.
def lines = new File(basedir, 'build.log').readLines('UTF-8').collect { it.replaceFirst(/^\[INFO\] /, '') }
def uuid = "dataflow.jar.${NAMESPACE}.example.scala-titles.main.${commit}.1".toString()
assert lines.any { it.endsWith("DEPLOYED AS ${uuid}") }
assert lines.contains("-> ./main.sch.yaml\u2026 DEPLOYED AS ${MAIN} version 1".toString())
def jar = new File(registry, "jars/${NAMESPACE}/example/scala-titles/main/${commit}/1.jar")
assert jar.isFile()
def rendered = new File(project, 'target/dataflow/main.sch.rendered.yaml').getText('UTF-8')
assert rendered.contains("jar: ${registryUri}/jars/${NAMESPACE}/example/scala-titles/main/${commit}/1.jar")
assert !rendered.contains('${dataflow.')

// 4: the run executed exactly that JAR, from the bundle, and wrote the day's top titles.
def runs = new File(registry, "runs/${MAIN}").listFiles().findAll { it.name.endsWith('.json') }
assert runs.size() == 1
def run = new JsonSlurper().parse(runs[0])
assert run.status == 'SUCCEEDED' && run.parameters.DATE == '2024-03-01'
def asset = run.bundles[0].assets[0]
assert asset.uuid == uuid
assert asset.sha256 == MessageDigest.getInstance('SHA-256').digest(jar.bytes).encodeHex().toString()
def audit = run.tasks*.audits.flatten().find { it?.function == 'row_count_should_be_between' }
def rows = (audit.message =~ /^(\d+) rows\b/)[0][1] as long
assert rows >= 19_000 && rows <= 19_100
return true
