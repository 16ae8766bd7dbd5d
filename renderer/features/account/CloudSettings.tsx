/**
 * Which sync server the studio uses (empty: its own embedded one) and the upload bandwidth
 * limit, saved to Settings through the contract.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState, type SyntheticEvent } from 'react';
import type { SettingsPatch } from '../../../shared/contract/settings.contract';
import { useToasts } from '../../app/toasts';
import { useClient } from '../../platform/client-context';
import { describeCloudError } from './cloud-errors';

export function CloudSettings() {
  const client = useClient();
  const toasts = useToasts();
  const queryClient = useQueryClient();
  const settings = useQuery({
    queryKey: ['settings'],
    queryFn: () => client.call('settings.get', {}),
  });
  const [url, setUrl] = useState('');
  const [limit, setLimit] = useState('0');
  useEffect(() => {
    if (!settings.data) return;
    setUrl(settings.data.cloudUrl ?? '');
    setLimit(String(settings.data.uploadLimitKiBps));
  }, [settings.data]);
  const save = useMutation({
    mutationFn: (patch: SettingsPatch) => client.call('settings.set', patch),
    onSuccess: (next) => {
      queryClient.setQueryData(['settings'], next);
      void queryClient.invalidateQueries({ queryKey: ['cloud'] });
      toasts.show({ kind: 'success', message: 'Sync settings saved' });
    },
    onError: (error) => toasts.show({ kind: 'error', message: describeCloudError(error).detail }),
  });
  const submit = (e: SyntheticEvent) => {
    e.preventDefault();
    const kib = Number(limit);
    if (!Number.isInteger(kib) || kib < 0) {
      toasts.show({
        kind: 'error',
        message: 'The upload limit is a whole number of KiB/s (0 = no limit).',
      });
      return;
    }
    save.mutate({ cloudUrl: url.trim() === '' ? null : url.trim(), uploadLimitKiBps: kib });
  };
  return (
    <details className="panel cloud-settings">
      <summary>Sync server and uploads</summary>
      <form className="stack" aria-label="Sync settings" onSubmit={submit}>
        <label className="field">
          Sync server URL
          <input
            value={url}
            placeholder="Empty: this studio's own server on 127.0.0.1"
            spellCheck={false}
            onChange={(e) => setUrl(e.target.value)}
          />
        </label>
        <label className="field">
          Upload limit (KiB/s, 0 = none)
          <input type="number" min={0} value={limit} onChange={(e) => setLimit(e.target.value)} />
        </label>
        <button type="submit" disabled={save.isPending || !settings.data}>
          Save sync settings
        </button>
      </form>
    </details>
  );
}
