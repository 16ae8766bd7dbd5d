/**
 * Settings: the ffmpeg/ffprobe paths, language, hardware encoding and generation providers.
 * Saved as you change them.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState, type SyntheticEvent } from 'react';
import type { Settings, SettingsPatch } from '../../../shared/contract/settings.contract';
import { useToasts } from '../../app/toasts';
import { useClient } from '../../platform/client-context';
import { GenerationSettings } from './GenerationSettings';

function PathField(props: {
  id: string;
  label: string;
  value: string | null;
  onSave: (value: string | null) => void;
}) {
  const [text, setText] = useState(props.value ?? '');
  useEffect(() => setText(props.value ?? ''), [props.value]);
  const submit = (event: SyntheticEvent) => {
    event.preventDefault();
    props.onSave(text.trim() === '' ? null : text.trim());
  };
  return (
    <form className="field" onSubmit={submit}>
      <label htmlFor={props.id}>{props.label}</label>
      <div className="row">
        <input
          id={props.id}
          value={text}
          placeholder="Automatic"
          onChange={(e) => setText(e.target.value)}
          spellCheck={false}
        />
        <button type="submit">Save</button>
      </div>
    </form>
  );
}

const OFFLINE_KEYS = [
  'scriptProvider',
  'imageProvider',
  'speechProvider',
  'transcriptionProvider',
] as const;

export default function SettingsPage() {
  const client = useClient();
  const toasts = useToasts();
  const queryClient = useQueryClient();
  const settings = useQuery({
    queryKey: ['settings'],
    queryFn: () => client.call('settings.get', {}),
  });
  const info = useQuery({
    queryKey: ['app.info'],
    queryFn: () => client.call('app.info', {}),
  });
  const save = useMutation({
    mutationFn: (patch: SettingsPatch) => client.call('settings.set', patch),
    onSuccess: (next: Settings) => {
      queryClient.setQueryData(['settings'], next);
      void queryClient.invalidateQueries({ queryKey: ['app.info'] });
      toasts.show({ kind: 'success', message: 'Settings saved' });
    },
    onError: (error) => toasts.show({ kind: 'error', message: error.message }),
  });

  return (
    <section className="page">
      <h1>Settings</h1>
      {settings.isPending && <p className="muted">Loading settings…</p>}
      {settings.isError && (
        <div role="alert" className="panel error-panel">
          <p>Could not load settings: {settings.error.message}</p>
          <button type="button" onClick={() => void settings.refetch()}>
            Retry
          </button>
        </div>
      )}
      {settings.data && (
        <div className="panel">
          <h2>Rendering</h2>
          <PathField
            id="ffmpeg-path"
            label="ffmpeg path (empty: FFMPEG_BIN, then the bundled ffmpeg, then PATH)"
            value={settings.data.ffmpegPath}
            onSave={(ffmpegPath) => save.mutate({ ffmpegPath })}
          />
          <p className="muted small" data-testid="settings-ffmpeg">
            {!info.data
              ? 'Looking for ffmpeg…'
              : info.data.ffmpeg.found
                ? `Using ${info.data.ffmpeg.version} (${info.data.ffmpeg.path})`
                : `ffmpeg not found: ${info.data.ffmpeg.message}`}
          </p>
          <PathField
            id="ffprobe-path"
            label="ffprobe path (empty: FFPROBE_BIN, then beside ffmpeg, then PATH)"
            value={settings.data.ffprobePath}
            onSave={(ffprobePath) => save.mutate({ ffprobePath })}
          />
          <div className="field checkbox">
            <input
              id="hw-encoding"
              type="checkbox"
              checked={settings.data.hardwareEncoding}
              onChange={(e) => save.mutate({ hardwareEncoding: e.target.checked })}
            />
            <label htmlFor="hw-encoding">
              Use a hardware video encoder when this machine has one
            </label>
          </div>
          <h2>Data folder</h2>
          <p className="small">
            <code>{info.data?.dataDir ?? '…'}</code>
          </p>
          <p className="muted small">
            Start Reelsmith with <code>--data-dir</code> (or REELSMITH_DATA_DIR) to use another
            folder.
          </p>
          <h2>Offline mode</h2>
          <div className="field checkbox">
            <input
              id="offline-mode"
              type="checkbox"
              checked={OFFLINE_KEYS.every((k) => settings.data[k] === 'offline')}
              onChange={(e) => {
                const kind = e.target.checked ? 'offline' : 'openai-compatible';
                save.mutate(Object.fromEntries(OFFLINE_KEYS.map((k) => [k, kind])));
              }}
            />
            <label htmlFor="offline-mode">
              Offline: scripts, pictures, voice and word timings are made on this computer, with no
              network at all
            </label>
          </div>
          <h2>Language</h2>
          <div className="field">
            <label htmlFor="language">Language</label>
            <select
              id="language"
              value={settings.data.language}
              onChange={(e) => save.mutate({ language: e.target.value })}
            >
              <option value="en">English</option>
              <option value="es">Español</option>
              <option value="de">Deutsch</option>
              <option value="fr">Français</option>
              <option value="pt-BR">Português (Brasil)</option>
              <option value="ja">日本語</option>
              <option value="ar">العربية</option>
            </select>
          </div>
          <GenerationSettings settings={settings.data} save={(patch) => save.mutate(patch)} />
        </div>
      )}
    </section>
  );
}
