import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useTempDirs } from '../../tests/helpers/temp-dir';
import { createServices, type Services } from '../services';
import { makeFixtures } from './testing-fixtures';

const tempDir = useTempDirs();
let services: Services;
let fixtures: ReturnType<typeof makeFixtures>;

beforeAll(() => {
  fixtures = makeFixtures(tempDir());
  services = createServices({ dataDir: tempDir(), shell: 'browser', lock: false });
});
afterAll(() => services.close());

describe('project card thumbnails', () => {
  it("gives each project its first picture's cached thumbnail, served under /media/thumbs", async () => {
    const { media, projects } = services;
    const blue = (await media.importFile({ path: fixtures.png('blue.png', 'blue'), name: 'b.png' }))
      .media;
    const red = (await media.importFile({ path: fixtures.redPng, name: 'r.png' })).media;
    const clip = (await media.importFile({ path: fixtures.mp4, name: 'clip.mp4' })).media;
    const tone = (await media.importFile({ path: fixtures.wav, name: 'tone.wav' })).media;

    const pictures = projects.create({ title: 'Pictures' });
    // The first segment has only a sound: the first picture is the second segment's.
    projects.createSegment(pictures.id, { media: [{ mediaId: tone.id, role: 'audio' }] });
    projects.createSegment(pictures.id, { media: [{ mediaId: blue.id, role: 'visual' }] });
    projects.createSegment(pictures.id, { media: [{ mediaId: red.id, role: 'visual' }] });
    const video = projects.create({ title: 'Video' });
    projects.createSegment(video.id, { media: [{ mediaId: clip.id, role: 'visual' }] });
    const empty = projects.create({ title: 'Empty' });

    const thumbs = await media.projectThumbnails([pictures.id, video.id, empty.id]);
    expect(thumbs.map((t) => t.projectId).sort()).toEqual([pictures.id, video.id].sort());
    const ofPictures = thumbs.find((t) => t.projectId === pictures.id);
    expect(ofPictures?.url).toBe(`/media/thumbs/${blue.sha256}.jpg`);
    const ofVideo = thumbs.find((t) => t.projectId === video.id);
    expect(ofVideo?.url).toBe(`/media/thumbs/${clip.sha256}.jpg`);
    for (const t of thumbs) {
      expect(t.width).toBeGreaterThan(0);
      const file = path.join(media.files.root, t.url.replace('/media/', ''));
      // Small files, made once: asking again does not rewrite them.
      const { size, mtimeMs } = fs.statSync(file);
      expect(size).toBeLessThan(100_000);
      await media.projectThumbnails([t.projectId]);
      expect(fs.statSync(file).mtimeMs).toBe(mtimeMs);
    }

    // Reordering changes the card: the red picture first.
    const order = projects.get(pictures.id).segments.map((s) => s.id);
    projects.reorderSegments(pictures.id, [order[2] ?? '', order[0] ?? '', order[1] ?? '']);
    const [again] = await media.projectThumbnails([pictures.id]);
    expect(again?.url).toBe(`/media/thumbs/${red.sha256}.jpg`);
    expect(await media.projectThumbnails([])).toEqual([]);
  });
});
