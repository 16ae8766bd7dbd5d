/**
 * Building blocks of the contract: one operation or event is declared once, with zod schemas,
 * and every transport (Electron IPC, the browser shell's WebSocket, in-process) carries it.
 */
import type { z } from 'zod';
import type { ErrorPayload } from '../errors';

/** One request/response operation of main. */
export interface OperationSpec<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  /** What the operation does, for the README and readers of the table. */
  readonly doc: string;
  readonly input: I;
  readonly output: O;
}

/** Declares an operation; exists so each entry is checked against `OperationSpec` without widening. */
export function operation<I extends z.ZodType, O extends z.ZodType>(
  spec: OperationSpec<I, O>,
): OperationSpec<I, O> {
  return spec;
}

/** One event main pushes to every connected renderer. */
export interface EventSpec<P extends z.ZodType = z.ZodType> {
  readonly doc: string;
  readonly payload: P;
}

export function event<P extends z.ZodType>(spec: EventSpec<P>): EventSpec<P> {
  return spec;
}

/** The result of every invocation, on every transport. */
export type Result<T> = { ok: true; value: T } | { ok: false; error: ErrorPayload };
