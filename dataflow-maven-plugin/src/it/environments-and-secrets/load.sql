SELECT '${TARGET_DB}', sha2('${PASSWORD}', 256), sha2('${TOKEN}', 256);
