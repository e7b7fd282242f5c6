-- Totals per title; the ';' in this comment and in 'a;b' must not split statements.
CREATE NAMESPACE IF NOT EXISTS ${TARGET_DB};
SELECT title_id, country_code, SUM(view_hours) AS view_hours
FROM ${SOURCE_DB}.views
WHERE date = DATE '${DATE}' AND title_id IS NOT NULL AND 'a;b' <> ''
GROUP BY title_id, country_code
