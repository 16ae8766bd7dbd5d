/**
 * Brand kits with their logos (image media, one per logo type) and imported fonts (font media).
 */
import { randomUUID } from 'node:crypto';
import type {
  BrandKit,
  BrandKitLineage,
  BrandKitPatch,
} from '../../../shared/contract/brand-kits.contract';
import { AppError } from '../../../shared/errors';
import type { Store } from '../db/store';
import type { BrandKitRow } from '../db/tables/brand-kit.table';
import { parseJson } from '../projects/project.mapper';

type ImportedFonts = NonNullable<BrandKit['fonts']['imported']>;

function toBrandKit(row: BrandKitRow, logos: BrandKit['logos'], fonts: ImportedFonts): BrandKit {
  const families = parseJson<BrandKit['fonts']>(row.fonts_json, {});
  return {
    id: row.id,
    name: row.name,
    palette: {
      primary: row.primary_color,
      secondary: row.secondary_color,
      accent: row.accent_color,
    },
    colors: parseJson<BrandKit['colors']>(row.colors_json, []),
    fonts: {
      ...(families.heading !== undefined && { heading: families.heading }),
      ...(families.body !== undefined && { body: families.body }),
      ...(fonts.length > 0 && { imported: fonts }),
    },
    logos,
    defaultLogoType: row.default_logo_type as BrandKit['defaultLogoType'],
    lineage: parseJson<BrandKit['lineage']>(row.lineage_json, null),
    toneNotes: row.tone_notes,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function logosOf(store: Store, ids: readonly string[]): Map<string, BrandKit['logos']> {
  const map = new Map<string, BrandKit['logos']>();
  if (ids.length === 0) return map;
  const rows = store.all(
    store.db
      .selectFrom('brand_kit_logos')
      .selectAll()
      .where('brand_kit_id', 'in', ids)
      .orderBy('type'),
  );
  for (const row of rows) {
    const list = map.get(row.brand_kit_id) ?? [];
    list.push({ type: row.type as BrandKit['logos'][number]['type'], mediaId: row.media_id });
    map.set(row.brand_kit_id, list);
  }
  return map;
}

function fontsOf(store: Store, ids: readonly string[]): Map<string, ImportedFonts> {
  const map = new Map<string, ImportedFonts>();
  if (ids.length === 0) return map;
  const rows = store.all(
    store.db
      .selectFrom('brand_kit_fonts')
      .selectAll()
      .where('brand_kit_id', 'in', ids)
      .orderBy('family'),
  );
  for (const row of rows) {
    const list = map.get(row.brand_kit_id) ?? [];
    list.push({ family: row.family, mediaId: row.media_id });
    map.set(row.brand_kit_id, list);
  }
  return map;
}

/** Every brand kit by name. */
export function listBrandKits(store: Store): BrandKit[] {
  const rows = store.all(
    store.db.selectFrom('brand_kits').selectAll().orderBy('name').orderBy('id'),
  );
  const logos = logosOf(
    store,
    rows.map((r) => r.id),
  );
  const fonts = fontsOf(
    store,
    rows.map((r) => r.id),
  );
  return rows.map((row) => toBrandKit(row, logos.get(row.id) ?? [], fonts.get(row.id) ?? []));
}

/** One brand kit, or NOT_FOUND. */
export function getBrandKit(store: Store, id: string): BrandKit {
  const row = store.first(store.db.selectFrom('brand_kits').selectAll().where('id', '=', id));
  if (!row) throw new AppError('NOT_FOUND', `No such brand kit: ${id}`);
  return toBrandKit(row, logosOf(store, [id]).get(id) ?? [], fontsOf(store, [id]).get(id) ?? []);
}

function setLogos(store: Store, id: string, logos: BrandKit['logos']): void {
  if (new Set(logos.map((l) => l.type)).size !== logos.length) {
    throw new AppError('VALIDATION', 'logos: at most one logo per type');
  }
  for (const logo of logos) {
    const media = store.first(
      store.db.selectFrom('media').select('kind').where('id', '=', logo.mediaId),
    );
    if (!media) throw new AppError('NOT_FOUND', `No such medium: ${logo.mediaId}`);
    if (media.kind !== 'image')
      throw new AppError('VALIDATION', `logos: ${logo.mediaId} is not an image`);
  }
  store.run(store.db.deleteFrom('brand_kit_logos').where('brand_kit_id', '=', id));
  for (const logo of logos) {
    store.run(
      store.db
        .insertInto('brand_kit_logos')
        .values({ brand_kit_id: id, type: logo.type, media_id: logo.mediaId }),
    );
  }
}

function setFonts(store: Store, id: string, fonts: ImportedFonts): void {
  for (const font of fonts) {
    const media = store.first(
      store.db.selectFrom('media').select('kind').where('id', '=', font.mediaId),
    );
    if (!media) throw new AppError('NOT_FOUND', `No such medium: ${font.mediaId}`);
    if (media.kind !== 'font')
      throw new AppError('VALIDATION', `fonts.imported: ${font.mediaId} is not a font`);
  }
  store.run(store.db.deleteFrom('brand_kit_fonts').where('brand_kit_id', '=', id));
  for (const font of new Map(fonts.map((f) => [f.mediaId, f])).values()) {
    store.run(
      store.db
        .insertInto('brand_kit_fonts')
        .values({ brand_kit_id: id, media_id: font.mediaId, family: font.family }),
    );
  }
}

/** The families of a kit's fonts as stored in `fonts_json` (imported files live in their table). */
function familiesJson(fonts: BrandKit['fonts']): string {
  return JSON.stringify({
    ...(fonts.heading !== undefined && { heading: fonts.heading }),
    ...(fonts.body !== undefined && { body: fonts.body }),
  });
}

/** Inserts a brand kit; returns its id. */
export function insertBrandKit(
  store: Store,
  input: BrandKitPatch & { name: string; lineage?: BrandKitLineage },
  now = Date.now(),
): string {
  const id = randomUUID();
  store.run(
    store.db.insertInto('brand_kits').values({
      id,
      name: input.name,
      colors_json: JSON.stringify(input.colors ?? []),
      fonts_json: familiesJson(input.fonts ?? {}),
      default_logo_type: input.defaultLogoType ?? null,
      lineage_json: input.lineage ? JSON.stringify(input.lineage) : null,
      primary_color: input.palette?.primary ?? null,
      secondary_color: input.palette?.secondary ?? null,
      accent_color: input.palette?.accent ?? null,
      tone_notes: input.toneNotes ?? '',
      created_at: now,
      updated_at: now,
    }),
  );
  if (input.logos) setLogos(store, id, input.logos);
  if (input.fonts?.imported) setFonts(store, id, input.fonts.imported);
  return id;
}

/** Applies a patch; `logos` replaces the set. */
export function updateBrandKit(
  store: Store,
  id: string,
  patch: BrandKitPatch,
  now = Date.now(),
): void {
  getBrandKit(store, id);
  store.run(
    store.db
      .updateTable('brand_kits')
      .set({
        updated_at: now,
        ...(patch.name !== undefined && { name: patch.name }),
        ...(patch.colors !== undefined && { colors_json: JSON.stringify(patch.colors) }),
        ...(patch.fonts !== undefined && { fonts_json: familiesJson(patch.fonts) }),
        ...(patch.defaultLogoType !== undefined && { default_logo_type: patch.defaultLogoType }),
        ...(patch.palette !== undefined && {
          primary_color: patch.palette.primary,
          secondary_color: patch.palette.secondary,
          accent_color: patch.palette.accent,
        }),
        ...(patch.toneNotes !== undefined && { tone_notes: patch.toneNotes }),
      })
      .where('id', '=', id),
  );
  if (patch.logos) setLogos(store, id, patch.logos);
  if (patch.fonts) setFonts(store, id, patch.fonts.imported ?? []);
}

/** Deletes a brand kit (projects and assets keep working without it). */
export function deleteBrandKit(store: Store, id: string): boolean {
  return store.run(store.db.deleteFrom('brand_kits').where('id', '=', id)) > 0;
}

/** What makes two kits the same kit: everything but ids, times and lineage. */
function contentKey(kit: Omit<BrandKit, 'id' | 'createdAt' | 'updatedAt' | 'lineage'>): string {
  return JSON.stringify([
    kit.name,
    [kit.palette.primary, kit.palette.secondary, kit.palette.accent].map((c) => c?.toLowerCase()),
    kit.colors.map((c) => [c.name, c.hex.toLowerCase()]),
    kit.toneNotes,
    [kit.fonts.heading ?? null, kit.fonts.body ?? null],
    [...new Map((kit.fonts.imported ?? []).map((f) => [f.mediaId, f.family])).entries()].sort(),
    kit.defaultLogoType,
    kit.logos.map((l) => [l.type, l.mediaId]).sort(),
  ]);
}

/**
 * The id of a kit with exactly this content (logos compared by medium, and media are
 * deduplicated by hash), or of a new kit inserted with `lineage`. Opening the same bundle twice,
 * or two projects sharing a kit, gives one kit, not copies.
 */
export function findOrInsertBrandKit(
  store: Store,
  kit: Omit<BrandKit, 'id' | 'createdAt' | 'updatedAt' | 'lineage'>,
  lineage: BrandKitLineage,
): string {
  const key = contentKey(kit);
  const same = listBrandKits(store).find((k) => k.name === kit.name && contentKey(k) === key);
  if (same) return same.id;
  return insertBrandKit(store, { ...kit, lineage });
}
