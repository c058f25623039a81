"""NOC 2021: import a release into SQLite, match letter duties to unit groups, spot copied duties.

Entry points: ``store.import_csv``, ``store.load_catalog`` and ``matcher.NocMatcher``; importing
this package loads nothing heavy, so the CLI starts fast.
"""
