import groovy.json.JsonSlurper

// The script ends with the report run's rows: the three most watched titles of each country.
def lines = new File(basedir, 'build.log').readLines('UTF-8')
assert lines.any { it.contains('|country_code|title_rank|title_id|view_hours|') }
def countryRanks = lines.collect { it =~ /^\|(BR|DE|JP|US) +\|([123]) +\|\d+ +\|[0-9.]+ *\|$/ }
        .findAll { it.find() }.collect { it.group(1) + it.group(2) }.unique()
assert countryRanks.toSet() == ['BR1', 'BR2', 'BR3', 'DE1', 'DE2', 'DE3', 'JP1', 'JP2', 'JP3', 'US1', 'US2', 'US3'].toSet()

// The main workflow ran once, on this IT's registry, and wrote the day's top 100 titles of 190 countries.
def runs = new File(basedir, 'registry/runs/top-titles.main').listFiles().findAll { it.name.endsWith('.json') }
assert runs.size() == 1
def run = new JsonSlurper().parse(runs[0])
assert run.status == 'SUCCEEDED'
def audit = run.tasks*.audits.flatten().find { it?.function == 'row_count_should_be_between' }
def rows = (audit.message =~ /^(\d+) rows\b/)[0][1] as long
assert rows >= 19_000 && rows <= 19_100
return true
