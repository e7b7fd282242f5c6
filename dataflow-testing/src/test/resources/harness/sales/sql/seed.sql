INSERT INTO ${DB}.sales VALUES
  ('apple', 1.0, DATE '${DATE}'), ('apple', 2.0, DATE '${DATE}'), ('pear', 5.0, DATE '${DATE}'),
  ('plum', 1.5, DATE '${DATE}'), ('plum', 9.0, DATE_ADD(DATE '${DATE}', 1));
