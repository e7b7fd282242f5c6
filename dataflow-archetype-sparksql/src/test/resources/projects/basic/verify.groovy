// Runs after 'mvn verify' of the generated project succeeded: the project is what the archetype defines, its
// tests really ran on Spark (none skipped), and scheduler placeholders survived generation.
// The generated project is project/<artifactId> beside this script ('basedir' is this script's folder).
def projectDir = binding.hasVariable('projectDir') ? binding.getVariable('projectDir')
        : new File(basedir as File, 'project/top-titles-sql')
def generated = evaluate(new File(basedir as File, '../../GeneratedProject.groovy'))
assert generated.matchesArchetype(basedir as File, projectDir)
assert generated.allJvmTestsPassed(projectDir)

def main = new File(projectDir, 'main.sch.yaml').text
assert main.contains('id: stranger-data.top-titles-sql.main')
assert main.contains('TARGET_DB: dataflow_sample_jdoe')
assert main.contains('TARGET_DB: ${TARGET_DB}')
assert main.contains('script: $S3{./src/main/sql/top_titles_write.sql}')
assert main.contains("where: date = DATE '\${DATE}'")
assert new File(projectDir, 'daily.sch.yaml').text.contains('DATE: ${date}')
assert new File(projectDir, '.gitignore').isFile()
assert new File(projectDir, 'src/test/java/com/example/analytics/toptitles/SamplePipelineTest.java').text
        .contains('String TARGET = "${TARGET_DB}.${TARGET_TABLE}"')
