-- Fails unless both secrets arrive with their real values; only their sha256 are written here. The runner prints the
-- row, where the token must show as its placeholder.
SELECT
  assert_true(sha2('${PASSWORD}', 256) = '428e68ee723dc8d5d2e2f29a4cc8ede19e0cb660a3e9193ab00c16b8724fa496') AS password_checked,
  assert_true(sha2('${TOKEN}', 256) = 'cd8b04be2ea8cd0a1f87a1d07dac1e7b47b32435944a56db8ffe2f9df23097b8') AS token_checked,
  '${TOKEN}' AS token_as_printed;
