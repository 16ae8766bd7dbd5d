/**
 * The typed client the renderer (and tests) use over any `Bridge`.
 */
import { AppError } from '../errors';
import type { Bridge } from './bridge';
import type {
  EventName,
  EventPayload,
  OperationInput,
  OperationName,
  OperationOutput,
} from './index';

export interface Client {
  /** Calls an operation and resolves with its output, or rejects with an `AppError`. */
  call<N extends OperationName>(name: N, input: OperationInput<N>): Promise<OperationOutput<N>>;
  /** Subscribes to a pushed event; returns the unsubscribe function. */
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
  readonly bridge: Bridge;
}

export function createClient(bridge: Bridge): Client {
  return {
    bridge,
    async call(name, input) {
      const result = await bridge.invoke(name, input);
      if (!result.ok) throw AppError.fromPayload(result.error);
      // main validated the value against the contract's output schema before sending it.
      return result.value as never;
    },
    on(name, listener) {
      return bridge.on(name, (payload) => {
        listener(payload as never);
      });
    },
  };
}
