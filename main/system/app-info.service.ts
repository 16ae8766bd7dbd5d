/**
 * Answers `app.info`: what this installation is and which ffmpeg/ffprobe it will use.
 */
import type { AppInfo, ShellKind, ToolInfo } from '../../shared/contract/app.contract';
import { APP_VERSION } from '../config/version';
import type { SettingsService } from '../settings/settings.service';
import { locateFfmpeg, locateFfprobe } from './tool-locator';

export interface Tools {
  ffmpeg: ToolInfo;
  ffprobe: ToolInfo;
}

export class AppInfoService {
  private tools: Promise<Tools> | undefined;

  constructor(
    private readonly options: { shell: ShellKind; dataDir: string; env: NodeJS.ProcessEnv },
    private readonly settings: SettingsService,
  ) {
    // Paths may change in Settings: look again next time.
    settings.onChange(() => {
      this.tools = undefined;
    });
  }

  /** ffmpeg and ffprobe as found now (cached until the settings change). */
  locateTools(): Promise<Tools> {
    this.tools ??= (async () => {
      const current = this.settings.get();
      const ffmpeg = await locateFfmpeg({ settingPath: current.ffmpegPath, env: this.options.env });
      const ffprobe = await locateFfprobe(
        { settingPath: current.ffprobePath, env: this.options.env },
        ffmpeg,
      );
      return { ffmpeg, ffprobe };
    })();
    return this.tools;
  }

  async info(): Promise<AppInfo> {
    const tools = await this.locateTools();
    return {
      name: 'Reelsmith',
      version: APP_VERSION,
      platform: process.platform,
      arch: process.arch,
      shell: this.options.shell,
      nodeVersion: process.versions.node,
      electronVersion: (process.versions as Partial<Record<string, string>>).electron ?? null,
      dataDir: this.options.dataDir,
      ...tools,
    };
  }
}
