CREATE TABLE IF NOT EXISTS ${TARGET_DB}.results (title_id BIGINT, country_code STRING, hours DOUBLE);
