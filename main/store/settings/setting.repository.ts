/**
 * Settings rows: one JSON value per key.
 */
import type { Store } from '../db/store';

/** Every stored setting, values parsed; undecodable values are skipped. */
export function readSettings(store: Store): Map<string, unknown> {
  const values = new Map<string, unknown>();
  for (const row of store.all(store.db.selectFrom('settings').selectAll())) {
    try {
      values.set(row.key, JSON.parse(row.value_json));
    } catch {
      // A damaged value falls back to its default.
    }
  }
  return values;
}

/** Upserts settings in one transaction. */
export function writeSettings(
  store: Store,
  entries: Record<string, unknown>,
  now = Date.now(),
): void {
  store.transaction(() => {
    for (const [key, value] of Object.entries(entries)) {
      const value_json = JSON.stringify(value);
      store.run(
        store.db
          .insertInto('settings')
          .values({ key, value_json, updated_at: now })
          .onConflict((oc) => oc.column('key').doUpdateSet({ value_json, updated_at: now })),
      );
    }
  });
}
