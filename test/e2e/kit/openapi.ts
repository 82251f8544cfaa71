import Ajv, { type ValidateFunction } from 'ajv';
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
  responses: Record<string, { description?: string; content?: Record<string, { schema?: unknown }> }>;
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
 * `anyOf` with null. Everything else is kept as it is.
 */
export function toJsonSchema(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(toJsonSchema);
  if (!schema || typeof schema !== 'object') return schema;
  const { nullable, ...rest } = schema as Record<string, unknown>;
  const converted = Object.fromEntries(Object.entries(rest).map(([k, v]) => [k, toJsonSchema(v)]));
  if (nullable !== true) return converted;
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
