/**
 * The whole hosted API contract, one table per domain, merged for OpenAPI and the server.
 */
import { assetsApi } from './assets.api';
import { authApi } from './auth.api';
import type { EndpointSpec } from './define.api';
import { generateApi } from './generate.api';
import { healthApi } from './health.api';
import { meApi } from './me.api';
import { uploadsApi } from './uploads.api';
import { usersApi } from './users.api';
import { videosApi } from './videos.api';

export * from './define.api';
export * from './auth.api';
export * from './me.api';
export * from './uploads.api';
export * from './videos.api';
export * from './users.api';
export * from './generate.api';
export * from './assets.api';
export * from './health.api';

/** Every endpoint, for the OpenAPI document. */
export const apiEndpoints: readonly EndpointSpec[] = [
  ...Object.values(healthApi),
  ...Object.values(authApi),
  ...Object.values(meApi),
  ...Object.values(uploadsApi),
  ...Object.values(videosApi),
  ...Object.values(usersApi),
  ...Object.values(generateApi),
  ...Object.values(assetsApi),
];
