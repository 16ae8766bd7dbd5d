/**
 * The server's `Database` interface for kysely: one entry per table.
 */
import type { Kysely, Transaction } from 'kysely';
import type {
  AssetsTable,
  ReactionsTable,
  UploadPartsTable,
  UploadsTable,
  VideoReportsTable,
  VideosTable,
  VideoViewsTable,
} from './tables/media.table';
import type {
  CreditEntriesTable,
  EmailTokensTable,
  IdempotencyKeysTable,
  RefreshTokensTable,
  RequestNoncesTable,
  SessionsTable,
  ThrottlesTable,
  UsersTable,
} from './tables/users.table';

export interface Database {
  users: UsersTable;
  email_tokens: EmailTokensTable;
  sessions: SessionsTable;
  refresh_tokens: RefreshTokensTable;
  request_nonces: RequestNoncesTable;
  throttles: ThrottlesTable;
  credit_entries: CreditEntriesTable;
  idempotency_keys: IdempotencyKeysTable;
  uploads: UploadsTable;
  upload_parts: UploadPartsTable;
  videos: VideosTable;
  reactions: ReactionsTable;
  video_views: VideoViewsTable;
  video_reports: VideoReportsTable;
  assets: AssetsTable;
}

export type Db = Kysely<Database>;
/** A database handle or an open transaction: repositories accept either. */
export type DbOrTrx = Kysely<Database> | Transaction<Database>;
