-- Sample only: the playback table the transformation reads. A real pipeline reads an existing table;
-- delete this file and the source_ddl/sample_data jobs of main.sch.yaml then.
-- Parameters: SOURCE_DB, SOURCE_TABLE.
CREATE NAMESPACE IF NOT EXISTS ${SOURCE_DB};

CREATE TABLE IF NOT EXISTS ${SOURCE_DB}.${SOURCE_TABLE} (
  title_id INT COMMENT 'Title ID of the movie or show; NULL when the client did not report it.',
  country_code STRING COMMENT 'Country code of the playback session.',
  view_hours DOUBLE COMMENT 'Hours viewed in the session; corrections can be zero or negative.',
  date DATE COMMENT 'Playback date.'
)
USING iceberg
PARTITIONED BY (date)
COMMENT 'Synthetic playback sessions for the Dataflow sample.';
