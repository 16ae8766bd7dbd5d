/**
 * One segment's fields: narration, image prompt, duration, motion, transition; replace its
 * picture from a file; regenerate its image or voice (generated projects) with every earlier
 * version one click away. Regenerating and picking a version are undo steps.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { MediaVersion } from '../../../shared/contract/generate.contract';
import type {
  ProjectDetail,
  Segment,
  SegmentPatch,
} from '../../../shared/contract/projects.contract';
import { AppError } from '../../../shared/errors';
import { useToasts } from '../../app/toasts';
import { accountKeys } from '../account/queries';
import { useClient } from '../../platform/client-context';
import { pickFiles } from '../../platform/files';
import type { Command } from './history';
import { RegenerateCost, RegenerateError } from './RegenerateCost';

const MOTIONS = ['none', 'zoom-in', 'zoom-out', 'pan-left', 'pan-right', 'shake'] as const;
const TRANSITIONS = ['cut', 'fade', 'slide-left', 'slide-up', 'zoom', 'wipe'] as const;

export function SegmentInspector(props: {
  project: ProjectDetail;
  segment: Segment;
  index: number;
  onPatch: (patch: SegmentPatch) => void;
  /** Runs an undoable edit made of contract calls whose result only main knows. */
  onCommand: (command: Command) => void;
  /** Records a finished edit (a regenerate) as an undo step. */
  onDone: (command: Command) => void;
}) {
  const { segment, onPatch } = props;
  const client = useClient();
  const toasts = useToasts();
  const queryClient = useQueryClient();
  const projectId = props.project.id;
  const versions = useQuery({
    queryKey: ['generate.project', projectId],
    queryFn: () => client.call('generate.project', { projectId }),
    staleTime: 30_000,
    retry: false,
  });
  const gs = versions.data?.segments.find((s) => s.id === segment.id);

  const regenerate = useMutation({
    mutationFn: (what: 'image' | 'voice') =>
      client.call('generate.regenerate', {
        projectId,
        segmentIndex: gs?.index ?? props.index,
        what,
        prompt: what === 'image' ? segment.imagePrompt || undefined : segment.text || undefined,
      }),
    onSuccess: (result, what) => {
      void queryClient.invalidateQueries({ queryKey: ['generate.project', projectId] });
      const list = what === 'image' ? result.images : result.voices;
      const before = (what === 'image' ? gs?.images : gs?.voices)?.find((v) => v.active);
      const after = list.find((v) => v.active) ?? list.at(-1);
      if (!after) return;
      const restore = (version: number) => ({
        op: 'generate.restore' as const,
        input: { projectId, segmentIndex: result.index, what, version },
      });
      props.onDone({
        label: `regenerate ${what}`,
        forward: [restore(after.version)],
        backward: before ? [restore(before.version)] : [],
      });
    },
    onError: (error, what) => {
      // "Not enough credits" is explained inline, with the Account link, by RegenerateError.
      if (error instanceof AppError && error.code === 'PAYMENT_REQUIRED') return;
      toasts.show({
        kind: 'error',
        message: `Regenerating the ${what} failed: ${error.message}`,
        action: { label: 'Retry', run: () => regenerate.mutate(what) },
      });
    },
    // A cloud regenerate charged (or refunded) credits: the header balance follows.
    onSettled: () => void queryClient.invalidateQueries({ queryKey: accountKeys.account }),
  });
  const pickVersion = (what: 'image' | 'voice', version: number) => {
    const current = (what === 'image' ? gs?.images : gs?.voices)?.find((v) => v.active);
    if (!gs || !current || current.version === version) return;
    const restore = (v: number) => ({
      op: 'generate.restore' as const,
      input: { projectId, segmentIndex: gs.index, what, version: v },
    });
    props.onCommand({
      label: `use ${what} version ${String(version)}`,
      forward: [restore(version)],
      backward: [restore(current.version)],
    });
  };
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
        {gs && (
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
      {gs && <RegenerateCost />}
      {regenerate.error instanceof AppError &&
        regenerate.error.code === 'PAYMENT_REQUIRED' &&
        regenerate.variables && (
          <RegenerateError
            error={regenerate.error}
            what={regenerate.variables}
            onDismiss={() => regenerate.reset()}
          />
        )}
      {gs && gs.images.length > 1 && (
        <Versions
          title="Image versions"
          versions={gs.images}
          onPick={(v) => pickVersion('image', v)}
        />
      )}
      {gs && gs.voices.length > 1 && (
        <Versions
          title="Voice versions"
          versions={gs.voices}
          onPick={(v) => pickVersion('voice', v)}
        />
      )}
    </div>
  );
}

function Versions(props: {
  title: string;
  versions: MediaVersion[];
  onPick: (version: number) => void;
}) {
  return (
    <div className="versions">
      <h3 className="small muted">{props.title}</h3>
      <div className="row wrap">
        {props.versions.map((v) => (
          <button
            key={v.version}
            type="button"
            className={v.active ? 'chip-button current' : 'chip-button'}
            aria-pressed={v.active}
            aria-label={`${props.title}: version ${String(v.version)}`}
            onClick={() => props.onPick(v.version)}
          >
            v{v.version}
          </button>
        ))}
      </div>
    </div>
  );
}
