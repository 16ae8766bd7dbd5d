/**
 * Creator profiles, their videos and likes, and the leaderboard.
 */
import { z } from 'zod';
import { PublicUserSchema } from './auth.api';
import { endpoint, PageQuery } from './define.api';
import { VideoPageSchema } from './videos.api';

export const CreatorStatsSchema = z.object({
  videos: z.number().int(),
  likes: z.number().int(),
  dislikes: z.number().int(),
  views: z.number().int(),
  remixes: z.number().int(),
  creatorScore: z.number(),
});

export const ProfileSchema = PublicUserSchema.extend({ stats: CreatorStatsSchema });

export const usersApi = {
  get: endpoint({
    method: 'GET',
    path: '/v1/users/:id',
    summary: 'A creator profile with stats',
    tag: 'users',
    auth: 'optional',
    response: ProfileSchema,
  }),
  videos: endpoint({
    method: 'GET',
    path: '/v1/users/:id/videos',
    summary: 'A creator’s public videos, newest first',
    tag: 'users',
    auth: 'optional',
    query: PageQuery,
    response: VideoPageSchema,
  }),
  liked: endpoint({
    method: 'GET',
    path: '/v1/users/:id/liked',
    summary: 'Public videos a user liked, most recent like first',
    tag: 'users',
    auth: 'optional',
    query: PageQuery,
    response: VideoPageSchema,
  }),
  leaderboard: endpoint({
    method: 'GET',
    path: '/v1/leaderboard',
    summary: 'Creators by creator score (see README)',
    tag: 'users',
    auth: 'none',
    query: z.object({ limit: z.coerce.number().int().min(1).max(100).default(20) }),
    response: z.object({ creators: z.array(ProfileSchema) }),
  }),
};
