def log = new File(basedir, 'build.log').getText('UTF-8')
def lines = log.readLines().collect { it.replaceFirst(/^\[(INFO|WARNING)\] /, '') }
def starts = lines.findIndexValues { it.startsWith('Scanning for projects') }*.intValue()
assert starts.size() == 2
def step2 = lines.subList(starts[1], lines.size())

// 1: the environment of master applied, its secret-looking value logged by name only.
assert lines.subList(0, starts[1]).contains(
        'Environment 1 (branches main,master) applies to branch master: DB_PASSWORD=(hidden), TARGET_DB=prod_db.')

// 2: the command line on top; the literal secret-looking value is never logged, and the warning says how to keep
// it out of the rendered workflow.
assert step2.contains('Parameter overrides from the command line: API_TOKEN=(hidden), TARGET_DB=scratch_db.')
assert step2.any { it.startsWith('Parameter API_TOKEN looks secret (*PASSWORD*,*SECRET*,*TOKEN*,*KEY*), but its value '
        + 'is given as text: it is written into the rendered workflow and its immutable bundle.') &&
        it.contains("-Ddataflow.param.API_TOKEN='\${secret:API_TOKEN}'") }
assert !log.contains('literal-token-4711')

// The rendered workflow: the placeholder untouched (only dataflow:run resolves it), the overrides as defaults.
def rendered = new File(basedir, 'target/dataflow/main.sch.rendered.yaml').getText('UTF-8')
assert rendered.contains('DB_PASSWORD: ${secret:DB_PASSWORD}') || rendered.contains('DB_PASSWORD: "${secret:DB_PASSWORD}"')
assert rendered.contains('TARGET_DB: scratch_db')
assert rendered.contains('API_TOKEN: literal-token-4711')
return true
