/**
 * The OpenAPI 3.1 document, generated from the contract in `shared/api/` with zod's JSON Schema.
 */
import { z } from 'zod';
import { apiEndpoints, ApiErrorSchema } from '../../../shared/api/index';

function schema(type: z.ZodType, io: 'input' | 'output'): unknown {
  return z.toJSONSchema(type, { io, unrepresentable: 'any', target: 'draft-2020-12' });
}

export function buildOpenApi(version: string, serverUrl: string): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const spec of apiEndpoints) {
    const path = spec.path.replace(/:(\w+)/g, '{$1}');
    const parameters: unknown[] = [];
    for (const match of spec.path.matchAll(/:(\w+)/g)) {
      parameters.push({
        name: match[1],
        in: 'path',
        required: true,
        schema: { type: 'string', format: 'uuid' },
      });
    }
    if (spec.query) {
      const q = schema(spec.query, 'input') as {
        properties?: Record<string, unknown>;
        required?: string[];
      };
      for (const [name, s] of Object.entries(q.properties ?? {})) {
        parameters.push({
          name,
          in: 'query',
          required: q.required?.includes(name) ?? false,
          schema: s,
        });
      }
    }
    if (spec.idempotent) {
      parameters.push({
        name: 'Idempotency-Key',
        in: 'header',
        required: true,
        schema: { type: 'string', minLength: 8, maxLength: 128 },
      });
    }
    const status = String(spec.status ?? 200);
    paths[path] ??= {};
    paths[path][spec.method.toLowerCase()] = {
      summary: spec.summary,
      tags: [spec.tag],
      ...(spec.auth === 'none' ? { security: [] } : {}),
      ...(spec.auth === 'optional' ? { security: [{}, { bearer: [] }] } : {}),
      parameters,
      ...(spec.body
        ? {
            requestBody: {
              required: true,
              content: { 'application/json': { schema: schema(spec.body, 'input') } },
            },
          }
        : {}),
      responses: {
        [status]: {
          description: 'Success',
          content: {
            [spec.contentType ?? 'application/json']: { schema: schema(spec.response, 'output') },
          },
        },
        default: {
          description: 'Error',
          content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
        },
      },
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Reelsmith sync API',
      version,
      description:
        'Accounts, credits, uploads and the public feed. Desktop sessions sign mutating requests (X-Reelsmith-Timestamp, X-Reelsmith-Nonce, X-Reelsmith-Signature).',
    },
    servers: [{ url: serverUrl }],
    security: [{ bearer: [] }],
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
      schemas: { Error: schema(ApiErrorSchema, 'output') },
    },
    paths,
  };
}
