/**
 * Building blocks of the hosted sync API contract: each endpoint is declared once (method, path,
 * zod schemas) and the server validates with, and generates its OpenAPI document from, the same
 * declaration.
 */
import { z } from 'zod';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** Whether an endpoint needs a bearer token: never, when present, or always. */
export type AuthMode = 'none' | 'optional' | 'required';

/** One HTTP endpoint of `/v1`. Paths use `:name` parameters. */
export interface EndpointSpec<
  B extends z.ZodType = z.ZodType,
  Q extends z.ZodType = z.ZodType,
  R extends z.ZodType = z.ZodType,
> {
  readonly method: HttpMethod;
  readonly path: string;
  /** One line for the OpenAPI document and the README. */
  readonly summary: string;
  readonly tag: string;
  readonly auth: AuthMode;
  /** True when the request must carry an `Idempotency-Key` header. */
  readonly idempotent?: boolean;
  readonly body?: B;
  readonly query?: Q;
  readonly response: R;
  /** The success status; 200 unless set. */
  readonly status?: 200 | 201 | 204;
  /** Set for endpoints answering something other than JSON. */
  readonly contentType?: string;
}

/** Declares an endpoint; exists so each entry is checked against `EndpointSpec` without widening. */
export function endpoint<
  B extends z.ZodType = z.ZodNever,
  Q extends z.ZodType = z.ZodNever,
  R extends z.ZodType = z.ZodType,
>(spec: EndpointSpec<B, Q, R>): EndpointSpec<B, Q, R> {
  return spec;
}

/** Every error the API answers, whatever the endpoint. */
export const ApiErrorSchema = z.object({
  statusCode: z.number().int(),
  error: z.string(),
  message: z.string(),
});
export type ApiError = z.infer<typeof ApiErrorSchema>;

/** A UUID path or body identifier. */
export const Id = z.uuid();

/** Opaque pagination cursor, as returned in `nextCursor`. */
export const Cursor = z.string().min(1).max(512);

/** `?cursor&limit` pagination. */
export const PageQuery = z.object({
  cursor: Cursor.optional(),
  limit: z.coerce.number().int().min(1).max(50).default(20),
});

/** `{ ok: true }` answers of actions without a richer result. */
export const OkResponse = z.object({ ok: z.literal(true), message: z.string().optional() });

export const IsoDate = z.string();
