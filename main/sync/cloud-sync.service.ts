/**
 * The cloud side of the studio, composed: which sync API to use (a cloud URL, else the embedded
 * one), the signed-in session, the upload queue, publishing, and the account and social
 * operations the renderer reaches through main.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { assetsApi, type AssetTypeName } from '../../shared/api/assets.api';
import { authApi } from '../../shared/api/auth.api';
import { generateApi } from '../../shared/api/generate.api';
import { meApi } from '../../shared/api/me.api';
import { usersApi } from '../../shared/api/users.api';
import { videosApi, type Reaction } from '../../shared/api/videos.api';
import type { LocalMail, SessionState } from '../../shared/contract/account.contract';
import type { RemixSource } from '../../shared/contract/social.contract';
import type { QueueItem } from '../../shared/contract/sync.contract';
import { AppError } from '../../shared/errors';
import type { FileRegistry } from '../files/file-registry';
import type { RenderJobStore } from '../pipeline/render/render-job-store';
import type { EventBus } from '../rpc/event-bus';
import type { Logger } from '../rpc/router';
import type { SecretsService } from '../secrets/secrets.service';
import type { SettingsService } from '../settings/settings.service';
import type { Store } from '../store/db/store';
import type { ProjectsService } from '../store/projects/projects.service';
import { CloudClient } from './cloud/cloud-client';
import { SecretSessionVault, type SessionVault } from './cloud/session-vault';
import { EmbeddedSyncServer } from './embedded-server';
import { publishedOf } from './outbox/outbox.repository';
import type { BackoffPolicy } from './outbox/backoff';
import { UploadQueue } from './outbox/upload-queue';
import { avatarType } from './publish/avatar-type';
import { findRenderedOutput } from './publish/rendered-output';
import { videoDuration, videoThumbnail } from './publish/video-facts';

export interface CloudSyncDeps {
  dataDir: string;
  store: Store;
  settings: Pick<SettingsService, 'get' | 'set'>;
  secrets: Pick<SecretsService, 'get' | 'setPrivate' | 'deletePrivate'>;
  events: EventBus;
  log: Logger;
  projects: ProjectsService;
  renderJobs: RenderJobStore;
  files: Pick<FileRegistry, 'get'>;
  /** ffmpeg and ffprobe paths (thumbnail and duration of a publish). */
  tools: () => Promise<{ ffmpeg: string; ffprobe: string }>;
  /** Run the embedded sync API when no cloud URL is set (only the data-folder owner does). */
  embedded: boolean;
  vault?: SessionVault;
  backoff?: BackoffPolicy;
}

const IMAGE_TYPES: Record<string, string> = {
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.gif': 'image/gif',
};

export class CloudSync {
  readonly client: CloudClient;
  readonly queue: UploadQueue;
  readonly server: EmbeddedSyncServer;
  /** The anonymous viewer id for deduplicated views, one per process. */
  private readonly viewSession = randomBytes(16).toString('base64url');
  private started = false;

  constructor(private readonly deps: CloudSyncDeps) {
    this.server = new EmbeddedSyncServer(deps.dataDir, deps.settings);
    this.client = new CloudClient({
      baseUrl: () => this.baseUrl(),
      vault: deps.vault ?? new SecretSessionVault(deps.secrets),
      onSession: (user, reason) =>
        deps.events.emit('sync.session', { signedIn: user !== null, user, reason }),
      // Every call tells the queue whether the server answered, so the offline banner shows
      // (and clears) with no upload running too.
      onReachability: (reachable) => this.queue.noteReachability(reachable),
    });
    this.queue = new UploadQueue({
      store: deps.store,
      client: this.client,
      log: deps.log,
      backoff: deps.backoff,
      events: {
        item: (item) => deps.events.emit('sync.item', item),
        progress: (progress) => deps.events.emit('sync.progress', progress),
        connectivity: (reachable) =>
          deps.events.emit('sync.connectivity', { reachable, serverUrl: this.baseUrl() }),
      },
      limits: () => {
        const s = deps.settings.get();
        return { parallelParts: s.uploadParallelParts, bytesPerSecond: s.uploadLimitKiBps * 1024 };
      },
    });
  }

  /** True when no cloud URL is set: this studio's own sync API is used. */
  get isEmbedded(): boolean {
    return this.deps.settings.get().cloudUrl === null;
  }

  baseUrl(): string {
    const cloud = this.deps.settings.get().cloudUrl;
    if (cloud) return cloud.replace(/\/+$/, '');
    const local = this.server.url();
    if (!local) {
      throw new AppError(
        'UPSTREAM',
        'No sync API: set a cloud URL in settings, or open the studio (it runs one on this machine).',
        { retryable: true, details: { status: 0, offline: true } },
      );
    }
    return local;
  }

  /** Starts the embedded API (when it is ours to run) and the queue; idempotent. */
  async start(): Promise<void> {
    if (this.isEmbedded && this.deps.embedded) await this.server.start();
    if (!this.started) {
      this.started = true;
      this.queue.start();
    }
  }

  async close(): Promise<void> {
    await this.queue.close();
    await this.server.close();
  }

  // ---- account ----------------------------------------------------------------------------

  async session(): Promise<SessionState> {
    let serverUrl = '';
    try {
      serverUrl = this.baseUrl();
    } catch {
      serverUrl = '';
    }
    const session = serverUrl ? await this.client.session() : null;
    return {
      signedIn: session !== null,
      user: session?.user ?? null,
      serverUrl,
      embedded: this.isEmbedded,
    };
  }

  async signup(input: { email: string; password: string; username: string }) {
    await this.start();
    return this.client.call(authApi.signup, { body: input });
  }

  async verify(token: string) {
    await this.start();
    return this.client.call(authApi.verify, { body: { token } });
  }

  async login(email: string, password: string): Promise<SessionState> {
    await this.start();
    await this.client.login(email, password);
    return this.session();
  }

  async logout(): Promise<SessionState> {
    await this.client.logout();
    return this.session();
  }

  async forgotPassword(email: string) {
    await this.start();
    return this.client.call(authApi.forgot, { body: { email } });
  }

  async resetPassword(token: string, password: string) {
    await this.start();
    return this.client.call(authApi.reset, { body: { token, password } });
  }

  async me() {
    await this.start();
    return this.client.call(meApi.get, {});
  }

  async updateAccount(input: {
    username?: string | undefined;
    avatarFileId?: string | null | undefined;
  }) {
    await this.start();
    if (input.avatarFileId) {
      const file = this.deps.files.get(input.avatarFileId);
      const item = await this.queue.enqueue({
        kind: 'avatar',
        title: 'Avatar',
        projectId: null,
        payload: {},
        uploads: [
          {
            role: 'avatar',
            path: file.path,
            uploadKind: 'avatar',
            contentType: await avatarType(file.path),
          },
        ],
      });
      await this.queue.waitFor(item.id, 120_000);
    }
    const body: { username?: string; avatarUploadId?: null } = {};
    if (input.username !== undefined) body.username = input.username;
    if (input.avatarFileId === null) body.avatarUploadId = null;
    if (Object.keys(body).length === 0) return this.client.call(meApi.get, {});
    return this.client.call(meApi.patch, { body });
  }

  async credits(cursor: string | undefined, limit: number) {
    await this.start();
    return this.client.call(meApi.credits, { query: { cursor, limit } });
  }

  async prices() {
    await this.start();
    return this.client.call(generateApi.prices, {});
  }

  /** The embedded server's emails (verification and reset links), newest first. */
  async localMail(limit: number): Promise<{ messages: LocalMail[] }> {
    if (!this.isEmbedded) {
      throw new AppError('UNSUPPORTED', 'Emails are sent by the cloud server; check your inbox.');
    }
    await this.server.idle();
    const dir = path.join(this.server.folder, 'outbox');
    if (!fs.existsSync(dir)) return { messages: [] };
    const files = fs
      .readdirSync(dir)
      .filter((f) => f.endsWith('.eml'))
      .sort()
      .reverse()
      .slice(0, limit);
    return {
      messages: files.map((f) =>
        parseMail(fs.readFileSync(path.join(dir, f), 'utf8'), fs.statSync(path.join(dir, f)).mtime),
      ),
    };
  }

  // ---- social -----------------------------------------------------------------------------

  async feed(cursor: string | undefined, limit: number) {
    await this.start();
    return this.client.call(videosApi.feed, { query: { cursor, limit } });
  }

  async video(id: string) {
    await this.start();
    return this.client.call(videosApi.get, { id });
  }

  async updateVideo(
    id: string,
    patch: {
      title?: string | undefined;
      description?: string | null | undefined;
      visibility?: 'public' | 'unlisted' | undefined;
    },
  ) {
    await this.start();
    return this.client.call(videosApi.patch, { id, body: stripUndefined(patch) });
  }

  async unpublishVideo(id: string, unpublished: boolean) {
    await this.start();
    return this.client.call(videosApi.patch, { id, body: { unpublished } });
  }

  async deleteVideo(id: string) {
    await this.start();
    return this.client.call(videosApi.delete, { id });
  }

  async reportVideo(id: string, reason: string) {
    await this.start();
    return this.client.call(videosApi.report, { id, body: { reason } });
  }

  async react(id: string, reaction: Reaction) {
    await this.start();
    return this.client.call(videosApi.reaction, { id, body: { reaction } });
  }

  async view(id: string) {
    await this.start();
    return this.client.call(videosApi.view, { id, body: { sessionId: this.viewSession } });
  }

  /** A new local draft carrying the source video's prompt, with the lineage in settings.remix. */
  async recreate(id: string, title: string | undefined) {
    await this.start();
    const source = await this.client.call(videosApi.recreate, { id });
    const remix: RemixSource = {
      sourceVideoId: source.sourceVideoId,
      title: source.title,
      prompt: source.prompt,
      durationSeconds: source.durationSeconds,
      lineage: source.lineage,
    };
    const project = this.deps.projects.create({
      title: title ?? `Remix of ${source.title}`.slice(0, 200),
      // No shared prompt: the remix starts blank (the lineage still links the source).
      idea: source.prompt ?? '',
      settings: { remix },
    });
    return { project, remix };
  }

  async user(id: string) {
    await this.start();
    return this.client.call(usersApi.get, { id });
  }

  async userVideos(id: string, cursor: string | undefined, limit: number) {
    await this.start();
    return this.client.call(usersApi.videos, { id, query: { cursor, limit } });
  }

  async likedVideos(id: string, cursor: string | undefined, limit: number) {
    await this.start();
    return this.client.call(usersApi.liked, { id, query: { cursor, limit } });
  }

  async leaderboard(limit: number) {
    await this.start();
    return this.client.call(usersApi.leaderboard, { query: { limit } });
  }

  async asset(id: string) {
    await this.start();
    return this.client.call(assetsApi.get, { id });
  }

  async deleteAsset(id: string) {
    await this.start();
    return this.client.call(assetsApi.delete, { id });
  }

  // ---- publish ----------------------------------------------------------------------------

  /** The file a publish of this project (or render job) would upload. */
  renderedOutput(projectId: string) {
    return findRenderedOutput(
      { renderJobs: this.deps.renderJobs, projects: this.deps.projects },
      projectId,
    );
  }

  /** Queues the publish of a project's last render: video + thumbnail, then POST /v1/videos. */
  async publish(input: {
    projectId: string;
    title: string;
    description?: string | undefined;
    prompt?: string | undefined;
    /** False publishes no prompt (default true: the given prompt, else the project's idea). */
    sharePrompt?: boolean | undefined;
    visibility: 'public' | 'unlisted';
    sourceVideoId?: string | undefined;
  }): Promise<QueueItem> {
    await this.start();
    if (!(await this.client.session())) {
      throw new AppError('UNAUTHORIZED', 'Sign in to your Reelsmith account to publish.');
    }
    const output = this.renderedOutput(input.projectId);
    const tools = await this.deps.tools();
    const durationSeconds = await videoDuration(tools.ffprobe, output.path);
    const thumbnail = await videoThumbnail(
      tools.ffmpeg,
      output.path,
      durationSeconds,
      path.join(this.deps.dataDir, 'sync', 'thumbnails'),
      `${input.projectId.replace(/[^\w-]/g, '_')}-${Date.now()}`,
    );
    const sourceVideoId = input.sourceVideoId ?? output.sourceVideoId ?? undefined;
    const prompt =
      input.sharePrompt === false
        ? undefined
        : input.prompt?.trim() || output.prompt?.trim() || undefined;
    return this.queue.enqueue({
      kind: 'video',
      title: input.title,
      projectId: output.projectId,
      payload: stripUndefined({
        title: input.title,
        description: input.description,
        prompt: prompt?.slice(0, 4000),
        durationSeconds: Math.min(3600, Math.round(durationSeconds * 1000) / 1000),
        sourceVideoId,
        visibility: input.visibility,
      }),
      uploads: [
        {
          role: 'video',
          path: output.path,
          uploadKind: 'video',
          contentType: videoType(output.path),
        },
        { role: 'thumbnail', path: thumbnail, uploadKind: 'thumbnail', contentType: 'image/jpeg' },
      ],
    });
  }

  /** Queues an image file as a public asset link (for the asset studio). */
  async publishAsset(input: {
    fileId?: string;
    path?: string;
    type: AssetTypeName;
    title: string;
  }): Promise<QueueItem> {
    await this.start();
    if (!(await this.client.session())) {
      throw new AppError('UNAUTHORIZED', 'Sign in to your Reelsmith account to publish.');
    }
    const file = input.path ?? (input.fileId ? this.deps.files.get(input.fileId).path : null);
    if (!file) throw new AppError('VALIDATION', 'Name the image to publish.');
    return this.queue.enqueue({
      kind: 'asset',
      title: input.title,
      projectId: null,
      payload: { type: input.type },
      uploads: [{ role: 'asset', path: file, uploadKind: 'asset', contentType: imageType(file) }],
    });
  }

  published(projectId: string) {
    const row = publishedOf(this.deps.store, projectId);
    return {
      published: row
        ? {
            projectId: row.project_id,
            videoId: row.video_id,
            shareUrl: row.share_url,
            publishedAt: row.published_at,
          }
        : null,
    };
  }
}

function stripUndefined<T extends Record<string, unknown>>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

function imageType(file: string): string {
  const type = IMAGE_TYPES[path.extname(file).toLowerCase()];
  if (!type)
    throw new AppError(
      'UNSUPPORTED',
      `${path.basename(file)}: publish a PNG, JPEG, WebP or GIF image.`,
    );
  return type;
}

function videoType(file: string): string {
  const ext = path.extname(file).toLowerCase();
  if (ext === '.webm') return 'video/webm';
  if (ext === '.mov') return 'video/quicktime';
  return 'video/mp4';
}

/** Enough of an .eml to show: To, Subject and the text body (quoted-printable undone). */
function parseMail(raw: string, at: Date): LocalMail {
  const [head = '', ...rest] = raw.split(/\r?\n\r?\n/);
  const header = (name: string) =>
    new RegExp(`^${name}: (.*)$`, 'mi').exec(head)?.[1]?.trim() ?? '';
  const text = rest
    .join('\n\n')
    .replace(/=\r?\n/g, '')
    .replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  return { to: header('To'), subject: header('Subject'), text, at: at.toISOString() };
}
