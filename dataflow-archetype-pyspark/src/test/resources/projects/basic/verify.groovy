// Runs after 'mvn verify' of the generated project succeeded, in which the plugin built the wheel (package) and
// ran the package's pytest suite (dataflow:test): the project is what the archetype defines, the tests ran once,
// there, and passed (the Spark ones skip with their reason where PySpark is not installed), the wheel holds the
// package without its tests, and scheduler placeholders survived generation.
import java.util.zip.ZipFile

// The generated project is project/<artifactId> beside this script ('basedir' is this script's folder).
def projectDir = binding.hasVariable('projectDir') ? binding.getVariable('projectDir')
        : new File(basedir as File, 'project/top-titles-pyspark')
assert evaluate(new File(basedir as File, '../../GeneratedProject.groovy')).matchesArchetype(basedir as File, projectDir)

def log = new File(projectDir, 'build.log').getText('UTF-8')
def tests = log =~ /-> stranger-pyspark \(stranger-pyspark\)\u2026 (\d+) passed, 0 failed, (\d+) skipped/
assert tests.find() : 'dataflow:test must report the pytest run of stranger-pyspark, with no failure'
assert (tests.group(1) as int) > 0 : 'the tests that need no Spark must run and pass'
assert (tests.group(2) as int) == 0 || log.contains('PySpark is not installed') : 'Spark tests must skip with their reason'
assert log.count('Running Python tests with') == 1 : 'pytest runs once per build'

def main = new File(projectDir, 'main.sch.yaml').text
assert main.contains('id: stranger-data.top-titles-pyspark.main')
assert main.contains('python: ${dataflow.whl.stranger-pyspark}')
assert main.contains('entry: top_titles_job.top_titles')
assert main.contains('- ${TARGET_DB}.${TARGET_TABLE}')
assert !main.contains('symbol_dollar')
def packageDir = new File(projectDir, 'stranger-pyspark')
assert new File(packageDir, 'pyproject.toml').text.contains('name = "top_titles_job"')
assert new File(packageDir, 'tests/mocks/playback_sessions.yaml').text.contains('table: ${SOURCE_DB}.${SOURCE_TABLE}')

// The Spark of the Python tests takes Iceberg from the copy Maven made (spark.jars), never from the network.
assert new File(projectDir, 'target/test-jars').list()?.toList()?.any {
    it.startsWith('iceberg-spark-runtime-4.1_') && it.endsWith('.jar') } : 'verify copies the Iceberg runtime for pytest'
assert !new File(packageDir, 'tests/conftest.py').text.contains('spark.jars.packages')
assert new File(packageDir, 'tests/conftest.py').text.contains('.config("spark.jars", str(iceberg))')

def wheels = new File(projectDir, 'target/dataflow/python').listFiles()?.collectMany { it.listFiles()?.toList() ?: [] }
        ?.findAll { it.name.startsWith('top_titles_job-0.1.0-') && it.name.endsWith('.whl') }
assert wheels?.size() == 1 : 'dataflow:build builds the wheel in the package phase'
def entries = new ZipFile(wheels[0]).withCloseable { zip -> zip.entries().collect { it.name } }
assert entries.containsAll(['top_titles_job/__init__.py', 'top_titles_job/cli.py', 'top_titles_job/top_titles.py'])
assert !entries.any { it.startsWith('tests/') } : 'tests stay out of the wheel'
