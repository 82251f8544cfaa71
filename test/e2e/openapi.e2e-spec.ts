import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createKeyFile } from '../../src/checkpoint/key-file';
import { ALG_ED25519 } from '../../src/checkpoint/note';
import {
  apiClient,
  openApiDocument,
  operations,
  ResponseValidator,
  useTestApp,
  type OpenApiDocument,
  type OpenApiOperation,
} from './kit';

const ORIGIN = 'samverkan.example/openapi';

// Issue 12 §8: the OpenAPI document describes every success response with its schema, so that a typed client can be
// generated from it. The first tests read the document alone; the last one calls every GET of the API on the demo
// data, with the ids found in earlier answers, and checks each real answer against its documented schema.
describe('the OpenAPI document', () => {
  // A key of the suite's own, so that checkpoints can be signed.
  const keyFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'svk-openapi-')), 'checkpoint.key');
  const ctx = useTestApp({ seed: 'demo', config: { CHECKPOINT_KEY_FILE: keyFile, CHECKPOINT_ORIGIN: ORIGIN } });
  const api = apiClient(ctx);
  let doc: OpenApiDocument;
  let validator: ResponseValidator;

  beforeAll(async () => {
    createKeyFile(keyFile, ORIGIN, ALG_ED25519);
    doc = await openApiDocument(ctx);
    validator = new ResponseValidator(doc);
  });

  const apiOperations = () => operations(doc).filter(([, path]) => path.startsWith('/api/v1/'));
  const successOf = (op: OpenApiOperation) => Object.keys(op.responses).filter((s) => /^2\d\d$/.test(s));

  it('every operation documents its success status, with a schema for each media type it answers in', () => {
    const problems: string[] = [];
    for (const [method, path, op] of apiOperations()) {
      const success = successOf(op);
      if (!success.length) problems.push(`${method} ${path}: success statuses ${JSON.stringify(success)}`);
      for (const status of success) {
        if (status === '204') continue;
        const content = op.responses[status].content ?? {};
        if (!Object.keys(content).length) problems.push(`${method} ${path} ${status}: no content`);
        for (const [media, { schema }] of Object.entries(content))
          if (!schema) problems.push(`${method} ${path} ${status} ${media}: no schema`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('operation ids are unique, so a generated client gets one method per operation', () => {
    const ids = apiOperations().map(([, , op]) => op.operationId);
    expect(ids.every(Boolean)).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('every $ref points at a schema the document declares, and every response schema compiles', () => {
    const refs = new Set<string>();
    const walk = (node: unknown): void => {
      if (Array.isArray(node)) return node.forEach(walk);
      if (!node || typeof node !== 'object') return;
      for (const [k, v] of Object.entries(node)) k === '$ref' && typeof v === 'string' ? refs.add(v) : walk(v);
    };
    walk(doc);
    const unresolved = [...refs].filter((ref) => {
      const match = /^#\/components\/schemas\/(.+)$/.exec(ref);
      return !match || !(match[1] in doc.components.schemas);
    });
    expect(unresolved).toEqual([]);
    for (const [method, path, op] of apiOperations())
      for (const [status, response] of Object.entries(op.responses))
        for (const [media, { schema }] of Object.entries(response.content ?? {}))
          expect(() => validator.compile(schema)).not.toThrow(`${method} ${path} ${status} ${media}`);
  });

  it('every GET answers on the demo data as its schema says (ids taken from earlier answers)', async () => {
    // Writes first, so that the reads that need them have something to read: two signed checkpoints, with the log
    // grown between them (a collaboration of its own), and a verify job.
    expect((await api.post('/checkpoints', {})).status).toBeLessThan(300);
    const grown = await api.post('/collaborations', {
      slug: 'openapi-las',
      name: 'Läsprovssamverkan',
      parties: ['1460', '1438'],
      declarationVersion: 'v1',
      declarationEffectiveDate: '2025-01-01',
    });
    expect(grown.status).toBe(201);
    // What the demo data has none of: a person who signs in, an amendment, an operational plan.
    const writes = [
      api.post('/persons', {
        userName: 'las.prov',
        name: 'Läs Prov',
        role: 'auditor',
        password: 'korrekt häst batteri',
      }),
      api.post('/collaborations/dalslandssamverkan/amendments', {
        title: 'Ändring av §11',
        version: 'openapi-1',
        text: 'Avsiktsförklaringen ändras (openapi).',
      }),
      api.post('/collaborations/dalslandssamverkan/plans', {
        title: 'Verksamhetsplan 2025',
        draftedOn: '2024-11-01',
        validFrom: '2025-01-01',
        validTo: '2025-12-31',
        focusAreas: [{ key: 'digitalisering', name: 'Digitalisering' }],
      }),
    ];
    for (const write of writes) expect((await write).status).toBe(201);
    expect((await api.post('/checkpoints', {})).status).toBeLessThan(300);
    const pool = new IdPool().seed('municipalities/{code}', '1461');
    const job = await api.post('/verify', {});
    expect(job.status).toBeLessThan(300);
    pool.harvest('/api/v1/verify', job.body);
    const gets = apiOperations().filter(([method]) => method === 'get');
    const done = new Set<string>();
    const problems: string[] = [];
    for (let progress = true; progress;) {
      progress = false;
      for (const [, path, op] of gets) {
        if (done.has(path)) continue;
        const concrete = pool.fill(path);
        const query = QUERY_SAMPLES[path] ? QUERY_SAMPLES[path](pool) : '';
        if (concrete === null || query === null) continue;
        done.add(path);
        progress = true;
        const res = await api.get(`${concrete.replace(/^\/api\/v1/, '')}${query}`, ctx.tokens.admin);
        const media = String(res.headers['content-type'] ?? '').split(';')[0];
        if (media === 'application/json') pool.harvest(path, res.body);
        const status = Number(successOf(op)[0]);
        if (res.status !== status) {
          problems.push(`GET ${concrete}${query}: ${res.status}, documented ${status}`);
          continue;
        }
        const documented = Object.keys(op.responses[String(status)].content ?? {});
        if (!documented.includes(media)) problems.push(`GET ${path}: answered ${media}, documented ${documented}`);
        else if (media === 'application/json') problems.push(...validator.errors('get', path, status, res.body));
      }
    }
    expect(problems).toEqual([]);
    const notReached = gets.map(([, path]) => path).filter((p) => !done.has(p));
    expect(notReached).toEqual(Object.keys(VALIDATED_ELSEWHERE));
    for (const [route, spec] of Object.entries(VALIDATED_ELSEWHERE))
      expect(fs.readFileSync(path.join(__dirname, spec), 'utf8')).toContain(route.replace(/^\/api\/v1/, ''));
  });
});

/**
 * The GETs whose ids the demo data cannot give (a delegationsbeslut, a signature, a row of a checkpoint): the spec
 * named records what they need and validates their answers against the same document.
 */
const VALIDATED_ELSEWHERE: Record<string, string> = {
  '/api/v1/delegation-decisions/{id}': 'openapi-thin.e2e-spec.ts',
  '/api/v1/signatures/{id}': 'openapi-thin.e2e-spec.ts',
  '/api/v1/checkpoints/{size}/inclusion': 'openapi-coord.e2e-spec.ts',
};

/** Query parameters a GET needs to answer at all (the others default); null until earlier answers gave them. */
const QUERY_SAMPLES: Record<string, (pool: IdPool) => string | null> = {
  '/api/v1/checkpoints/consistency': (pool) =>
    pool.sizes.length < 2 ? null : `?from=${Math.min(...pool.sizes)}&to=${Math.max(...pool.sizes)}`,
  '/api/v1/checkpoints/{size}/inclusion': (pool) => (pool.rowId === undefined ? null : `?rowId=${pool.rowId}`),
  '/api/v1/calendar/deadlines': () => '?meetingDate=2024-11-20',
  '/api/v1/calendar/holidays': () => '?year=2026',
};

/**
 * Path parameters found in earlier answers, by the path segment before them: `decisions/{id}` takes the `id` of an
 * object in a `decisions` list, or a `decisionId` anywhere; `collaborations/{slug}` any `slug`; and so on.
 */
class IdPool {
  private readonly values = new Map<string, string>();
  /** Every checkpoint size seen, newest first as the list answers, for a consistency proof between two. */
  readonly sizes: number[] = [];
  /** A log row in the oldest checkpoint (the first row of the history first read), for an inclusion proof. */
  rowId?: number;

  fill(path: string): string | null {
    let missing = false;
    const filled = path.replace(/([^/]+)\/\{([^}]+)\}/g, (whole, segment: string, param: string) => {
      // `verify/{jobId}` takes the `id` of what POST /verify answered, as `decisions/{id}` takes a decision's.
      const value = this.values.get(`${segment}/{${param}}`) ?? this.values.get(`${segment}/{id}`);
      if (value === undefined) missing = true;
      return `${segment}/${encodeURIComponent(value ?? '')}`;
    });
    return missing ? null : filled;
  }

  /** A value known before any answer (the demo data's Mellerud, whose bodies hold the demo's meetings). */
  seed(key: string, value: string): this {
    this.values.set(key, value);
    return this;
  }

  harvest(path: string, body: unknown): void {
    const resource = path
      .split('/')
      .filter((s) => s && !s.startsWith('{'))
      .pop();
    this.walk(body, resource ?? '');
  }

  private offer(key: string, value: unknown): void {
    if ((typeof value === 'string' && value) || typeof value === 'number')
      if (!this.values.has(key)) this.values.set(key, String(value));
  }

  private walk(node: unknown, resource: string): void {
    if (Array.isArray(node)) return node.forEach((item) => this.walk(item, resource));
    if (!node || typeof node !== 'object') return;
    for (const [field, value] of Object.entries(node)) {
      if (field === 'id') this.offer(`${resource}/{id}`, value);
      else if (field === 'slug') this.offer('collaborations/{slug}', value);
      else if (field === 'municipality' && resource === 'members' && value && typeof value === 'object')
        this.offer('memberships/{municipalityCode}', (value as { code?: string }).code);
      else if (field === 'code' && typeof value === 'string' && /^\d{4}$/.test(value)) {
        this.offer('municipalities/{code}', value);
      } else if (field === 'key' && ('versionId' in node || 'sha256' in node)) this.offer('documents/{key}', value);
      else if (field === 'jobId') this.offer('verify/{jobId}', value);
      else if (field === 'size' && resource === 'checkpoints' && typeof value === 'number') {
        this.sizes.push(value);
        this.values.set('checkpoints/{size}', String(this.sizes.at(-1)));
      } else if (field === 'rowId' && typeof value === 'number') this.rowId ??= value;
      else if (field === 'runId' || field === 'run') this.offer('invoice-runs/{run}', value);
      else if (field === 'versionId' || field === 'documentVersionId') this.offer('document-versions/{id}', value);
      else if (field === 'documentKey') this.offer('documents/{key}', value);
      else if (/Id$/.test(field)) this.offer(`${plural(field.slice(0, -2))}/{id}`, value);
      // The items of a `decisions` list are decisions, and so is the object of a `decision` field.
      if (value && typeof value === 'object') this.walk(value, Array.isArray(value) ? kebab(field) : plural(field));
    }
  }
}

const kebab = (camel: string) => camel.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
const plural = (camel: string) => {
  const k = kebab(camel);
  return k.endsWith('y') ? `${k.slice(0, -1)}ies` : `${k}s`;
};
