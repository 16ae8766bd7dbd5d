/**
 * Liveness and readiness of one API instance.
 */
import { z } from 'zod';
import { endpoint } from './define.api';

export const healthApi = {
  health: endpoint({
    method: 'GET',
    path: '/v1/health',
    summary: 'Checks the database and the object storage (503 when either fails)',
    tag: 'health',
    auth: 'none',
    response: z.object({
      status: z.enum(['ok', 'degraded']),
      database: z.boolean(),
      storage: z.boolean(),
      version: z.string(),
    }),
  }),
};
