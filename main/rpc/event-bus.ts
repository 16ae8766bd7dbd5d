/**
 * Typed publish/subscribe for events main pushes to renderers (see `events` in the contract).
 * Transports subscribe with `onAny` and forward to their windows or sockets.
 */
import type { EventName, EventPayload } from '../../shared/contract';

type AnyListener = (event: EventName, payload: unknown) => void;

export class EventBus {
  private readonly listeners = new Set<AnyListener>();

  emit<E extends EventName>(event: E, payload: EventPayload<E>): void {
    for (const listener of [...this.listeners]) listener(event, payload);
  }

  /** Subscribes to every event; returns the unsubscribe function. */
  onAny(listener: AnyListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Subscribes to one event; returns the unsubscribe function. */
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void {
    return this.onAny((name, payload) => {
      if ((name as string) === event) listener(payload as EventPayload<E>);
    });
  }
}
