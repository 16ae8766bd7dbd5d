import { describe, expect, it } from 'vitest';
import { lastActive, relativeTime } from './last-active';

describe('last active', () => {
  it('takes the newest valid time', () => {
    expect(lastActive(['2026-11-01T00:00:00Z', '2026-11-20T10:00:00Z', null, 'junk'])).toBe(
      '2026-11-20T10:00:00Z',
    );
    expect(lastActive([undefined, null])).toBeNull();
  });

  it('says how long ago', () => {
    const now = Date.parse('2026-11-22T12:00:00Z');
    expect(relativeTime('2026-11-22T11:59:30Z', now)).toBe('just now');
    expect(relativeTime('2026-11-22T11:55:00Z', now)).toBe('5 min ago');
    expect(relativeTime('2026-11-22T09:00:00Z', now)).toBe('3 h ago');
    expect(relativeTime('2026-11-21T12:00:00Z', now)).toBe('1 day ago');
    expect(relativeTime('2026-09-01T00:00:00Z', now)).toBe('2026-09-01');
    expect(relativeTime('nope', now)).toBe('unknown');
  });
});
