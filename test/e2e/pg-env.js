// Points the e2e harness at PostgreSQL; each test file creates and drops its own database there.
process.env.TEST_DATABASE = process.env.TEST_DATABASE || 'postgres';
process.env.TEST_PG_URL = process.env.TEST_PG_URL || 'postgres://postgres@127.0.0.1:5432/test';
