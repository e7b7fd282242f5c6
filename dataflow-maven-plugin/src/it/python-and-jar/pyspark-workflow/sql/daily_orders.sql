INSERT OVERWRITE ${TARGET_DB}.daily_orders SELECT order_date, count(*) FROM ${TARGET_DB}.orders GROUP BY order_date;
