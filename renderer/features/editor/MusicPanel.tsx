/**
 * Layers → music: a track the user imports, or one the app synthesises itself (original, free
 * to use), with volume, ducking under the voice and fades.
 * Stored in the project's settings (`settings.music`), so every change is undoable.
 */
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { ProjectDetail } from '../../../shared/contract/projects.contract';
import { useToasts } from '../../app/toasts';
import { useClient } from '../../platform/client-context';
import { pickFiles } from '../../platform/files';
import { musicSettingsOf } from '../../../shared/timeline/project-music';
import { projectMusicOf } from '../../../shared/timeline/project-timeline';

export function MusicPanel(props: {
  project: ProjectDetail;
  onMusic: (music: Record<string, unknown> | null, label: string) => void;
}) {
  const client = useClient();
  const toasts = useToasts();
  const current = projectMusicOf(props.project);
  const stored =
    props.project.settings.music && typeof props.project.settings.music === 'object'
      ? (props.project.settings.music as Record<string, unknown>)
      : {};
  const s = musicSettingsOf(stored);
  const name = typeof stored.name === 'string' ? stored.name : 'Music';
  const set = (values: Record<string, unknown>, label: string) =>
    props.onMusic({ ...stored, ...values }, label);
  const tracks = useQuery({
    queryKey: ['media.musicTracks'],
    queryFn: () => client.call('media.musicTracks', {}),
    staleTime: Infinity,
  });
  const [trackId, setTrackId] = useState('');
  const inUse = typeof stored.builtIn === 'string' ? stored.builtIn : '';
  const chosenTrack = trackId || inUse || tracks.data?.[0]?.id || '';

  const synth = useMutation({
    mutationFn: (id: string) => client.call('media.synthMusic', { trackId: id }),
    onSuccess: (media, id) => {
      const track = tracks.data?.find((t) => t.id === id);
      set(
        { mediaId: media.id, name: track?.name ?? media.originalName, builtIn: id },
        'choose music',
      );
    },
    onError: (error, id) =>
      toasts.show({
        kind: 'error',
        message: error.message,
        action: { label: 'Retry', run: () => synth.mutate(id) },
      }),
  });

  const choose = useMutation({
    mutationFn: async () => {
      const [file] = await pickFiles(client, {
        title: 'Choose music',
        filters: [
          { name: 'Audio', extensions: ['mp3', 'wav', 'm4a', 'aac', 'ogg', 'flac', 'opus'] },
        ],
      });
      if (!file) return null;
      const result = await client.call('media.import', { files: [{ id: file.id }] });
      const failure = result.failed[0];
      if (failure) throw new Error(`${failure.name}: ${failure.message}`);
      return result.imported[0]?.media ?? null;
    },
    onSuccess: (media) => {
      if (media)
        set({ mediaId: media.id, name: media.originalName, builtIn: null }, 'choose music');
    },
    onError: (error) => toasts.show({ kind: 'error', message: error.message }),
  });

  return (
    <div className="panel music-panel">
      <div className="tray-head">
        <h2>Music</h2>
        <div className="row">
          <button type="button" className="secondary small-button" onClick={() => choose.mutate()}>
            {current ? 'Import other music…' : 'Import music…'}
          </button>
          {current && (
            <button
              type="button"
              className="secondary small-button"
              onClick={() => props.onMusic(null, 'remove music')}
            >
              Remove
            </button>
          )}
        </div>
      </div>
      <div className="row synth-tracks">
        <label htmlFor="music-track" className="small">
          App track
        </label>
        <select
          id="music-track"
          value={chosenTrack}
          disabled={!tracks.data || synth.isPending}
          onChange={(e) => setTrackId(e.target.value)}
        >
          {(tracks.data ?? []).map((t) => (
            <option key={t.id} value={t.id} title={t.description}>
              {t.name} ({Math.round(t.durationMs / 1000)} s)
            </option>
          ))}
        </select>
        <button
          type="button"
          className="secondary small-button"
          disabled={!chosenTrack || synth.isPending}
          onClick={() => synth.mutate(chosenTrack)}
        >
          {synth.isPending ? 'Making the track…' : 'Use this track'}
        </button>
      </div>
      {tracks.data && (
        <p className="muted small">
          {tracks.data.find((t) => t.id === chosenTrack)?.description} Made by the app, free to use.
        </p>
      )}
      {!current && (
        <p className="muted small">No music yet. Import a track you have the rights to.</p>
      )}
      {current && (
        <>
          <p className="small">{name}</p>
          <div className="grid-2">
            <div className="field">
              <label htmlFor="music-volume">Volume {Math.round(s.volume * 100)}%</label>
              <input
                id="music-volume"
                type="range"
                min={0}
                max={1.5}
                step={0.05}
                value={s.volume}
                onChange={(e) => set({ volume: Number(e.target.value) }, 'music volume')}
              />
            </div>
            <div className="field checkbox">
              <input
                id="music-ducking"
                type="checkbox"
                checked={s.ducking}
                onChange={(e) => set({ ducking: e.target.checked }, 'music ducking')}
              />
              <label htmlFor="music-ducking">Lower under the voice</label>
            </div>
            <div className="field">
              <label htmlFor="music-fade-in">Fade in (s)</label>
              <input
                id="music-fade-in"
                type="number"
                min={0}
                max={30}
                step={0.5}
                value={s.fadeIn}
                onChange={(e) =>
                  set({ fadeIn: Math.min(30, Math.max(0, Number(e.target.value))) }, 'music fade')
                }
              />
            </div>
            <div className="field">
              <label htmlFor="music-fade-out">Fade out (s)</label>
              <input
                id="music-fade-out"
                type="number"
                min={0}
                max={30}
                step={0.5}
                value={s.fadeOut}
                onChange={(e) =>
                  set({ fadeOut: Math.min(30, Math.max(0, Number(e.target.value))) }, 'music fade')
                }
              />
            </div>
          </div>
        </>
      )}
    </div>
  );
}
