"""SQLite storage through sqlite-utils: schema, migrations and queries. No Qt."""
