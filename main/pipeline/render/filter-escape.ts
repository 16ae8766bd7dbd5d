/**
 * Escaping for values inside `-filter_complex`.
 *
 * A filter option value is parsed twice: once by the graph parser (where `[ ] , ; ' \` are
 * special) and once by the filter's option parser (where `: ' \` are). Paths with colons
 * (Windows drives) or quotes would otherwise break the graph or name another file.
 */

/** One option value (e.g. a file path) made safe for a filtergraph string. */
export function filterValue(value: string): string {
  const option = value.replace(/[\\':]/g, (c) => `\\${c}`);
  return option.replace(/[\\'[\],;]/g, (c) => `\\${c}`);
}

/** A number for a filter argument: finite, without exponent notation. */
export function num(value: number, digits = 6): string {
  if (!Number.isFinite(value)) throw new RangeError(`not a finite number: ${value}`);
  return String(Number(value.toFixed(digits)));
}
