/**
 * Builds real services for generation tests: a temporary data folder, an in-memory secret store,
 * settings pointing every capability at a fake OpenAI-compatible server, and instant retries.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { GenerationProgress } from '../../../../shared/contract/generate.contract';
import { MemorySecretStore } from '../../../secrets/secret-store';
import { createServices, type Services } from '../../../services';
import { createMemoryLogger } from '../../../util/logger';

export interface Harness {
  services: Services;
  progress: GenerationProgress[];
  dataDir: string;
}

export async function createGenerationHarness(options: {
  baseUrl: string | null;
  dataDir?: string;
  apiKey?: string;
}): Promise<Harness> {
  const dataDir = options.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'reelsmith-gen-'));
  const secretStore = new MemorySecretStore();
  const services = createServices({
    dataDir,
    shell: 'test',
    lock: false,
    env: { PATH: process.env.PATH, FFMPEG_BIN: process.env.FFMPEG_BIN ?? '/usr/bin/ffmpeg' },
    log: createMemoryLogger(),
    secretStore,
    generation: { openAi: { retry: { sleep: () => Promise.resolve(), random: () => 0 } } },
  });
  if (options.baseUrl !== null) {
    await services.secrets.set('openai-api-key', options.apiKey ?? 'sk-harness');
    services.settings.set({
      openaiBaseUrl: options.baseUrl,
      scriptProvider: 'openai-compatible',
      imageProvider: 'openai-compatible',
      speechProvider: 'openai-compatible',
      transcriptionProvider: 'openai-compatible',
      scriptModel: 'fake-llm',
      imageModel: 'fake-image',
      speechModel: 'fake-tts',
      transcriptionModel: 'fake-whisper',
    });
  }
  const progress: GenerationProgress[] = [];
  services.events.on('generate.progress', (p) => progress.push(p));
  return { services, progress, dataDir };
}
