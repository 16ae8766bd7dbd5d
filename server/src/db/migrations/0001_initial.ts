/**
 * The first schema: accounts, sessions, credits ledger, uploads, videos and their social rows.
 *
 * Frozen in time: never edit a released migration, add a new one. The runner checksums
 * `statements`, so an edit is refused on every database that already ran it.
 */
import { sql, type Kysely } from 'kysely';

export const statements = [
  `create table users (
    id uuid primary key default gen_random_uuid(),
    email text not null unique,
    username text not null,
    password_hash text not null,
    email_verified_at timestamptz,
    avatar_upload_id uuid,
    balance integer not null default 0 check (balance >= 0),
    storage_bytes bigint not null default 0 check (storage_bytes >= 0),
    created_at timestamptz not null default now()
  )`,
  `create unique index users_username_key on users (lower(username))`,
  `create table email_tokens (
    token_hash text primary key,
    user_id uuid not null references users (id) on delete cascade,
    purpose text not null check (purpose in ('verify', 'reset')),
    expires_at timestamptz not null,
    used_at timestamptz,
    created_at timestamptz not null default now()
  )`,
  `create table sessions (
    id uuid primary key default gen_random_uuid(),
    user_id uuid not null references users (id) on delete cascade,
    client text not null check (client in ('desktop', 'web', 'script')),
    created_at timestamptz not null default now(),
    revoked_at timestamptz,
    revoked_reason text
  )`,
  `create index sessions_user on sessions (user_id)`,
  `create table refresh_tokens (
    token_hash text primary key,
    session_id uuid not null references sessions (id) on delete cascade,
    created_at timestamptz not null default now(),
    expires_at timestamptz not null,
    used_at timestamptz
  )`,
  `create index refresh_tokens_session on refresh_tokens (session_id)`,
  `create table request_nonces (
    session_id uuid not null references sessions (id) on delete cascade,
    nonce text not null,
    created_at timestamptz not null default now(),
    primary key (session_id, nonce)
  )`,
  `create table throttles (
    key text primary key,
    failures integer not null,
    window_started_at timestamptz not null,
    blocked_until timestamptz
  )`,
  `create table credit_entries (
    id bigserial primary key,
    user_id uuid not null references users (id) on delete cascade,
    delta integer not null,
    reason text not null,
    idempotency_key text not null unique,
    balance_after integer not null check (balance_after >= 0),
    created_at timestamptz not null default now()
  )`,
  `create index credit_entries_user on credit_entries (user_id, id desc)`,
  `create table idempotency_keys (
    user_id uuid not null references users (id) on delete cascade,
    key text not null,
    request_hash text not null,
    status_code integer,
    response jsonb,
    created_at timestamptz not null default now(),
    primary key (user_id, key)
  )`,
  `create table uploads (
    id uuid primary key default gen_random_uuid(),
    user_id uuid not null references users (id) on delete cascade,
    kind text not null check (kind in ('video', 'thumbnail', 'avatar', 'asset')),
    content_type text not null,
    bytes bigint not null check (bytes > 0),
    sha256 text not null,
    status text not null default 'pending'
      check (status in ('pending', 'verifying', 'verified', 'failed', 'aborted')),
    storage_key text not null unique,
    s3_upload_id text,
    part_size integer not null,
    part_count integer not null,
    created_at timestamptz not null default now(),
    completed_at timestamptz
  )`,
  `create index uploads_user on uploads (user_id, created_at desc)`,
  `create table upload_parts (
    upload_id uuid not null references uploads (id) on delete cascade,
    part_number integer not null,
    etag text not null,
    received_at timestamptz not null default now(),
    primary key (upload_id, part_number)
  )`,
  `create function reelsmith_rank(likes integer, dislikes integer, views integer, created_at timestamptz)
    returns double precision language sql immutable parallel safe as $$
      select sign(likes - dislikes + views / 10.0)
               * log(1 + abs(likes - dislikes + views / 10.0))
             + (extract(epoch from created_at) - 1767225600) / 45000.0
    $$`,
  `create table videos (
    id uuid primary key default gen_random_uuid(),
    user_id uuid not null references users (id) on delete cascade,
    title text not null,
    description text,
    prompt text,
    video_upload_id uuid not null references uploads (id),
    thumbnail_upload_id uuid not null references uploads (id),
    duration_seconds double precision not null,
    source_video_id uuid references videos (id) on delete set null,
    visibility text not null check (visibility in ('public', 'unlisted')),
    status text not null check (status in ('processing', 'ready', 'failed', 'unpublished')),
    likes integer not null default 0 check (likes >= 0),
    dislikes integer not null default 0 check (dislikes >= 0),
    views integer not null default 0 check (views >= 0),
    reports integer not null default 0,
    ranking_score double precision not null,
    created_at timestamptz not null default date_trunc('milliseconds', now()),
    deleted_at timestamptz
  )`,
  `create index videos_feed on videos (ranking_score desc, id desc)
    where status = 'ready' and visibility = 'public' and deleted_at is null`,
  `create index videos_user on videos (user_id, created_at desc, id desc) where deleted_at is null`,
  `create index videos_source on videos (source_video_id)`,
  `create index videos_uploads on videos (video_upload_id)`,
  `create table reactions (
    video_id uuid not null references videos (id) on delete cascade,
    user_id uuid not null references users (id) on delete cascade,
    reaction smallint not null default 0 check (reaction in (-1, 0, 1)),
    updated_at timestamptz not null default date_trunc('milliseconds', now()),
    primary key (video_id, user_id)
  )`,
  `create index reactions_liked on reactions (user_id, updated_at desc) where reaction = 1`,
  `create table video_views (
    video_id uuid not null references videos (id) on delete cascade,
    viewer_key text not null,
    viewed_at timestamptz not null default now(),
    primary key (video_id, viewer_key)
  )`,
  `create table video_reports (
    video_id uuid not null references videos (id) on delete cascade,
    user_id uuid not null references users (id) on delete cascade,
    reason text not null,
    created_at timestamptz not null default now(),
    primary key (video_id, user_id)
  )`,
  `create table assets (
    id uuid primary key default gen_random_uuid(),
    user_id uuid not null references users (id) on delete cascade,
    upload_id uuid not null references uploads (id),
    type text not null,
    title text not null,
    created_at timestamptz not null default now(),
    deleted_at timestamptz
  )`,
];

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are frozen in time, typed against no schema
export async function up(db: Kysely<any>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}
