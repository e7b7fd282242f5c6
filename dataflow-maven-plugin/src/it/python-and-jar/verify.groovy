import io.dataflow.maven.it.ItGitRepository

def commit = ItGitRepository.head(basedir).substring(0, 8)
def registry = new File(basedir, 'registry')
def id = { type, namespace -> "dataflow.${type}.${namespace}.user.stranger-data.master.${commit}.1".toString() }
def location = { type, namespace, ext ->
    new File(registry, "${type}s/${namespace}/user/stranger-data/master/${commit}/1.${ext}").toPath().toUri().toString() }
def lines = new File(basedir, 'build.log').readLines('UTF-8').collect { it.replaceFirst(/^\[(INFO|WARNING)\] /, '') }
def section = { String heading, int length ->
    int at = lines.indexOf(heading)
    assert at >= 0 : "no '${heading}' in build.log"
    lines.subList(at, at + length)
}

// pytest ran the plain test and skipped the Spark one, saying why.
def tests = section('Testing Python Assets:', 5)
assert tests[1] ==~ /Running Python tests with \S+ \(.+, Python 3\.\d+\.\d+\)/
assert tests[2] == '-> hello_world (hello_world)\u2026 1 passed, 0 failed, 1 skipped'
assert tests[3] ==~ /   SKIPPED \[1\] tests\/test_with_spark\.py:\d+: pyspark is not installed on this machine: install it to run the Spark tests/
assert tests[4] == 'Summary: 1 successful, 0 failed.'

// Every asset, then the workflow using all three.
assert section('Deploying Python Assets:', 3) == ['Deploying Python Assets:',
        "-> ./pyspark-workflow/hello_world/\u2026 DEPLOYED AS ${id('whl', 'hello_world')}".toString(), 'Summary: 1 successful, 0 failed.']
assert section('Deploying SQL Assets:', 3) == ['Deploying SQL Assets:',
        "-> ./pyspark-workflow/sql/daily_orders.sql\u2026 DEPLOYED AS ${id('sql', 'daily_orders')}".toString(), 'Summary: 1 successful, 0 failed.']
assert section('Deploying JAR Assets:', 3) == ['Deploying JAR Assets:',
        "-> ./scala-workflow/pom.xml\u2026 DEPLOYED AS ${id('jar', 'scala-workflow')}".toString(), 'Summary: 1 successful, 0 failed.']
assert section('Deploying Scheduler Workflows:', 3) == ['Deploying Scheduler Workflows:',
        '-> ./pyspark-workflow/main.sch.yaml\u2026 DEPLOYED AS pyspark-workflow version 1', 'Summary: 1 successful, 0 failed.']
def rendered = new File(basedir, 'pyspark-workflow/target/dataflow/main.sch.rendered.yaml').getText('UTF-8')
assert rendered.contains("python: ${location('whl', 'hello_world', 'whl')}")
assert rendered.contains("script: ${location('sql', 'daily_orders', 'sql')}")
assert rendered.contains("jar: ${location('jar', 'scala-workflow', 'jar')}")

// 2: the deployed wheel is listed. 3: the project's components by kind.
int listed = lines.findIndexOf { it == "-> ${id('whl', 'hello_world')}".toString() }
assert listed > 0 && lines[listed + 1] == 'Summary: 1 found.'
assert section('Python Assets:', 9) == ['Python Assets:', '-> ./pyspark-workflow/hello_world/', 'Summary: 1 found.',
        'SQL Assets:', '-> ./pyspark-workflow/sql/daily_orders.sql', 'Summary: 1 found.',
        'JAR Assets:', '-> ./scala-workflow/pom.xml', 'Summary: 1 found.']
assert section('Scheduler Workflows:', 3) == ['Scheduler Workflows:', '-> ./pyspark-workflow/main.sch.yaml  (id pyspark-workflow)', 'Summary: 1 found.']

// The package phase (dataflow:build) built the wheel once; deploy stored that very file.
def wheelName = 'hello_world-0.1.0-py3-none-any.whl'
assert lines.count('Building Python Assets:') == 1
assert section('Building Python Assets:', 4)[2] == "-> hello_world (hello_world)\u2026 built ${wheelName}".toString()
def stored = new File(new URI(location('whl', 'hello_world', 'whl')))
assert stored.bytes == new File(basedir, "pyspark-workflow/target/dataflow/python/hello_world/${wheelName}").bytes

// The wheel FROM THE REGISTRY installs into a fresh virtualenv, offline, and its code runs there.
def wheel = new File(basedir, "wheel/${wheelName}")  // pip needs the wheel's own file name
wheel.parentFile.mkdirs()
wheel.bytes = stored.bytes
def run = { List<String> command ->
    def process = new ProcessBuilder(command).directory(basedir).redirectErrorStream(true).start()
    def output = process.inputStream.getText('UTF-8')
    assert process.waitFor() == 0 : "${command.join(' ')} failed:\n${output}"
    output
}
run(['python3', '-m', 'venv', 'venv'])
run(['venv/bin/python', '-m', 'pip', 'install', '--quiet', '--no-deps', '--no-index', wheel.path])
assert run(['venv/bin/python', '-c', 'from hello_world.job import greeting; print(greeting("registry"))']).trim() == 'hello, registry'
return true
