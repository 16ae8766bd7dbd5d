/**
 * How the montage comes out: sound (duck the music under the clips, or mute them), brand kit
 * and intro/outro title cards, output preset with its crop focus; then render (or a proxy
 * preview) with progress and cancel, and a one-frame preview of any part.
 */
import { useQuery } from '@tanstack/react-query';
import { MontagePreset, type MontageAudioMode } from '../../../shared/contract/montage.contract';
import type { RenderJob, RenderProgress } from '../../../shared/contract/render.contract';
import { PRESETS } from '../../../shared/presets';
import { useClient } from '../../platform/client-context';
import { FocusPicker, type Focus } from './FocusPicker';

export interface OutputSettings {
  audio: MontageAudioMode;
  brandKitId: string;
  intro: string;
  outro: string;
  preset: MontagePreset;
  focus: Focus;
}

export const DEFAULT_OUTPUT: OutputSettings = {
  audio: 'duck',
  brandKitId: '',
  intro: '',
  outro: '',
  preset: 'tiktok',
  focus: { x: 0.5, y: 0.5 },
};

export function MontageOutput(props: {
  settings: OutputSettings;
  onChange: (settings: OutputSettings) => void;
  hasMusic: boolean;
  canRender: boolean;
  render: {
    job: RenderJob | null;
    progress: RenderProgress | null;
    error: string | null;
    running: boolean;
  };
  onRender: (proxy: boolean) => void;
  onCancel: () => void;
  onOpenOutput: () => void;
  onPreviewCard: (which: 'intro' | 'outro') => void;
}) {
  const client = useClient();
  const kits = useQuery({
    queryKey: ['brandKits'],
    queryFn: () => client.call('brandKits.list', {}),
  });
  const { settings, onChange, render } = props;
  const set = <K extends keyof OutputSettings>(key: K, value: OutputSettings[K]) =>
    onChange({ ...settings, [key]: value });
  const percent = render.progress?.percent ?? (render.job?.status === 'done' ? 100 : 0);
  const vertical = PRESETS[settings.preset].width < PRESETS[settings.preset].height * (16 / 9);

  return (
    <div className="panel">
      <h2>Output</h2>
      <div className="montage-output">
        <div>
          <fieldset>
            <legend>Sound</legend>
            <label className="field checkbox">
              <input
                type="radio"
                name="montage-audio"
                checked={settings.audio === 'duck'}
                onChange={() => set('audio', 'duck')}
              />
              Keep clip sound, duck the music under it
            </label>
            <label className="field checkbox">
              <input
                type="radio"
                name="montage-audio"
                checked={settings.audio === 'mute'}
                onChange={() => set('audio', 'mute')}
              />
              Mute clip sound (music only)
            </label>
            {!props.hasMusic && (
              <p className="muted small">Without music the clips keep their sound.</p>
            )}
          </fieldset>
          <label className="field">
            Brand kit
            <select value={settings.brandKitId} onChange={(e) => set('brandKitId', e.target.value)}>
              <option value="">None (dark card, white text)</option>
              {(kits.data ?? []).map((kit) => (
                <option key={kit.id} value={kit.id}>
                  {kit.name}
                </option>
              ))}
            </select>
          </label>
          <div className="row title-row">
            <label className="field">
              Intro title
              <input
                type="text"
                maxLength={120}
                placeholder="No intro"
                value={settings.intro}
                onChange={(e) => set('intro', e.target.value)}
              />
            </label>
            <button
              type="button"
              className="ghost"
              disabled={!settings.intro.trim() || !props.canRender}
              onClick={() => props.onPreviewCard('intro')}
            >
              Preview intro
            </button>
          </div>
          <div className="row title-row">
            <label className="field">
              Outro title
              <input
                type="text"
                maxLength={120}
                placeholder="No outro"
                value={settings.outro}
                onChange={(e) => set('outro', e.target.value)}
              />
            </label>
            <button
              type="button"
              className="ghost"
              disabled={!settings.outro.trim() || !props.canRender}
              onClick={() => props.onPreviewCard('outro')}
            >
              Preview outro
            </button>
          </div>
        </div>
        <div>
          <label className="field">
            Output preset
            <select
              value={settings.preset}
              onChange={(e) => set('preset', MontagePreset.parse(e.target.value))}
            >
              {MontagePreset.options.map((id) => (
                <option key={id} value={id}>
                  {PRESETS[id].label}
                </option>
              ))}
            </select>
          </label>
          {vertical ? (
            <FocusPicker
              preset={settings.preset}
              focus={settings.focus}
              onChange={(focus) => set('focus', focus)}
            />
          ) : (
            <p className="muted small">16:9: the whole picture is kept, no crop.</p>
          )}
        </div>
        <div className="render-col">
          <div className="render-row">
            {render.running ? (
              <button type="button" onClick={props.onCancel}>
                Cancel render
              </button>
            ) : (
              <>
                <button
                  type="button"
                  disabled={!props.canRender}
                  onClick={() => props.onRender(true)}
                >
                  Render proxy preview
                </button>
                <button
                  type="button"
                  className="primary"
                  disabled={!props.canRender}
                  onClick={() => props.onRender(false)}
                >
                  Render…
                </button>
              </>
            )}
          </div>
          {render.job && (
            <div className="render-status">
              <div
                className="progress"
                role="progressbar"
                aria-label="Render"
                aria-valuemin={0}
                aria-valuemax={100}
                aria-valuenow={Math.round(percent)}
              >
                <div className="progress-fill" style={{ width: `${String(percent)}%` }} />
                <span className="small" data-testid="render-status">
                  {render.job.status} {render.job.outputName} {Math.round(percent)}%
                  {render.progress?.etaSeconds != null && render.job.status === 'running'
                    ? ` · ${String(Math.ceil(render.progress.etaSeconds))} s left`
                    : ''}
                </span>
              </div>
              {render.job.status === 'done' && (
                <p className="small">
                  Done in {render.job.seconds?.toFixed(1)} s with {render.job.encoder}.{' '}
                  <button type="button" className="ghost" onClick={props.onOpenOutput}>
                    Open {render.job.outputName}
                  </button>
                </p>
              )}
              {render.job.error && (
                <p role="alert" className="bad small">
                  {render.job.error.message}
                </p>
              )}
            </div>
          )}
          {render.error && (
            <p role="alert" className="bad small">
              {render.error}
            </p>
          )}
        </div>
      </div>
    </div>
  );
}
