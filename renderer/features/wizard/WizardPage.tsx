/**
 * The idea wizard: what the video is about, its style, length, language, voice and who makes it
 * (with what that costs); then live progress per stage and per item with cancel and resume;
 * when ready it opens the project in the editor.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState, type SyntheticEvent } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import type { GenerationStage } from '../../../shared/contract/generate.contract';
import type { ProviderKind } from '../../../shared/contract/settings.contract';
import { AppError } from '../../../shared/errors';
import { useToasts } from '../../app/toasts';
import { useClient } from '../../platform/client-context';
import { useAccount } from '../account/queries';
import { CostLine } from './CostLine';
import { useGeneration, type StageView } from './use-generation';

const STAGE_LABEL: Record<GenerationStage, string> = {
  script: 'Writing the script',
  segments: 'Planning the scenes',
  images: 'Drawing the pictures',
  voice: 'Recording the voice-over',
  timings: 'Timing every word',
  captions: 'Laying out captions',
  ready: 'Finishing up',
};

const LANGUAGES = [
  ['en', 'English'],
  ['es', 'Español'],
  ['de', 'Deutsch'],
  ['fr', 'Français'],
  ['pt-BR', 'Português (Brasil)'],
  ['ja', '日本語'],
  ['ar', 'العربية'],
] as const;

export default function WizardPage() {
  const client = useClient();
  const toasts = useToasts();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [params, setParams] = useSearchParams();
  const jobId = params.get('job');
  const settings = useQuery({
    queryKey: ['settings'],
    queryFn: () => client.call('settings.get', {}),
  });
  const [idea, setIdea] = useState('');
  const [style, setStyle] = useState('');
  const [duration, setDuration] = useState(30);
  const [provider, setProvider] = useState<ProviderKind>('offline');
  const [language, setLanguage] = useState<string | null>(null);
  const [voice, setVoice] = useState<string | null>(null);
  const { job, stages } = useGeneration(jobId);
  const account = useAccount();
  const signedIn = account.data?.signedIn === true;
  // Signed out (or signed out meanwhile): the cloud cannot be chosen.
  const chosen: ProviderKind = provider === 'cloud' && !signedIn ? 'offline' : provider;
  const estimate = useQuery({
    queryKey: ['generate.estimate', chosen, duration, signedIn],
    queryFn: () => client.call('generate.estimate', { provider: chosen, durationSec: duration }),
  });
  const unaffordable = chosen === 'cloud' && estimate.data?.enough === false;

  const start = useMutation({
    // Language and voice belong to this project's job: the settings stay as they are.
    mutationFn: () =>
      client.call('generate.start', {
        idea: idea.trim(),
        durationSec: duration,
        style: style.trim() === '' ? undefined : style.trim(),
        provider: chosen,
        ...(language ? { language } : {}),
        ...(voice && voice.trim() !== '' ? { voice: voice.trim() } : {}),
      }),
    onSuccess: (started) => setParams({ job: started.jobId }),
    onError: (error) => {
      // Credits explained inline beside the cost (with the account link), not in a toast.
      if (error instanceof AppError && error.code === 'PAYMENT_REQUIRED') {
        void estimate.refetch();
        return;
      }
      toasts.show({ kind: 'error', message: error.message });
    },
  });
  const startFailure =
    start.error instanceof AppError && start.error.code === 'PAYMENT_REQUIRED'
      ? start.error.message
      : null;
  const cancel = useMutation({
    mutationFn: () => client.call('generate.cancel', { jobId: jobId ?? '' }),
    onSettled: () => void queryClient.invalidateQueries({ queryKey: ['generate.job', jobId] }),
  });
  const resume = useMutation({
    mutationFn: () => client.call('generate.resume', { jobId: jobId ?? '' }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['generate.job', jobId] }),
    onError: (error) => toasts.show({ kind: 'error', message: error.message }),
  });
  // Generated projects are library projects: land in the editor once the job completes.
  const done = job.data?.state === 'completed' ? job.data.projectId : null;
  useEffect(() => {
    if (!done) return;
    void queryClient.invalidateQueries({ queryKey: ['projects'] });
    // A cloud run spent credits: the header balance and the ledger are stale.
    void queryClient.invalidateQueries({ queryKey: ['cloud'] });
    void navigate(`/projects/${done}`, { replace: true });
  }, [done, navigate, queryClient]);

  const submit = (event: SyntheticEvent) => {
    event.preventDefault();
    if (idea.trim().length >= 3 && !unaffordable) start.mutate();
  };

  if (jobId) {
    const state = job.data?.state;
    const error = job.data?.error;
    return (
      <section className="page wizard-page">
        <h1>Making your video</h1>
        <ol className="stage-list" aria-label="Generation progress">
          {stages.map((view) => (
            <StageRow key={view.stage} view={view} />
          ))}
        </ol>
        {job.isError && (
          <div role="alert" className="panel error-panel">
            <p>Could not follow this job: {job.error.message}</p>
            <button type="button" onClick={() => void job.refetch()}>
              Retry
            </button>
          </div>
        )}
        {(state === 'failed' || state === 'cancelled' || state === 'interrupted') && (
          <div role="alert" className="panel error-panel">
            <p>
              {state === 'failed'
                ? `Generation stopped: ${error?.message ?? 'an unknown problem'}`
                : state === 'cancelled'
                  ? 'Generation was cancelled. Finished steps are kept.'
                  : 'Generation was interrupted. Finished steps are kept.'}
            </p>
            {error?.code === 'PAYMENT_REQUIRED' && (
              <p>
                <Link to="/account">Add credits on the Account page</Link>, then retry: finished
                steps are not paid again.
              </p>
            )}
            <div className="row">
              <button type="button" onClick={() => resume.mutate()}>
                {state === 'failed' ? 'Retry' : 'Resume'}
              </button>
              <button type="button" className="secondary" onClick={() => setParams({})}>
                Change the idea
              </button>
            </div>
          </div>
        )}
        <div className="row">
          {state === 'running' && (
            <button type="button" className="secondary" onClick={() => cancel.mutate()}>
              Cancel
            </button>
          )}
          {state === 'completed' && <p className="ok">Ready — opening the editor…</p>}
        </div>
      </section>
    );
  }

  return (
    <section className="page wizard-page">
      <h1>New video from an idea</h1>
      <form className="panel" onSubmit={submit}>
        <div className="field">
          <label htmlFor="idea">What is it about?</label>
          <textarea
            id="idea"
            rows={3}
            value={idea}
            maxLength={2000}
            placeholder="Three surprising facts about octopuses"
            onChange={(e) => setIdea(e.target.value)}
          />
        </div>
        <div className="grid-2">
          <div className="field">
            <label htmlFor="style">Style</label>
            <input
              id="style"
              value={style}
              placeholder={settings.data?.defaultStyle ?? 'upbeat and informative'}
              onChange={(e) => setStyle(e.target.value)}
            />
          </div>
          <div className="field">
            <label htmlFor="duration">Length (seconds)</label>
            <input
              id="duration"
              type="number"
              min={10}
              max={180}
              value={duration}
              onChange={(e) =>
                setDuration(Math.min(180, Math.max(10, Number(e.target.value) || 30)))
              }
            />
          </div>
          <div className="field">
            <label htmlFor="language">Language</label>
            <select
              id="language"
              value={language ?? settings.data?.language ?? 'en'}
              onChange={(e) => setLanguage(e.target.value)}
            >
              {LANGUAGES.map(([tag, name]) => (
                <option key={tag} value={tag}>
                  {name}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="voice">Voice</label>
            <input
              id="voice"
              value={voice ?? settings.data?.voice ?? ''}
              onChange={(e) => setVoice(e.target.value)}
            />
          </div>
        </div>
        <fieldset className="field provider-choice">
          <legend>Who makes it</legend>
          <label>
            <input
              type="radio"
              name="provider"
              checked={provider === 'offline'}
              onChange={() => setProvider('offline')}
            />
            This computer (offline)
          </label>
          <label>
            <input
              type="radio"
              name="provider"
              checked={provider === 'openai-compatible'}
              onChange={() => setProvider('openai-compatible')}
            />
            OpenAI-compatible server (Settings)
          </label>
          <label className={signedIn ? undefined : 'muted'}>
            <input
              type="radio"
              name="provider"
              checked={chosen === 'cloud'}
              disabled={!signedIn}
              onChange={() => setProvider('cloud')}
            />
            Reelsmith cloud (credits)
            {!signedIn && (
              <>
                {' '}
                — <Link to="/account">sign in</Link> to use it
              </>
            )}
          </label>
        </fieldset>
        <CostLine
          provider={chosen}
          estimate={estimate.data}
          error={estimate.error}
          failure={startFailure}
          onRetry={() => void estimate.refetch()}
        />
        <button
          type="submit"
          className="primary"
          disabled={idea.trim().length < 3 || start.isPending || unaffordable}
        >
          {start.isPending ? 'Starting…' : 'Generate'}
        </button>
      </form>
    </section>
  );
}

function StageRow({ view }: { view: StageView }) {
  const symbol = { pending: '○', running: '◐', done: '✓', skipped: '↷', failed: '✕' }[view.state];
  const fraction = view.item ? (view.item.index + 1) / Math.max(1, view.item.total) : null;
  return (
    <li
      className={`stage stage-${view.state}`}
      data-testid={`stage-${view.stage}`}
      data-state={view.state}
    >
      <span className="stage-symbol" aria-hidden="true">
        {symbol}
      </span>
      <span className="stage-label">{STAGE_LABEL[view.stage]}</span>
      <span className="stage-state small">
        {view.state === 'running' && view.item
          ? `${String(view.item.index + 1)} of ${String(view.item.total)}`
          : {
              pending: 'waiting',
              running: 'working…',
              done: 'done',
              skipped: 'already done',
              failed: 'failed',
            }[view.state]}
      </span>
      {fraction !== null && view.state === 'running' && (
        <progress
          className="stage-progress"
          aria-label={`${STAGE_LABEL[view.stage]} progress`}
          value={fraction}
          max={1}
        />
      )}
      {view.state === 'failed' && view.message && (
        <p className="bad small stage-message">{view.message}</p>
      )}
    </li>
  );
}
