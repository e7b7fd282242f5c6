// Only the required Maven properties given: the defaults of the archetype's own properties apply.
def projectDir = binding.hasVariable('projectDir') ? binding.getVariable('projectDir')
        : new File(basedir as File, 'project/my-pipeline')
assert evaluate(new File(basedir as File, '../../GeneratedProject.groovy')).matchesArchetype(basedir as File, projectDir)
def main = new File(projectDir, 'main.sch.yaml').text
assert main.contains('id: my-pipeline.main')
assert main.contains('TARGET_DB: dataflow_sample_dataflow')
assert main.contains('owner: dataflow')
assert new File(projectDir, 'daily.sch.yaml').text.contains('workflow: my-pipeline.main')
assert new File(projectDir, 'src/test/java/org/example/TopTitlesWriteTest.java').text.startsWith('package org.example;')
