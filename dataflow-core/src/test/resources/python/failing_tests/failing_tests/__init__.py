def add(a, b):
    return a - b  # the bug the test below catches
