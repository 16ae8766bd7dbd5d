/**
 * Settings → Generation: who writes, draws, speaks and times words (an OpenAI-compatible server
 * or this machine alone), the server's URL and models, and the API key. The key is written and
 * checked here but never read back: `secrets.has` only says whether and where it is stored.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState, type SyntheticEvent } from 'react';
import type { SecretStatus } from '../../../shared/contract/secrets.contract';
import type { GenerateAction } from '../../../shared/api/generate.api';
import type {
  ProviderKind,
  Settings,
  SettingsPatch,
} from '../../../shared/contract/settings.contract';
import { usePrices } from '../account/queries';
import { useToasts } from '../../app/toasts';
import { useClient } from '../../platform/client-context';

type TextKey = 'scriptModel' | 'imageModel' | 'speechModel' | 'transcriptionModel' | 'voice';
type ProviderKey = 'scriptProvider' | 'imageProvider' | 'speechProvider' | 'transcriptionProvider';

const CAPABILITIES: {
  key: ProviderKey;
  model: TextKey;
  label: string;
  action: GenerateAction;
  per: string;
}[] = [
  { key: 'scriptProvider', model: 'scriptModel', label: 'Script', action: 'script', per: 'script' },
  { key: 'imageProvider', model: 'imageModel', label: 'Images', action: 'image', per: 'image' },
  { key: 'speechProvider', model: 'speechModel', label: 'Voice', action: 'speech', per: 'clip' },
  {
    key: 'transcriptionProvider',
    model: 'transcriptionModel',
    label: 'Word timings',
    action: 'transcription',
    per: 'clip',
  },
];

const KINDS: ProviderKind[] = ['offline', 'openai-compatible', 'cloud'];

function TextField(props: {
  id: string;
  label: string;
  value: string;
  placeholder?: string;
  onSave: (value: string) => void;
}) {
  const [text, setText] = useState(props.value);
  useEffect(() => setText(props.value), [props.value]);
  const submit = (event: SyntheticEvent) => {
    event.preventDefault();
    props.onSave(text.trim());
  };
  return (
    <form className="field" onSubmit={submit}>
      <label htmlFor={props.id}>{props.label}</label>
      <div className="row">
        <input
          id={props.id}
          value={text}
          placeholder={props.placeholder}
          onChange={(e) => setText(e.target.value)}
          spellCheck={false}
        />
        <button type="submit">Save</button>
      </div>
    </form>
  );
}

function describeKey(status: SecretStatus | undefined): string {
  if (!status) return 'Checking…';
  if (!status.set) return 'No API key stored.';
  const where = {
    env: 'OPENAI_API_KEY',
    keychain: 'the system keychain',
    'safe-storage': 'encrypted storage',
    file: 'a file in the data folder',
    memory: 'memory',
  };
  return `API key set (from ${status.source ? where[status.source] : 'unknown'}).`;
}

function ApiKeyField() {
  const client = useClient();
  const toasts = useToasts();
  const queryClient = useQueryClient();
  const [value, setValue] = useState('');
  const status = useQuery({
    queryKey: ['secrets', 'openai-api-key'],
    queryFn: () => client.call('secrets.has', { name: 'openai-api-key' }),
  });
  const onDone = (next: SecretStatus) => {
    queryClient.setQueryData(['secrets', 'openai-api-key'], next);
    setValue('');
  };
  const set = useMutation({
    mutationFn: (key: string) => client.call('secrets.set', { name: 'openai-api-key', value: key }),
    onSuccess: onDone,
    onError: (error) => toasts.show({ kind: 'error', message: error.message }),
  });
  const remove = useMutation({
    mutationFn: () => client.call('secrets.delete', { name: 'openai-api-key' }),
    onSuccess: onDone,
    onError: (error) => toasts.show({ kind: 'error', message: error.message }),
  });
  const submit = (event: SyntheticEvent) => {
    event.preventDefault();
    if (value.trim() !== '') set.mutate(value.trim());
  };
  return (
    <form className="field" onSubmit={submit}>
      <label htmlFor="openai-key">API key (not needed for Ollama or LM Studio)</label>
      <div className="row">
        <input
          id="openai-key"
          type="password"
          autoComplete="off"
          value={value}
          onChange={(e) => setValue(e.target.value)}
          placeholder="sk-…"
        />
        <button type="submit" disabled={value.trim() === ''}>
          Save key
        </button>
        <button
          type="button"
          disabled={!status.data?.set || status.data.source === 'env'}
          onClick={() => remove.mutate()}
        >
          Delete key
        </button>
      </div>
      <p className="muted">{describeKey(status.data)}</p>
      {status.data?.warning && (
        <p role="status" className="muted">
          {status.data.warning}
        </p>
      )}
    </form>
  );
}

export function GenerationSettings(props: {
  settings: Settings;
  save: (patch: SettingsPatch) => void;
}) {
  const { settings, save } = props;
  const prices = usePrices();
  return (
    <>
      <h2>Generation</h2>
      {CAPABILITIES.map(({ key, model, label, action, per }) => (
        <div className="field" key={key}>
          <label htmlFor={key}>{label}</label>
          <div className="row">
            <select
              id={key}
              value={settings[key]}
              onChange={(e) =>
                save({ [key]: KINDS.find((k) => k === e.target.value) ?? 'offline' })
              }
            >
              <option value="offline">On this computer (offline)</option>
              <option value="openai-compatible">OpenAI-compatible server</option>
              <option value="cloud">Reelsmith cloud (credits, signed in)</option>
            </select>
            {settings[key] === 'cloud' && (
              <span className="muted small" data-testid={`cloud-price-${action}`}>
                {prices.data
                  ? `${String(prices.data[action])} credit${prices.data[action] === 1 ? '' : 's'} per ${per}, charged when it runs (regenerating too)`
                  : 'Paid in credits per call'}
              </span>
            )}
            {settings[key] === 'openai-compatible' && (
              <TextField
                id={model}
                label="Model"
                value={settings[model]}
                onSave={(v) => v !== '' && save({ [model]: v })}
              />
            )}
          </div>
        </div>
      ))}
      <TextField
        id="openai-base-url"
        label="Server URL (empty: OpenAI; Ollama: http://127.0.0.1:11434/v1)"
        value={settings.openaiBaseUrl ?? ''}
        placeholder="https://api.openai.com/v1"
        onSave={(v) => save({ openaiBaseUrl: v === '' ? null : v })}
      />
      <ApiKeyField />
      <TextField
        id="voice"
        label="Voice"
        value={settings.voice}
        onSave={(v) => v !== '' && save({ voice: v })}
      />
      <TextField
        id="default-style"
        label="Default style"
        value={settings.defaultStyle}
        onSave={(v) => v !== '' && save({ defaultStyle: v })}
      />
      <div className="field">
        <label htmlFor="default-duration">Default length (seconds)</label>
        <input
          id="default-duration"
          type="number"
          min={10}
          max={180}
          value={settings.defaultDurationSec}
          onChange={(e) => {
            const seconds = Number(e.target.value);
            if (Number.isInteger(seconds) && seconds >= 10 && seconds <= 180)
              save({ defaultDurationSec: seconds });
          }}
        />
      </div>
    </>
  );
}
