/**
 * The one kit of the e2e suites: import everything from here.
 * - harness: the real app on a fresh database per file (useTestApp, startTestApp), tokens, the error body, the
 *   application's day for one test (setToday);
 * - instances: several instances of the app on one fresh database, as several processes (startTestInstances);
 * - database: the fresh database of a file (SQLite or PostgreSQL), the test configuration, raw SQL (sql), the row
 *   count of every table (tableCounts);
 * - http: the API under /api/v1 with a token, a body and an Idempotency-Key (apiClient);
 * - workflows: a workflow's history, verify and footprint;
 * - membership: collaborations and membership events for a party (record, accept, refuse, read);
 * - decisions: attendees, valid paragraphs, signature bodies, and bodies, meetings and protocol steps (decisionKit);
 * - fixtures: the Mellerud paragraph of the demo data (src/seed);
 * - areas: collaboration areas, their documents and participation decisions (areaKit);
 * - openapi: the OpenAPI document and real answers checked against it (ResponseValidator);
 * - web: the pages as a signed-in person sees them (webSession, sessionOf, signIn), cookies, CSRF tokens, hidden
 *   fields and form bodies (cookieOf, csrfOf, hiddenOf, formBody), the clerk's meeting and paragraph forms
 *   (attendanceFields, paragraphFields).
 */
export * from './harness';
export * from './instances';
export * from './database';
export * from './http';
export * from './workflows';
export * from './membership';
export * from './decisions';
export * from './fixtures';
export * from './pdf';
export * from './areas';
export * from './openapi';
export * from './web';
