import { describe, expect, it } from 'vitest';
import { CLOUD_MEDIA_SOURCES, contentSecurityPolicy, mediaOrigin } from './csp';

describe('content security policy', () => {
  it('lets feed videos and posters load from the sync API storage, scripts stay ours', () => {
    const policy = contentSecurityPolicy({
      media: [...CLOUD_MEDIA_SOURCES, 'http://studio.lan:8787'],
    });
    const directive = (name: string) =>
      policy
        .split('; ')
        .find((d) => d.startsWith(`${name} `))
        ?.split(' ')
        .slice(1);
    expect(directive('img-src')).toEqual(
      expect.arrayContaining(['http://127.0.0.1:*', 'https:', 'http://studio.lan:8787']),
    );
    expect(directive('media-src')).toEqual(directive('img-src'));
    expect(directive('script-src')).toEqual(["'self'"]);
    expect(directive('connect-src')).toEqual(["'self'"]);
  });

  it('takes the origin of a configured cloud URL, nothing from other schemes', () => {
    expect(mediaOrigin('http://studio.lan:8787/api/')).toBe('http://studio.lan:8787');
    expect(mediaOrigin('https://cloud.example.com')).toBe('https://cloud.example.com');
    expect(mediaOrigin('javascript:alert(1)')).toBeNull();
    expect(mediaOrigin(null)).toBeNull();
    expect(mediaOrigin('not a url')).toBeNull();
  });
});
