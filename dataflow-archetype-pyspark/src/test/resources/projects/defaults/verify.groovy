// Only the required Maven properties given: the defaults of the archetype's own properties apply.
def projectDir = binding.hasVariable('projectDir') ? binding.getVariable('projectDir')
        : new File(basedir as File, 'project/my-pipeline')
assert evaluate(new File(basedir as File, '../../GeneratedProject.groovy')).matchesArchetype(basedir as File, projectDir)
def main = new File(projectDir, 'main.sch.yaml').text
assert main.contains('id: my-pipeline.main')
assert main.contains('python: ${dataflow.whl.my-pipeline}') : 'the namespace defaults to the artifactId'
assert main.contains('entry: dataflow_sample.top_titles')
assert new File(projectDir, 'my-pipeline/pyproject.toml').text.contains('name = "dataflow_sample"')
assert new File(projectDir, 'my-pipeline/src/dataflow_sample/top_titles.py').text.contains('from dataflow_sample.cli import parse_args')
