/**
 * `social.*`: the public feed and everything around it (videos, reactions, views, remixes,
 * creator profiles, leaderboard, public asset links), through main.
 *
 * Every operation answers what the sync API answered, validated again at this boundary. Reads
 * work signed out (reactions then read `none`); writes need a session (UNAUTHORIZED otherwise).
 */
import { z } from 'zod';
import { AssetSchema } from '../api/assets.api';
import { ProfileSchema } from '../api/users.api';
import { Reaction, VideoPageSchema, VideoSchema, Visibility } from '../api/videos.api';
import { Done } from './account.contract';
import { operation } from './define';
import { Project } from './projects.contract';

export const Video = VideoSchema;
export type Video = z.infer<typeof Video>;

export const VideoPage = VideoPageSchema;
export type VideoPage = z.infer<typeof VideoPage>;

export const CreatorProfile = ProfileSchema;
export type CreatorProfile = z.infer<typeof CreatorProfile>;

export const PublicAsset = AssetSchema;
export type PublicAsset = z.infer<typeof PublicAsset>;

export { Reaction, Visibility };

/** The chain of videos a remix descends from, oldest first. */
export const RemixLineage = z.array(
  z.object({ id: z.string(), title: z.string(), userId: z.string(), username: z.string() }),
);

/** Where a remix project came from; kept in the local project's settings under `remix`. */
export const RemixSource = z.object({
  sourceVideoId: z.string(),
  title: z.string(),
  prompt: z.string().nullable(),
  durationSeconds: z.number(),
  lineage: RemixLineage,
});
export type RemixSource = z.infer<typeof RemixSource>;

const VideoId = z.uuid();
const UserId = z.uuid();
const Page = {
  cursor: z.string().min(1).max(512).optional(),
  limit: z.number().int().min(1).max(50).default(20),
};

export const socialOperations = {
  'social.feed': operation({
    doc: 'One page of the public feed by ranking score; pass `nextCursor` back for the next page.',
    input: z.object(Page).strict(),
    output: VideoPage,
  }),
  'social.video': operation({
    doc: 'One video (public or unlisted; the owner also sees their unpublished ones).',
    input: z.object({ id: VideoId }).strict(),
    output: Video,
  }),
  'social.updateVideo': operation({
    doc: 'Owner: changes title, description or visibility.',
    input: z
      .object({
        id: VideoId,
        title: z.string().trim().min(1).max(120).optional(),
        description: z.string().max(2000).nullable().optional(),
        visibility: Visibility.optional(),
      })
      .strict(),
    output: Video,
  }),
  'social.unpublishVideo': operation({
    doc: 'Owner: takes a video off the feed (`unpublished: false` puts it back).',
    input: z.object({ id: VideoId, unpublished: z.boolean().default(true) }).strict(),
    output: Video,
  }),
  'social.deleteVideo': operation({
    doc: 'Owner: deletes a video for good.',
    input: z.object({ id: VideoId }).strict(),
    output: Done,
  }),
  'social.reportVideo': operation({
    doc: 'Reports a video for moderation (one report per user per video).',
    input: z.object({ id: VideoId, reason: z.string().trim().min(3).max(500) }).strict(),
    output: Done,
  }),
  'social.react': operation({
    doc: 'Sets the caller’s reaction (like, dislike, or none to clear it).',
    input: z.object({ id: VideoId, reaction: Reaction }).strict(),
    output: z.object({ likes: z.number().int(), dislikes: z.number().int(), myReaction: Reaction }),
  }),
  'social.view': operation({
    doc: 'Counts a view (once per viewer per 24 h; main supplies the anonymous session id).',
    input: z.object({ id: VideoId }).strict(),
    output: z.object({ views: z.number().int(), counted: z.boolean() }),
  }),
  'social.recreate': operation({
    doc: 'Starts a local remix: a new draft project with the video’s prompt, its lineage kept in settings.remix; publishing it later links the source video.',
    input: z.object({ id: VideoId, title: z.string().min(1).max(200).optional() }).strict(),
    output: z.object({ project: Project, remix: RemixSource }),
  }),
  'social.user': operation({
    doc: 'A creator profile with stats.',
    input: z.object({ id: UserId }).strict(),
    output: CreatorProfile,
  }),
  'social.userVideos': operation({
    doc: 'A creator’s public videos, newest first.',
    input: z.object({ id: UserId, ...Page }).strict(),
    output: VideoPage,
  }),
  'social.likedVideos': operation({
    doc: 'Public videos a user liked, most recent like first.',
    input: z.object({ id: UserId, ...Page }).strict(),
    output: VideoPage,
  }),
  'social.leaderboard': operation({
    doc: 'Creators by creator score.',
    input: z.object({ limit: z.number().int().min(1).max(100).default(20) }).strict(),
    output: z.object({ creators: z.array(CreatorProfile) }),
  }),
  'social.asset': operation({
    doc: 'One public asset link (publish one with sync.publishAsset).',
    input: z.object({ id: z.uuid() }).strict(),
    output: PublicAsset,
  }),
  'social.deleteAsset': operation({
    doc: 'Owner: deletes a public asset link.',
    input: z.object({ id: z.uuid() }).strict(),
    output: Done,
  }),
};
