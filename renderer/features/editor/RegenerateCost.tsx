/**
 * What an editor regenerate will cost when Settings send its steps to the Reelsmith cloud, shown
 * beside the buttons before anything runs; and a refused regenerate ("not enough credits")
 * explained in plain words with a way to the Account page.
 */
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { AppError } from '../../../shared/errors';
import { CloudCost } from '../account/CloudCost';
import { regenerateCost, shortOfCredits } from '../account/credits';
import { usePrices } from '../account/queries';
import { useClient } from '../../platform/client-context';

const LABEL = { image: 'Regenerate image', voice: 'Regenerate voice' } as const;

export function RegenerateCost() {
  const client = useClient();
  const settings = useQuery({
    queryKey: ['settings'],
    queryFn: () => client.call('settings.get', {}),
  });
  const s = settings.data;
  const anyCloud =
    s !== undefined &&
    [s.imageProvider, s.speechProvider, s.transcriptionProvider].includes('cloud');
  const prices = usePrices(anyCloud);
  if (!s || !anyCloud) return null;
  if (!prices.data) {
    return (
      <p className="muted small" data-testid="regenerate-cost" aria-busy={prices.isPending}>
        {prices.isError
          ? 'Cloud prices are unavailable right now; regenerating in the cloud is charged in credits.'
          : 'Looking up cloud prices…'}
      </p>
    );
  }
  const lines = (['image', 'voice'] as const).flatMap((what) => {
    const cost = regenerateCost(what, s, prices.data);
    return cost === null ? [] : [{ what, cost }];
  });
  return (
    <div data-testid="regenerate-cost">
      {lines.map(({ what, cost }) => (
        <CloudCost key={what} cost={cost} what={`${LABEL[what]} (Reelsmith cloud)`} />
      ))}
    </div>
  );
}

/** A failed regenerate: "not enough credits" with the numbers and the Account link, else the message. */
export function RegenerateError(props: {
  error: Error;
  what: 'image' | 'voice';
  onDismiss: () => void;
}) {
  const { error } = props;
  const short = error instanceof AppError && error.code === 'PAYMENT_REQUIRED';
  const text = short
    ? (shortOfCredits(`regenerating this ${props.what}`, error.details) ?? error.message)
    : `Regenerating the ${props.what} failed: ${error.message}`;
  return (
    <div className="panel error-panel small" role="alert" data-testid="regenerate-error">
      <p>{text}</p>
      {short && (
        <p>
          <Link to="/account">Add credits on the Account page</Link>, or set this step to “On this
          computer (offline)” in <Link to="/settings">Settings</Link>, which is free.
        </p>
      )}
      <button type="button" className="secondary" onClick={props.onDismiss}>
        Dismiss
      </button>
    </div>
  );
}
