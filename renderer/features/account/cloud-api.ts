/**
 * What the social screens need from the cloud, as one typed interface over the contract client.
 *
 * Screens never talk to the sync API: every call goes through main (`useCloud()` returns an
 * adapter over the typed client, see `contract-cloud.ts`). Keeping the screens on this narrow
 * interface keeps them readable and lets the adapter follow the contract as it grows.
 */
import type { FileHandle } from '../../../shared/contract/files.contract';
import type { CreditEntry, Me } from '../../../shared/api/me.api';
import type { Reaction, Video } from '../../../shared/api/videos.api';
import type { z } from 'zod';
import type { ProfileSchema } from '../../../shared/api/users.api';

export type Profile = z.infer<typeof ProfileSchema>;
export type { CreditEntry, Me, Reaction, Video };

export interface VideoPage {
  videos: Video[];
  nextCursor: string | null;
}

/** Where the cloud is and whether it answers. */
export interface ServerStatus {
  url: string;
  reachable: boolean;
  /** True when the studio runs the sync API itself (no cloud URL configured). */
  embedded: boolean;
}

/** An email the embedded server wrote to its outbox instead of sending it. */
export interface LocalMail {
  to: string;
  subject: string;
  text: string;
  at: string;
}

export interface AccountState {
  signedIn: boolean;
  /** The signed-in account, or null (signed out, or signed in while the server is away). */
  me: Me | null;
}

export type QueueState =
  'queued' | 'initiating' | 'uploading' | 'completing' | 'done' | 'failed' | 'paused' | 'cancelled';

/** One item of the upload queue as the panel shows it. */
export interface QueueItem {
  id: string;
  /** What it is, e.g. "My video — video" or the file name. */
  label: string;
  state: QueueState;
  bytesDone: number;
  bytesTotal: number;
  /** Bytes per second over the last seconds, 0 when idle. */
  rate: number;
  /** Seconds left, or null when unknown. */
  etaSeconds: number | null;
  attempts: number;
  lastError: string | null;
  /** True for failures that will not be retried automatically. */
  permanent: boolean;
  kind: 'video' | 'asset' | 'avatar';
  /** The local project a video publish comes from. */
  projectId: string | null;
  /** What a finished item produced (the published video and its share link). */
  result: { videoId?: string | undefined; shareUrl?: string | undefined } | null;
}

export type QueueAction = 'pause' | 'resume' | 'retry' | 'cancel';

export interface PublishInput {
  projectId: string;
  title: string;
  description: string;
  visibility: 'public' | 'unlisted';
  sharePrompt: boolean;
}

/** A local project that can be published (rendered). */
export interface PublishableProject {
  id: string;
  title: string;
  idea: string;
  status: string;
}

export interface CloudApi {
  serverStatus(): Promise<ServerStatus>;
  account(): Promise<AccountState>;
  signUp(input: { email: string; password: string; username: string }): Promise<void>;
  verifyEmail(token: string): Promise<void>;
  signIn(input: { email: string; password: string }): Promise<void>;
  signOut(): Promise<void>;
  forgotPassword(email: string): Promise<void>;
  resetPassword(input: { token: string; password: string }): Promise<void>;
  updateProfile(input: { username?: string; avatar?: FileHandle | null }): Promise<Me>;
  credits(
    cursor: string | null,
  ): Promise<{ balance: number; entries: CreditEntry[]; nextCursor: string | null }>;
  prices(): Promise<Record<string, number>>;
  /** Embedded server only: the emails it wrote, newest first (empty with a cloud server). */
  localMail(): Promise<LocalMail[]>;

  feed(cursor: string | null): Promise<VideoPage>;
  react(
    videoId: string,
    reaction: Reaction,
  ): Promise<{ likes: number; dislikes: number; myReaction: Reaction }>;
  view(videoId: string): Promise<{ views: number; counted: boolean }>;
  /** Creates the local remix project; resolves with its id. */
  /** A new local remix project; `promptShared` false = it starts blank (lineage only). */
  recreate(videoId: string): Promise<{ projectId: string; promptShared: boolean }>;

  profile(userId: string): Promise<Profile>;
  userVideos(userId: string, cursor: string | null): Promise<VideoPage>;
  likedVideos(userId: string, cursor: string | null): Promise<VideoPage>;
  leaderboard(limit: number): Promise<Profile[]>;

  publishableProjects(): Promise<PublishableProject[]>;
  /** Queues the publish; resolves with its queue item (follow it in `queue()`). */
  publish(input: PublishInput): Promise<QueueItem>;

  /** Asks the sync API now whether it answers; resolves with the answer. */
  checkServer(): Promise<boolean>;
  queue(): Promise<QueueItem[]>;
  queueAction(action: QueueAction, itemId: string | null): Promise<void>;
  /** Calls `listener` whenever the queue changes; returns the unsubscribe. */
  onQueueChange(listener: () => void): () => void;
  /** Calls `listener` when the server becomes reachable or unreachable; returns the unsubscribe. */
  onServerChange(listener: (reachable: boolean) => void): () => void;
  /** Calls `listener` when the session ends or starts elsewhere (401 sign-out, login). */
  onAccountChange(listener: () => void): () => void;
}
