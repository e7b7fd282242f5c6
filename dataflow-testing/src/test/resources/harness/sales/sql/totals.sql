-- Totals of the day; other days stay as they are.
INSERT OVERWRITE ${DB}.totals PARTITION (day = DATE '${DATE}')
SELECT item, SUM(amount) AS amount FROM ${DB}.sales WHERE day = DATE '${DATE}' GROUP BY item;
