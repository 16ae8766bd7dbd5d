/**
 * The one `handle()` path every transport goes through: look up the operation, parse its input
 * with the contract's zod schema, call the service, check the output, and wrap it as a `Result`.
 */
import { z } from 'zod';
import {
  isOperationName,
  operations,
  type OperationArgs,
  type OperationName,
  type OperationOutput,
  type Result,
} from '../../shared/contract';
import { AppError, BugError, toErrorPayload } from '../../shared/errors';

/** Who is calling; transports fill it in. */
export interface CallContext {
  readonly transport: 'electron' | 'websocket' | 'in-process';
  /** Aborted when the caller goes away (window closed, socket dropped). */
  readonly signal?: AbortSignal;
}

export type Handler<N extends OperationName> = (
  input: OperationArgs<N>,
  context: CallContext,
) => Promise<OperationOutput<N>> | OperationOutput<N>;

/** One handler per operation: the compiler refuses a table with one missing. */
export type Handlers = { [N in OperationName]: Handler<N> };

export interface Logger {
  error(message: string, error?: unknown): void;
  warn(message: string): void;
  info(message: string): void;
}

/** Formats zod issues as "field.path: message" so users see which field was wrong. */
export function describeZodError(error: z.ZodError): string {
  return error.issues
    .map((issue) => `${issue.path.length > 0 ? issue.path.join('.') : 'input'}: ${issue.message}`)
    .join('; ');
}

export class Router {
  constructor(
    private readonly handlers: Handlers,
    private readonly log: Logger,
  ) {}

  /** Validates and runs one invocation; never throws. */
  async handle(name: unknown, input: unknown, context: CallContext): Promise<Result<unknown>> {
    try {
      return { ok: true, value: await this.run(name, input, context) };
    } catch (error) {
      if (!(error instanceof AppError)) {
        this.log.error(`operation ${String(name)} failed`, error);
      }
      return { ok: false, error: toErrorPayload(error) };
    }
  }

  private async run(name: unknown, input: unknown, context: CallContext): Promise<unknown> {
    if (!isOperationName(name)) {
      throw new AppError('UNKNOWN_OPERATION', `Unknown operation: ${JSON.stringify(name)}`);
    }
    const spec = operations[name];
    const parsed = spec.input.safeParse(input ?? {});
    if (!parsed.success) {
      throw new AppError(
        'VALIDATION',
        `Invalid input for ${name}: ${describeZodError(parsed.error)}`,
        {
          details: parsed.error.issues.map((issue) => ({
            path: issue.path.map(String),
            message: issue.message,
          })),
        },
      );
    }
    const handler = this.handlers[name] as (input: unknown, context: CallContext) => unknown;
    const output: unknown = await handler(parsed.data, context);
    const checked = spec.output.safeParse(output);
    if (!checked.success) {
      throw new BugError(
        `${name} returned output that breaks the contract: ${describeZodError(checked.error)}`,
      );
    }
    return checked.data;
  }
}
