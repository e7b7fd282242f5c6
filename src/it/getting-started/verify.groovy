// What the page promises, read back from the reader's home directory after every command block ran.
def log = new File(basedir, 'build.log').getText('UTF-8')
assert log.contains('All command blocks of docs/getting-started.md ran.')
assert log.contains('scripts/run-sample.sh ran again.')

// The README's main job printed the three most watched titles of each of its countries.
def countryRanks = log.readLines().collect { it =~ /^\|(BR|DE|JP|US) +\|([123]) +\|\d+ +\|[0-9.]+ *\|$/ }
        .findAll { it.find() }.collect { it.group(1) + it.group(2) }.unique()
assert countryRanks.toSet() == ['BR1', 'BR2', 'BR3', 'DE1', 'DE2', 'DE3', 'JP1', 'JP2', 'JP3', 'US1', 'US2', 'US3'].toSet()

// archetype:generate (step 1, and inside the script) printed no warning.
assert !log.contains("Don't override file")
assert !log.contains('was not specified')

def registry = new File(basedir, 'reader/home/.dataflow/registry')
def versions = { String id -> (new File(registry, "workflows/$id/versions").list() ?: []) as Set }
// Step 4 released version 1 of each workflow, step 6 version 2 of main (a changed SQL file); step 8 a branch id.
assert versions('top-titles.main') == ['1', '2'] as Set
assert versions('top-titles.daily').contains('1')
assert versions('top-titles.main@feature-top-10') == ['1'] as Set
assert versions('top-titles-demo.main') == ['1'] as Set
// Step 7 rolled back to version 1, then asked for version 1 again: nothing changed the second time.
assert log.contains('ROLLED BACK top-titles.main to version 1 (was version 2)')
assert log.contains('top-titles.main version 1 is already active; nothing changed.')
// Steps 5 and 6 ran main twice, the script once more (its own workflow id).
def runs = new File(registry, 'runs/top-titles.main').listFiles().findAll { it.name.endsWith('.json') }
assert runs.size() == 2
assert log.contains('Runs of workflow top-titles.main')
// Step 6: the plan before the second deploy named exactly what that deploy then did.
assert log.readLines().any { it.contains('top-titles.main') && it.contains('new version 2') }

// Step 8: the listings, the integrity check and the Maestro export.
assert log.contains('-> ./main.sch.yaml  (id top-titles.main)')
assert log.readLines().any { it ==~ /.*-> top-titles\.main  active version 1 since \S+, newest version 2/ }
assert log.contains('Summary: 0 damaged, corrupt or missing record(s)')
assert new File(basedir, 'reader/home/dataflow-walkthrough/top-titles/target/dataflow/maestro/top-titles.main.yaml').isFile()
return true
