/**
 * One segment's fields: narration, image prompt, duration, motion, transition; replace its
 * picture from a file; regenerate its image or voice (generated projects) with every earlier
 * version one click away.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  ProjectDetail,
  Segment,
  SegmentPatch,
} from '../../../shared/contract/projects.contract';
import { useToasts } from '../../app/toasts';
import { useClient } from '../../platform/client-context';
import { pickFiles } from '../../platform/files';
import { generatedInfo, withGeneratedFile } from './generated-media';

const MOTIONS = ['none', 'zoom-in', 'zoom-out', 'pan-left', 'pan-right', 'shake'] as const;
const TRANSITIONS = ['cut', 'fade', 'slide-left', 'slide-up', 'zoom', 'wipe'] as const;

export function SegmentInspector(props: {
  project: ProjectDetail;
  segment: Segment;
  index: number;
  onPatch: (patch: SegmentPatch) => void;
  onSettings: (settings: Record<string, unknown>, label: string) => void;
}) {
  const { segment, onPatch } = props;
  const client = useClient();
  const toasts = useToasts();
  const queryClient = useQueryClient();
  const generated = generatedInfo(props.project);
  const entry = generated?.media[segment.id];
  const versions = useQuery({
    queryKey: ['generate.project', generated?.projectId],
    queryFn: () => client.call('generate.project', { projectId: generated?.projectId ?? '' }),
    enabled: generated !== null,
    staleTime: 30_000,
  });
  const gs = entry ? versions.data?.segments[entry.index] : undefined;

  const regenerate = useMutation({
    mutationFn: (what: 'image' | 'voice') =>
      client.call('generate.regenerate', {
        projectId: generated?.projectId ?? '',
        segmentIndex: entry?.index ?? 0,
        what,
        prompt: what === 'image' ? segment.imagePrompt || undefined : segment.text || undefined,
      }),
    onSuccess: (result, what) => {
      void queryClient.invalidateQueries({ queryKey: ['generate.project'] });
      const latest = (what === 'image' ? result.images : result.voices).at(-1);
      const next = latest && withGeneratedFile(props.project, segment.id, what, latest.path);
      if (next) props.onSettings(next, `regenerate ${what}`);
      if (what === 'voice' && result.words) {
        const voiceSec = result.voices.at(-1)?.durationSec;
        onPatch({
          wordTimings: result.words.map((w) => ({
            word: w.word,
            startMs: Math.round(w.start * 1000),
            endMs: Math.round(Math.max(w.start, w.end) * 1000),
          })),
          ...(voiceSec ? { durationMs: Math.round((voiceSec + 0.25) * 1000) } : {}),
        });
      }
    },
    onError: (error) => toasts.show({ kind: 'error', message: error.message }),
  });
  const replace = useMutation({
    mutationFn: async () => {
      const [file] = await pickFiles(client, {
        title: 'Choose a picture',
        filters: [{ name: 'Pictures', extensions: ['png', 'jpg', 'jpeg', 'webp'] }],
      });
      if (!file) return null;
      const result = await client.call('media.import', { files: [{ id: file.id }] });
      const failure = result.failed[0];
      if (failure) throw new Error(`${failure.name}: ${failure.message}`);
      return result.imported[0]?.media ?? null;
    },
    onSuccess: (media) => {
      if (!media) return;
      onPatch({
        media: [
          ...segment.media.filter((m) => m.role !== 'visual'),
          { mediaId: media.id, role: 'visual' },
        ],
      });
    },
    onError: (error) => toasts.show({ kind: 'error', message: error.message }),
  });

  const id = (name: string) => `seg-${name}`;
  return (
    <div className="panel inspector" aria-label={`Segment ${String(props.index + 1)} details`}>
      <h2>Segment {props.index + 1}</h2>
      <div className="field">
        <label htmlFor={id('text')}>Narration</label>
        <textarea
          id={id('text')}
          rows={3}
          value={segment.text}
          onChange={(e) => onPatch({ text: e.target.value })}
        />
      </div>
      <div className="field">
        <label htmlFor={id('prompt')}>Image prompt</label>
        <textarea
          id={id('prompt')}
          rows={2}
          value={segment.imagePrompt}
          onChange={(e) => onPatch({ imagePrompt: e.target.value })}
        />
      </div>
      <div className="grid-3">
        <div className="field">
          <label htmlFor={id('duration')}>Duration (s)</label>
          <input
            id={id('duration')}
            type="number"
            min={0.1}
            max={600}
            step={0.1}
            value={segment.durationMs / 1000}
            onChange={(e) => {
              const ms = Math.round(Number(e.target.value) * 1000);
              if (ms >= 100 && ms <= 600_000) onPatch({ durationMs: ms });
            }}
          />
        </div>
        <div className="field">
          <label htmlFor={id('motion')}>Motion</label>
          <select
            id={id('motion')}
            value={segment.motion}
            onChange={(e) => onPatch({ motion: e.target.value as Segment['motion'] })}
          >
            {MOTIONS.map((m) => (
              <option key={m} value={m}>
                {m}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={id('transition')}>Transition</label>
          <select
            id={id('transition')}
            value={segment.transition}
            onChange={(e) => onPatch({ transition: e.target.value as Segment['transition'] })}
          >
            {TRANSITIONS.map((t) => (
              <option key={t} value={t}>
                {t}
              </option>
            ))}
          </select>
        </div>
      </div>
      <div className="row wrap">
        <button type="button" className="secondary" onClick={() => replace.mutate()}>
          Replace picture…
        </button>
        {entry && (
          <>
            <button
              type="button"
              className="secondary"
              disabled={regenerate.isPending}
              onClick={() => regenerate.mutate('image')}
            >
              {regenerate.isPending && regenerate.variables === 'image'
                ? 'Drawing…'
                : 'Regenerate image'}
            </button>
            <button
              type="button"
              className="secondary"
              disabled={regenerate.isPending}
              onClick={() => regenerate.mutate('voice')}
            >
              {regenerate.isPending && regenerate.variables === 'voice'
                ? 'Recording…'
                : 'Regenerate voice'}
            </button>
          </>
        )}
      </div>
      {gs && gs.images.length > 1 && (
        <div className="versions">
          <h3 className="small muted">Image versions</h3>
          <div className="row wrap">
            {gs.images.map((v, n) => (
              <button
                key={v.mediaId + String(n)}
                type="button"
                className={v.path === entry?.image ? 'chip-button current' : 'chip-button'}
                aria-pressed={v.path === entry?.image}
                onClick={() => {
                  const next = withGeneratedFile(props.project, segment.id, 'image', v.path);
                  if (next) props.onSettings(next, 'restore image version');
                }}
              >
                v{n + 1}
              </button>
            ))}
          </div>
        </div>
      )}
      {gs && gs.voices.length > 1 && (
        <div className="versions">
          <h3 className="small muted">Voice versions</h3>
          <div className="row wrap">
            {gs.voices.map((v, n) => (
              <button
                key={v.mediaId + String(n)}
                type="button"
                className={v.path === entry?.voice ? 'chip-button current' : 'chip-button'}
                aria-pressed={v.path === entry?.voice}
                onClick={() => {
                  const next = withGeneratedFile(props.project, segment.id, 'voice', v.path);
                  if (next) props.onSettings(next, 'restore voice version');
                }}
              >
                v{n + 1}
              </button>
            ))}
          </div>
        </div>
      )}
    </div>
  );
}
