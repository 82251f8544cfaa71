import Ajv, { type ValidateFunction } from 'ajv';
import type { Response } from 'supertest';
import type { TestContext } from './harness';

/** The parts of an OpenAPI 3 document the checks read. */
export interface OpenApiDocument {
  openapi: string;
  paths: Record<string, Record<string, OpenApiOperation>>;
  components: { schemas: Record<string, unknown>; [k: string]: unknown };
}
export interface OpenApiOperation {
  operationId?: string;
  parameters?: { name: string; in: string; required?: boolean; schema?: Record<string, unknown> }[];
  responses: Record<string, OpenApiResponse>;
}
export interface OpenApiResponse {
  description?: string;
  content?: Record<string, { schema?: unknown }>;
}

export const HTTP_METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

export async function openApiDocument(ctx: TestContext): Promise<OpenApiDocument> {
  const res = await ctx.http.get('/api/docs-json');
  if (res.status !== 200) throw new Error(`GET /api/docs-json answered ${res.status}`);
  return res.body as OpenApiDocument;
}

/** Every operation of the document as [method, path, operation]. */
export function operations(doc: OpenApiDocument): [string, string, OpenApiOperation][] {
  return Object.entries(doc.paths).flatMap(([path, ops]) =>
    Object.entries(ops)
      .filter(([method]) => (HTTP_METHODS as readonly string[]).includes(method))
      .map(([method, op]) => [method, path, op] as [string, string, OpenApiOperation]),
  );
}

/**
 * OpenAPI 3.0's `nullable` is not JSON Schema: `{ type: 'string', nullable: true }` becomes `type: ['string',
 * 'null']`, and a nullable `$ref` or `allOf` (the form @nestjs/swagger writes for a nullable class) becomes
 * `anyOf` with null; a nullable `enum` lists null too (as @nestjs/swagger means it). Everything else is kept as it is.
 */
export function toJsonSchema(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(toJsonSchema);
  if (!schema || typeof schema !== 'object') return schema;
  const { nullable, ...rest } = schema as Record<string, unknown>;
  const converted = Object.fromEntries(Object.entries(rest).map(([k, v]) => [k, toJsonSchema(v)]));
  if (nullable !== true) return converted;
  if (Array.isArray(converted.enum) && !converted.enum.includes(null)) converted.enum = [...converted.enum, null];
  const composed = ['$ref', 'allOf', 'oneOf', 'anyOf'].some((k) => k in converted);
  if (!composed && typeof converted.type === 'string') return { ...converted, type: [converted.type, 'null'] };
  return { anyOf: [converted, { type: 'null' }] };
}

/**
 * Validates real answers against the document: the schema of an operation's documented response for a status and
 * media type, with every `#/components/...` reference resolved in the document itself.
 */
export class ResponseValidator {
  private readonly ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });
  private readonly compiled = new Map<string, ValidateFunction>();
  private readonly components: unknown;

  constructor(private readonly doc: OpenApiDocument) {
    this.components = toJsonSchema(doc.components);
  }

  /** The JSON Schema of a documented response, or undefined where none is documented. */
  schemaOf(method: string, path: string, status: number, mediaType = 'application/json'): unknown {
    const op = this.doc.paths[path]?.[method];
    return op?.responses[String(status)]?.content?.[mediaType]?.schema;
  }

  /** The errors of an answer against its documented schema (an empty list when it conforms). */
  errors(method: string, path: string, status: number, body: unknown, mediaType = 'application/json'): string[] {
    const key = `${method} ${path} ${status} ${mediaType}`;
    let validate = this.compiled.get(key);
    if (!validate) {
      const schema = this.schemaOf(method, path, status, mediaType);
      if (schema === undefined) return [`${key}: no schema is documented`];
      validate = this.ajv.compile({ ...(toJsonSchema(schema) as object), components: this.components });
      this.compiled.set(key, validate);
    }
    if (validate(body)) return [];
    return (validate.errors ?? []).map((e) => `${key}: ${e.instancePath || '(root)'} ${e.message}`);
  }

  /** Compiles a schema with the document's components, throwing where it does not compile or a $ref is unresolved. */
  compile(schema: unknown): ValidateFunction {
    return this.ajv.compile({ ...(toJsonSchema(schema) as object), components: this.components });
  }
}

/** The schema the document gives a binary answer (a PDF, a CSV, an SVG, a tar archive). */
const BINARY = { type: 'string', format: 'binary' };
const label = (method: string, route: string) => `${method.toUpperCase()} ${route}`;

/**
 * A spec's real answers checked against the document, by route as the spec names it (the document's path is
 * `prefix` + route): the one documented 2xx response of a route, its status and its schema. Every route an answer was
 * checked against is kept, so that a spec can show it checked every route of its scope.
 */
export class DocumentedAnswers {
  /** `METHOD route` of every operation an answer was checked against. */
  readonly checked = new Set<string>();
  readonly validator: ResponseValidator;

  constructor(
    readonly doc: OpenApiDocument,
    private readonly prefix = '',
  ) {
    this.validator = new ResponseValidator(doc);
  }

  static async load(ctx: TestContext, prefix = ''): Promise<DocumentedAnswers> {
    return new DocumentedAnswers(await openApiDocument(ctx), prefix);
  }

  /** The operation of a route, throwing where the document has none. */
  operation(method: string, route: string): OpenApiOperation {
    const op = this.doc.paths[this.prefix + route]?.[method];
    if (!op) throw new Error(`${label(method, route)} is not in the OpenAPI document`);
    return op;
  }

  /** The route's one documented 2xx response: its status and the response object. */
  success(method: string, route: string): { status: number; response: OpenApiResponse } {
    const { responses } = this.operation(method, route);
    const statuses = Object.keys(responses).filter((s) => /^2\d\d$/.test(s));
    const key = label(method, route);
    expect({ route: key, statuses }).toEqual({ route: key, statuses: [expect.any(String)] });
    return { status: Number(statuses[0]), response: responses[statuses[0]] };
  }

  /** The errors of a body against the route's documented 2xx JSON schema (none: it conforms); throws without one. */
  errors(method: string, route: string, body: unknown): string[] {
    const { status, response } = this.success(method, route);
    if (response.content?.['application/json']?.schema === undefined)
      throw new Error(`${label(method, route)} ${status} documents no JSON schema`);
    return this.validator.errors(method, this.prefix + route, status, body);
  }

  /** The errors of a body against a schema that refers into the document (`{ $ref: '#/components/schemas/X' }`). */
  schemaErrors(schema: unknown, body: unknown): string[] {
    const validate = this.validator.compile(schema);
    return validate(body) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath || '(root)'} ${e.message}`);
  }

  /** A JSON answer: the documented status (its body shown where it is not) and a body its schema accepts. */
  expectJson(res: Response, method: string, route: string): any {
    const { status } = this.success(method, route);
    const key = label(method, route);
    const answered = { route: key, status: res.status, body: res.status === status ? 'ok' : res.body };
    expect(answered).toEqual({ route: key, status, body: 'ok' });
    expect({ route: key, errors: this.errors(method, route, res.body) }).toEqual({ route: key, errors: [] });
    this.checked.add(key);
    return res.body;
  }

  /** A binary answer (parsed with binaryBody): the documented status and media type, a binary schema, some bytes. */
  expectBinary(res: Response, method: string, route: string, mediaType: string): Buffer {
    const { status, response } = this.success(method, route);
    const key = label(method, route);
    expect({ route: key, status: res.status }).toEqual({ route: key, status });
    expect({ route: key, schema: response.content?.[mediaType]?.schema }).toEqual({ route: key, schema: BINARY });
    expect(String(res.headers['content-type'])).toContain(mediaType);
    expect((res.body as Buffer).length).toBeGreaterThan(0);
    this.checked.add(key);
    return res.body as Buffer;
  }

  /** `METHOD route` of every operation of the document whose whole path matches. */
  routesMatching(path: RegExp): string[] {
    return operations(this.doc)
      .filter(([, p]) => p.startsWith(this.prefix) && path.test(p))
      .map(([method, p]) => label(method, p.slice(this.prefix.length)));
  }

  /** Answers were checked on every route of the list (`METHOD route`), and on no other. */
  expectChecked(routes: readonly string[]): void {
    expect([...this.checked].sort()).toEqual([...routes].sort());
  }
}
