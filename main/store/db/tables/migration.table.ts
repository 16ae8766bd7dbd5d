/**
 * `schema_migrations`: which migrations ran, with the checksum of the SQL each one issued.
 */
export interface MigrationTable {
  id: string;
  checksum: string;
  applied_at: number;
}
