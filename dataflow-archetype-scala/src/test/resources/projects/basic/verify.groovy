// Runs after 'mvn verify' of the generated project succeeded: the project is what the archetype defines, the
// Scala tests really ran on Spark (none skipped), the job JAR holds only this project's code, and scheduler
// placeholders survived generation.
import java.util.zip.ZipFile

// The generated project is project/<artifactId> beside this script ('basedir' is this script's folder).
def projectDir = binding.hasVariable('projectDir') ? binding.getVariable('projectDir')
        : new File(basedir as File, 'project/top-titles-scala')
def generated = evaluate(new File(basedir as File, '../../GeneratedProject.groovy'))
assert generated.matchesArchetype(basedir as File, projectDir)
assert generated.allJvmTestsPassed(projectDir)

def jar = new File(projectDir, 'target/top-titles-scala-1.0.0-SNAPSHOT.jar')
assert jar.isFile()
def entries = new ZipFile(jar).withCloseable { zip -> zip.entries().collect { it.name } }
assert entries.contains('com/example/analytics/toptitles/TopTitles.class')
assert !entries.any { it.startsWith('org/apache/spark/') || it.startsWith('scala/') } : 'Spark and Scala must stay provided'
assert jar.length() < 1_000_000
// Reproducible: every entry carries project.build.outputTimestamp, so unchanged code gives identical bytes.
def times = new ZipFile(jar).withCloseable { zip -> zip.entries().collect { it.lastModifiedTime.toInstant().toString() } as Set }
assert times == ['2024-01-01T00:00:00Z'] as Set : "entry times ${times}"

def main = new File(projectDir, 'main.sch.yaml').text
assert main.contains('id: stranger-data.top-titles-scala.main')
assert main.contains('jar: ${dataflow.jar.stranger-scala}')
assert main.contains('main_class: com.example.analytics.toptitles.TopTitles')
assert main.contains('- ${TARGET_DB}.${TARGET_TABLE}')
assert !main.contains('symbol_dollar')
assert new File(projectDir, 'pom.xml').text.contains('<namespace>stranger-scala</namespace>')
assert new File(projectDir, '.gitignore').isFile()
assert new File(projectDir, 'src/test/scala/com/example/analytics/toptitles/SamplePipelineTest.scala').text
        .contains('.jar("stranger-scala", TopTitles.getClass)')
