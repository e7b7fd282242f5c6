-- Sample only: deterministic synthetic playback sessions for one day, no external data. Rerunning it
-- rewrites the same rows. 190 countries x 150 titles x 3 sessions; about 1% of the sessions have no
-- title and about 1% a non-positive duration, as real feeds do, so the transformation has something to drop.
-- Parameters: SOURCE_DB, SOURCE_TABLE, DATE (yyyy-MM-dd).
INSERT OVERWRITE ${SOURCE_DB}.${SOURCE_TABLE} PARTITION (date = DATE '${DATE}')
SELECT
  CASE WHEN pmod(session_hash, 97) = 0 THEN NULL ELSE title_id END AS title_id,
  country_code,
  CASE
    WHEN pmod(session_hash, 89) = 0 THEN -CAST(pmod(session_hash, 3) AS DOUBLE)
    -- A title's popularity (same everywhere) times a per-country, per-session factor.
    ELSE ROUND(popularity * (0.5 + pmod(session_hash, 1000) / 1000.0), 2)
  END AS view_hours
FROM (
  SELECT
    title_id,
    country_code,
    10.0 + pmod(xxhash64(title_id, '${DATE}'), 500) AS popularity,
    xxhash64(title_id, country_code, session, '${DATE}') AS session_hash
  FROM (SELECT id AS title_id FROM range(1001, 1151))
  CROSS JOIN (SELECT explode(array(
    'US', 'CA', 'MX', 'BR', 'AR', 'CL', 'CO', 'PE', 'VE', 'EC', 'BO', 'PY', 'UY', 'GY', 'SR', 'GT',
    'HN', 'SV', 'NI', 'CR', 'PA', 'CU', 'DO', 'JM', 'HT', 'TT', 'BS', 'BB', 'BZ', 'AG', 'DM', 'GD',
    'KN', 'LC', 'VC', 'GB', 'IE', 'FR', 'DE', 'NL', 'BE', 'LU', 'CH', 'AT', 'IT', 'ES', 'PT', 'DK',
    'NO', 'SE', 'FI', 'IS', 'PL', 'CZ', 'SK', 'HU', 'RO', 'BG', 'GR', 'HR', 'SI', 'RS', 'BA', 'ME',
    'MK', 'AL', 'EE', 'LV', 'LT', 'UA', 'MD', 'BY', 'MT', 'CY', 'TR', 'IL', 'JO', 'LB', 'SA', 'AE',
    'QA', 'KW', 'BH', 'OM', 'YE', 'IQ', 'EG', 'MA', 'TN', 'DZ', 'LY', 'SD', 'NG', 'GH', 'CI', 'SN',
    'CM', 'KE', 'TZ', 'UG', 'RW', 'ET', 'ZA', 'NA', 'BW', 'ZM', 'ZW', 'MZ', 'MW', 'AO', 'MG', 'MU',
    'IN', 'PK', 'BD', 'LK', 'NP', 'BT', 'MV', 'JP', 'KR', 'TW', 'HK', 'MO', 'CN', 'MN', 'SG', 'MY',
    'TH', 'VN', 'PH', 'ID', 'KH', 'LA', 'MM', 'BN', 'TL', 'AU', 'NZ', 'FJ', 'PG', 'SB', 'VU', 'WS',
    'TO', 'KI', 'FM', 'MH', 'PW', 'NR', 'TV', 'KZ', 'UZ', 'KG', 'TJ', 'TM', 'AZ', 'GE', 'AM', 'AF',
    'IR', 'SY', 'PS', 'ML', 'NE', 'TD', 'BF', 'BJ', 'TG', 'GM', 'GN', 'GW', 'SL', 'LR', 'MR', 'CV',
    'ST', 'GQ', 'GA', 'CG', 'CD', 'CF', 'SS', 'ER', 'DJ', 'SO', 'KM', 'SC', 'LS', 'SZ'
  )) AS country_code)
  CROSS JOIN (SELECT explode(sequence(1, 3)) AS session)
);
