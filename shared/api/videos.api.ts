/**
 * Published videos: publish, edit, delete, report, react, view, recreate, and the ranked feed.
 */
import { z } from 'zod';
import { endpoint, OkResponse, PageQuery } from './define.api';

export const Visibility = z.enum(['public', 'unlisted']);
export const VideoStatus = z.enum(['processing', 'ready', 'failed', 'unpublished']);
export const Reaction = z.enum(['like', 'dislike', 'none']);
export type Reaction = z.infer<typeof Reaction>;

export const VideoSchema = z.object({
  id: z.uuid(),
  title: z.string(),
  description: z.string().nullable(),
  prompt: z.string().nullable(),
  videoUrl: z.string(),
  thumbnailUrl: z.string(),
  userId: z.uuid(),
  username: z.string(),
  likes: z.number().int(),
  dislikes: z.number().int(),
  views: z.number().int(),
  rankingScore: z.number(),
  createdAt: z.string(),
  status: VideoStatus,
  visibility: Visibility,
  sourceVideoId: z.uuid().nullable(),
  durationSeconds: z.number(),
  /** The caller's reaction; `none` when signed out. */
  myReaction: Reaction,
});
export type Video = z.infer<typeof VideoSchema>;

export const VideoPageSchema = z.object({
  videos: z.array(VideoSchema),
  nextCursor: z.string().nullable(),
  hasMore: z.boolean(),
});

const Title = z.string().trim().min(1).max(120);
const Description = z.string().max(2000);

export const videosApi = {
  create: endpoint({
    method: 'POST',
    path: '/v1/videos',
    summary: 'Publish a video from two completed uploads (Idempotency-Key required)',
    tag: 'videos',
    auth: 'required',
    idempotent: true,
    status: 201,
    body: z.object({
      videoUploadId: z.uuid(),
      thumbnailUploadId: z.uuid(),
      title: Title,
      description: Description.optional(),
      prompt: z.string().max(4000).optional(),
      durationSeconds: z.number().positive().max(3600),
      sourceVideoId: z.uuid().optional(),
      visibility: Visibility.default('public'),
    }),
    response: VideoSchema,
  }),
  get: endpoint({
    method: 'GET',
    path: '/v1/videos/:id',
    summary: 'One video (public or unlisted; the owner also sees their unpublished ones)',
    tag: 'videos',
    auth: 'optional',
    response: VideoSchema,
  }),
  patch: endpoint({
    method: 'PATCH',
    path: '/v1/videos/:id',
    summary: 'Owner: change title, description, visibility, or unpublish/republish',
    tag: 'videos',
    auth: 'required',
    body: z
      .object({
        title: Title.optional(),
        description: Description.nullable().optional(),
        visibility: Visibility.optional(),
        unpublished: z.boolean().optional(),
      })
      .strict(),
    response: VideoSchema,
  }),
  delete: endpoint({
    method: 'DELETE',
    path: '/v1/videos/:id',
    summary: 'Owner: delete a video',
    tag: 'videos',
    auth: 'required',
    response: OkResponse,
  }),
  report: endpoint({
    method: 'POST',
    path: '/v1/videos/:id/report',
    summary: 'Report a video for moderation (one report per user per video)',
    tag: 'videos',
    auth: 'required',
    body: z.object({ reason: z.string().trim().min(3).max(500) }),
    response: OkResponse,
  }),
  reaction: endpoint({
    method: 'POST',
    path: '/v1/videos/:id/reaction',
    summary: 'Set the caller’s reaction (like, dislike or none); one per user per video',
    tag: 'videos',
    auth: 'required',
    body: z.object({ reaction: Reaction }),
    response: z.object({
      likes: z.number().int(),
      dislikes: z.number().int(),
      myReaction: Reaction,
    }),
  }),
  view: endpoint({
    method: 'POST',
    path: '/v1/videos/:id/view',
    summary: 'Count a view, once per viewer (or anonymous session) per 24 h',
    tag: 'videos',
    auth: 'optional',
    body: z.object({ sessionId: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/) }),
    response: z.object({ views: z.number().int(), counted: z.boolean() }),
  }),
  recreate: endpoint({
    method: 'POST',
    path: '/v1/videos/:id/recreate',
    summary: 'The prompt and lineage needed to start a local remix',
    tag: 'videos',
    auth: 'required',
    response: z.object({
      sourceVideoId: z.uuid(),
      title: z.string(),
      prompt: z.string().nullable(),
      durationSeconds: z.number(),
      lineage: z.array(
        z.object({ id: z.uuid(), title: z.string(), userId: z.uuid(), username: z.string() }),
      ),
    }),
  }),
  feed: endpoint({
    method: 'GET',
    path: '/v1/feed',
    summary: 'Public videos by ranking score (see README), with a cursor stable under new uploads',
    tag: 'feed',
    auth: 'optional',
    query: PageQuery,
    response: VideoPageSchema,
  }),
};
