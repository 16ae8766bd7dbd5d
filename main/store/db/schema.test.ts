import { describe, expect, it } from 'vitest';
import { useTempDirs } from '../../../tests/helpers/temp-dir';
import { openTempLibrary } from '../testing/temp-library';

const tempDir = useTempDirs();

/** What issue #3 says each table must hold (names ours, content not optional). */
const REQUIRED: Record<string, string[]> = {
  projects: [
    'title',
    'idea',
    'script',
    'status',
    'width',
    'height',
    'fps',
    'platform',
    'brand_kit_id',
    'settings_json',
    'created_at',
    'updated_at',
    'deleted_at',
  ],
  segments: [
    'project_id',
    'position',
    'text',
    'image_prompt',
    'duration_ms',
    'playback_rate',
    'volume',
    'motion',
    'transition',
    'word_timings_json',
  ],
  media: [
    'sha256',
    'kind',
    'mime',
    'bytes',
    'width',
    'height',
    'duration_ms',
    'codec_json',
    'original_name',
    'source',
    'provenance_json',
  ],
  segment_media: ['segment_id', 'media_id', 'role'],
  layers: ['project_id', 'kind', 'media_id', 'settings_json'],
  brand_kits: ['name', 'colors_json', 'fonts_json', 'default_logo_type'],
  brand_kit_logos: ['brand_kit_id', 'type', 'media_id'],
  assets: ['type', 'brand_kit_id', 'media_id'],
  jobs: [
    'type',
    'status',
    'progress',
    'error_json',
    'input_json',
    'output_json',
    'checkpoint_json',
  ],
  outbox: ['kind', 'payload_json', 'idempotency_key', 'status'],
  settings: ['key', 'value_json'],
  schema_migrations: ['id', 'checksum', 'applied_at'],
};

describe('library schema (all migrations)', () => {
  it.each(Object.entries(REQUIRED))('%s holds what the issue asks for', (table, columns) => {
    const library = openTempLibrary(tempDir());
    const present = (
      library.store.sqlite.prepare(`pragma table_info(${table})`).all() as { name: string }[]
    ).map((c) => c.name);
    library.close();
    expect(present).toEqual(expect.arrayContaining(columns));
  });

  it('constrains the enumerations the contract uses', () => {
    const library = openTempLibrary(tempDir());
    const db = library.store.sqlite;
    const refuses = (sql: string) => expect(() => db.prepare(sql).run()).toThrow(/CHECK/);
    refuses(
      "insert into media (id, sha256, kind, mime, bytes, original_name, source, provenance_json, created_at) values ('m', 'x', 'hologram', 'a/b', 1, 'n', 'imported', '{}', 1)",
    );
    refuses(
      "insert into media (id, sha256, kind, mime, bytes, original_name, source, provenance_json, created_at) values ('m', 'x', 'image', 'a/b', 1, 'n', 'stolen', '{}', 1)",
    );
    library.close();
  });
});
