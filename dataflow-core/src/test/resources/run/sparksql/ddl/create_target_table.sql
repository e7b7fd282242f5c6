-- The sample's output: the top 100 titles per country and day, one partition per date.
-- Parameters: TARGET_DB, TARGET_TABLE.
CREATE NAMESPACE IF NOT EXISTS ${TARGET_DB};

CREATE TABLE IF NOT EXISTS ${TARGET_DB}.${TARGET_TABLE} (
  title_id INT COMMENT 'Title ID of the movie or show.',
  country_code STRING COMMENT 'Country code of the playback session.',
  title_rank INT COMMENT 'Rank of a given title in a given country; ties share a rank.',
  view_hours DOUBLE COMMENT 'Total viewing hours of a given title in a given country.',
  date DATE COMMENT 'Playback date.'
)
USING iceberg
PARTITIONED BY (date)
COMMENT 'Example dataset brought to you by Dataflow: the 100 most watched titles per country and day.'
-- Write-Audit-Publish stages each write on a branch; Iceberg honours that only with this property.
TBLPROPERTIES ('write.wap.enabled' = 'true');
