import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Library } from '../db/open-library';
import { ProjectsService } from '../projects/projects.service';
import { openTempLibrary, tempDir } from '../testing/temp-library';
import { BrandKitsService } from './brand-kits.service';

let library: Library;
let kits: BrandKitsService;
let cleanup: () => void;
beforeEach(() => {
  const temp = tempDir();
  cleanup = temp.cleanup;
  library = openTempLibrary(temp.dir);
  kits = new BrandKitsService(library.store);
});
afterEach(() => {
  library.close();
  cleanup();
});

describe('brand kits', () => {
  it('creates, updates, lists and deletes; projects lose the kit, not themselves', () => {
    const kit = kits.create({
      name: 'Neon',
      colors: [{ name: 'primary', hex: '#ff00aa' }],
      fonts: { heading: 'Inter' },
    });
    expect(kits.update(kit.id, { defaultLogoType: 'square' }).defaultLogoType).toBe('square');
    expect(kits.list().map((k) => k.name)).toEqual(['Neon']);
    const projects = new ProjectsService(library.store);
    const project = projects.create({ title: 'Branded', brandKitId: kit.id });
    expect(kits.delete(kit.id)).toEqual({ deleted: true });
    expect(projects.get(project.id).brandKitId).toBeNull();
    expect(() => kits.get(kit.id)).toThrow(/No such brand kit/);
  });

  it('refuses logos that are not image media of the library', () => {
    expect(() => kits.create({ name: 'X', logos: [{ type: 'icon', mediaId: 'missing' }] })).toThrow(
      /No such medium/,
    );
    expect(kits.list()).toEqual([]);
  });
});
