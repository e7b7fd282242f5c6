// Runs after 'mvn verify' of the generated project succeeded. Until the plugin's dataflow:test runs the
// Python tests itself, this script runs them: pytest on the generated package (the Spark tests skip with
// their reason where PySpark is not installed, everything else must pass), then an offline wheel build.
// It also checks that scheduler placeholders survived generation.

// The generated project is project/<artifactId> beside this script ('basedir' is this script's folder).
def projectDir = binding.hasVariable('projectDir') ? binding.getVariable('projectDir')
        : new File(basedir as File, 'project/top-titles-pyspark')
def packageDir = new File(projectDir, 'stranger-pyspark')

def main = new File(projectDir, 'main.sch.yaml').text
assert main.contains('id: stranger-data.top-titles-pyspark.main')
assert main.contains('python: ${dataflow.whl.stranger-pyspark}')
assert main.contains('entry: top_titles_job.top_titles')
assert main.contains('- ${TARGET_DB}.${TARGET_TABLE}')
assert !main.contains('symbol_dollar')
assert new File(packageDir, 'pyproject.toml').text.contains('name = "top_titles_job"')
assert new File(packageDir, 'src/top_titles_job/top_titles.py').isFile()
assert new File(packageDir, 'tests/mocks/playback_sessions.yaml').text.contains('table: ${SOURCE_DB}.${SOURCE_TABLE}')

def run(List<String> command, File dir, Map<String, String> env = [:]) {
    def builder = new ProcessBuilder(command).directory(dir).redirectErrorStream(true)
    builder.environment().putAll(env)
    def process = builder.start()
    def output = process.inputStream.text
    [process.waitFor(), output]
}

def canRun = { List<String> command -> try { run(command, packageDir)[0] == 0 } catch (IOException e) { false } }
def python = ['python3', '/usr/bin/python3'].find { canRun([it, '-c', 'import pytest, yaml']) }
if (python == null) {
    println 'SKIPPED the pytest run: no python3 here has both pytest and PyYAML.'
} else {
    def (code, output) = run([python, '-m', 'pytest', '-p', 'no:cacheprovider', '-rs', '--color=no'], packageDir,
            [PYTHONPATH: new File(packageDir, 'src').path, PYTHONDONTWRITEBYTECODE: '1'])
    println output
    assert code == 0 : 'pytest failed'
    assert output =~ /\b7 passed\b/ : 'the 7 tests that need no Spark must run and pass'
    def hasPyspark = canRun([python, '-c', 'import pyspark'])
    assert hasPyspark || output.contains('PySpark is not installed') : 'Spark tests must skip with their reason'
}

def wheelPython = ['/usr/bin/python3', 'python3'].find { canRun([it, '-c', 'import setuptools, wheel']) }
if (wheelPython == null) {
    println 'SKIPPED the wheel build: no python3 here has setuptools and wheel.'
} else {
    def wheelDir = new File(projectDir, 'target/wheel')
    def (code, output) = run([wheelPython, '-m', 'pip', 'wheel', '--no-cache-dir', '--no-deps', '--no-build-isolation', '--no-index',
            '-w', wheelDir.path, packageDir.path], projectDir)
    println output
    assert code == 0 : 'the wheel must build offline'
    def wheel = wheelDir.listFiles().find { it.name.startsWith('top_titles_job-0.1.0-') && it.name.endsWith('.whl') }
    assert wheel != null
    def entries = new java.util.zip.ZipFile(wheel).withCloseable { zip -> zip.entries().collect { it.name } }
    assert entries.containsAll(['top_titles_job/__init__.py', 'top_titles_job/cli.py', 'top_titles_job/top_titles.py'])
    assert !entries.any { it.startsWith('tests/') } : 'tests stay out of the wheel'
}
