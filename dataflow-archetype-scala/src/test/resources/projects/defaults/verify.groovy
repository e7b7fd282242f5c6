// Only the required Maven properties given: the defaults of the archetype's own properties apply.
def projectDir = binding.hasVariable('projectDir') ? binding.getVariable('projectDir')
        : new File(basedir as File, 'project/my-pipeline')
assert evaluate(new File(basedir as File, '../../GeneratedProject.groovy')).matchesArchetype(basedir as File, projectDir)
def main = new File(projectDir, 'main.sch.yaml').text
assert main.contains('id: my-pipeline.main')
assert main.contains('jar: ${dataflow.jar.my-pipeline}') : 'the namespace defaults to the artifactId'
assert main.contains('main_class: org.example.TopTitles')
assert main.contains('TARGET_DB: dataflow_sample_dataflow')
assert new File(projectDir, 'pom.xml').text.contains('<namespace>my-pipeline</namespace>')
assert new File(projectDir, 'src/main/scala/org/example/TopTitles.scala').text.startsWith('package org.example')
