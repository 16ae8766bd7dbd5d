/**
 * The signed-in account: profile and the credits ledger.
 */
import { z } from 'zod';
import { PublicUserSchema, Username } from './auth.api';
import { endpoint, PageQuery } from './define.api';

export const MeSchema = PublicUserSchema.extend({
  email: z.string(),
  emailVerified: z.boolean(),
  balance: z.number().int(),
  storageBytes: z.number().int(),
  storageQuotaBytes: z.number().int(),
});
export type Me = z.infer<typeof MeSchema>;

/** One line of the credits ledger. */
export const CreditEntrySchema = z.object({
  id: z.string(),
  delta: z.number().int(),
  reason: z.string(),
  balanceAfter: z.number().int(),
  createdAt: z.string(),
});
export type CreditEntry = z.infer<typeof CreditEntrySchema>;

export const meApi = {
  get: endpoint({
    method: 'GET',
    path: '/v1/me',
    summary: 'The signed-in account',
    tag: 'me',
    auth: 'required',
    response: MeSchema,
  }),
  patch: endpoint({
    method: 'PATCH',
    path: '/v1/me',
    summary: 'Change username or avatar (an avatar upload id, or null to remove it)',
    tag: 'me',
    auth: 'required',
    body: z
      .object({ username: Username.optional(), avatarUploadId: z.uuid().nullable().optional() })
      .strict(),
    response: MeSchema,
  }),
  credits: endpoint({
    method: 'GET',
    path: '/v1/me/credits',
    summary: 'Balance and ledger entries, newest first',
    tag: 'me',
    auth: 'required',
    query: PageQuery,
    response: z.object({
      balance: z.number().int(),
      entries: z.array(CreditEntrySchema),
      nextCursor: z.string().nullable(),
    }),
  }),
};
