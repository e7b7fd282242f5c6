-- The transformation: the 100 most watched titles per country on one day, written over that day's
-- partition of the target table (other days are untouched; rerunning a day replaces it).
-- Parameters: SOURCE_DB, SOURCE_TABLE, TARGET_DB, TARGET_TABLE, DATE (yyyy-MM-dd).
WITH viewing_by_title_country AS (
  -- Step 1: the day's viewing time per title and country, ignoring sessions with no title or no time.
  SELECT
    title_id,
    country_code,
    SUM(view_hours) AS view_hours
  FROM ${SOURCE_DB}.${SOURCE_TABLE}
  WHERE date = DATE '${DATE}'
    AND title_id IS NOT NULL
    AND view_hours > 0
  GROUP BY title_id, country_code
),
ranked AS (
  -- Step 2: rank titles from most to least watched in every country; ties share a rank.
  SELECT
    title_id,
    country_code,
    view_hours,
    RANK() OVER (PARTITION BY country_code ORDER BY view_hours DESC) AS title_rank
  FROM viewing_by_title_country
)
-- Step 3: keep the top 100 (more when titles tie for the 100th place).
INSERT OVERWRITE ${TARGET_DB}.${TARGET_TABLE} PARTITION (date = DATE '${DATE}')
SELECT title_id, country_code, title_rank, view_hours
FROM ranked
WHERE title_rank <= 100;
