/**
 * The contract: every main-process operation and pushed event, merged into one table.
 *
 * Add a domain by writing `<domain>.contract.ts` and spreading it here. Types are inferred
 * from the schemas, never written twice.
 */
import type { z } from 'zod';
import { accountOperations } from './account.contract';
import { appOperations } from './app.contract';
import { assetsEvents, assetsOperations } from './assets.contract';
import { brandKitsOperations } from './brand-kits.contract';
import { filesOperations } from './files.contract';
import { generateEvents, generateOperations } from './generate.contract';
import { secretsOperations } from './secrets.contract';
import { libraryEvents, libraryOperations } from './library.contract';
import { mediaOperations } from './media.contract';
import { projectsOperations } from './projects.contract';
import { montageEvents, montageOperations } from './montage.contract';
import { renderEvents, renderOperations } from './render.contract';
import { settingsEvents, settingsOperations } from './settings.contract';
import { socialOperations } from './social.contract';
import { syncEvents, syncOperations } from './sync.contract';

export const operations = {
  ...appOperations,
  ...settingsOperations,
  ...filesOperations,
  ...secretsOperations,
  ...generateOperations,
  ...projectsOperations,
  ...mediaOperations,
  ...brandKitsOperations,
  ...libraryOperations,
  ...montageOperations,
  ...renderOperations,
  ...accountOperations,
  ...socialOperations,
  ...syncOperations,
  ...assetsOperations,
};

export const events = {
  ...settingsEvents,
  ...generateEvents,
  ...libraryEvents,
  ...montageEvents,
  ...renderEvents,
  ...syncEvents,
  ...assetsEvents,
};

export type Operations = typeof operations;
export type OperationName = keyof Operations;
/** What a caller sends (before defaults are applied). */
export type OperationInput<N extends OperationName> = z.input<Operations[N]['input']>;
/** What a handler receives (after parsing). */
export type OperationArgs<N extends OperationName> = z.output<Operations[N]['input']>;
export type OperationOutput<N extends OperationName> = z.output<Operations[N]['output']>;

export type Events = typeof events;
export type EventName = keyof Events;
export type EventPayload<E extends EventName> = z.output<Events[E]['payload']>;

export function isOperationName(name: unknown): name is OperationName {
  return typeof name === 'string' && Object.hasOwn(operations, name);
}

export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && Object.hasOwn(events, name);
}

export * from './define';
export * from './bridge';
export * from './client';
