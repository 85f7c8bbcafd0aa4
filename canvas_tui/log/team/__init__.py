"""The team store: every person's records pooled in PostgreSQL, shipped from each local log's outbox.

schema (migrations, roles, row-level security), connection (timeouts, errors without credentials),
dsn (describe and scrub connection strings), shipper (the background outbox sender), reader (TeamLog,
read like the local log, with filters), admin (set up, add a person, forget a person), local_server
(a throwaway PostgreSQL server for tests and benchmarks).
"""
