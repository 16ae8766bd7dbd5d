/**
 * What a generation run will cost, shown before it runs: free offline, "uses your API key" for
 * an OpenAI-compatible server, or cloud credits from the price list with the balance — and,
 * when the balance is short, why it cannot run and where to add credits.
 */
import { Link } from 'react-router';
import type { GenerationEstimate } from '../../../shared/contract/generate.contract';
import type { ProviderKind } from '../../../shared/contract/settings.contract';

export function CostLine(props: {
  provider: ProviderKind;
  estimate: GenerationEstimate | undefined;
  error: Error | null;
  /** The refusal of the last start (credits spent elsewhere meanwhile), if any. */
  failure: string | null;
  onRetry: () => void;
}) {
  const { estimate } = props;
  if (props.error) {
    return (
      <p className="bad small" role="alert" data-testid="cost">
        Could not work out the cost: {props.error.message}{' '}
        <button type="button" className="link" onClick={props.onRetry}>
          Try again
        </button>
      </p>
    );
  }
  if (!estimate || estimate.provider !== props.provider) {
    return (
      <p className="muted small" data-testid="cost" aria-busy="true">
        Working out the cost…
      </p>
    );
  }
  const short = estimate.enough === false;
  if (!short && !props.failure) {
    return (
      <p className="muted small" data-testid="cost">
        {estimate.summary}
      </p>
    );
  }
  return (
    <div className="panel error-panel small" role="alert" data-testid="cost">
      <p>{props.failure ?? estimate.summary} Nothing is charged until a run starts.</p>
      <p>
        <Link to="/account">Add credits on the Account page</Link>, make the video shorter, or
        choose this computer (offline, free).
      </p>
    </div>
  );
}
