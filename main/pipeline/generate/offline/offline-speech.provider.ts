/**
 * Voice-over without a network: the OS speech engine (espeak-ng on Linux, `say` on macOS,
 * SAPI through PowerShell on Windows) when present, else silence of the estimated length so a
 * project still renders (captions then carry the words).
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { findOnPath } from '../../../system/tool-locator';
import type { CallOptions, SpeechProvider, SpeechRequest, SpeechResult } from '../providers.types';
import { readWavInfo, silenceWav } from '../wav';
import { WORDS_PER_SECOND } from './offline-script.provider';
import { runTool } from '../../../util/run-tool';

/** Voice names of OpenAI's TTS: they mean nothing to an OS engine, which then uses the language. */
const MODEL_VOICES = new Set([
  'alloy',
  'ash',
  'ballad',
  'coral',
  'echo',
  'fable',
  'nova',
  'onyx',
  'sage',
  'shimmer',
  'verse',
  'default',
]);

export interface SpeechEngine {
  name: 'espeak-ng' | 'espeak' | 'say' | 'sapi' | 'silence';
  /** The program to run, or null for silence. */
  file: string | null;
}

/** Finds the OS speech engine for a platform. */
export function findSpeechEngine(
  env: NodeJS.ProcessEnv,
  platform: NodeJS.Platform = process.platform,
): SpeechEngine {
  if (platform === 'darwin') {
    const say = findOnPath('say', env, platform);
    if (say) return { name: 'say', file: say };
  } else if (platform === 'win32') {
    const ps = findOnPath('powershell', env, platform);
    if (ps) return { name: 'sapi', file: ps };
  } else {
    for (const name of ['espeak-ng', 'espeak'] as const) {
      const file = findOnPath(name, env, platform);
      if (file) return { name, file };
    }
  }
  return { name: 'silence', file: null };
}

function engineArgs(engine: SpeechEngine, request: SpeechRequest): string[] {
  const voice = MODEL_VOICES.has(request.voice.toLowerCase()) ? null : request.voice;
  const wordsPerMinute = Math.round(165 * request.speed);
  switch (engine.name) {
    case 'espeak-ng':
    case 'espeak':
      return [
        '-v',
        voice ?? request.language.toLowerCase(),
        '-s',
        String(wordsPerMinute),
        '-w',
        'voice.wav',
        '-f',
        'text.txt',
      ];
    case 'say':
      return [
        ...(voice ? ['-v', voice] : []),
        '-r',
        String(wordsPerMinute),
        '--data-format=LEI16@22050',
        '-o',
        'voice.wav',
        '-f',
        'text.txt',
      ];
    case 'sapi':
      return [
        '-NoProfile',
        '-NonInteractive',
        '-Command',
        'Add-Type -AssemblyName System.Speech; $s = New-Object System.Speech.Synthesis.SpeechSynthesizer; ' +
          `$s.Rate = ${Math.round((request.speed - 1) * 10)}; ` +
          "$s.SetOutputToWaveFile((Join-Path (Get-Location) 'voice.wav')); $s.Speak([IO.File]::ReadAllText((Join-Path (Get-Location) 'text.txt'))); $s.Dispose()",
      ];
    case 'silence':
      return [];
  }
}

export class OfflineSpeechProvider implements SpeechProvider {
  readonly name = 'offline';
  readonly model: string;

  constructor(private readonly engine: SpeechEngine) {
    this.model = engine.name;
  }

  async speak(request: SpeechRequest, options: CallOptions = {}): Promise<SpeechResult> {
    if (!this.engine.file) {
      const words = request.text.split(/\s+/).filter(Boolean).length;
      const durationSec = Math.max(1, words / WORDS_PER_SECOND / request.speed);
      return { wav: silenceWav(durationSec), durationSec, words: null };
    }
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'reelsmith-voice-'));
    try {
      await fs.writeFile(path.join(dir, 'text.txt'), request.text);
      await runTool(this.engine.file, engineArgs(this.engine, request), {
        cwd: dir,
        signal: options.signal,
        timeoutMs: 120_000,
        failure: { code: 'PROVIDER', message: `voice: ${path.basename(this.engine.file)} failed` },
      });
      const wav = await fs.readFile(path.join(dir, 'voice.wav'));
      return { wav, durationSec: readWavInfo(wav).durationSec, words: null };
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  }
}
