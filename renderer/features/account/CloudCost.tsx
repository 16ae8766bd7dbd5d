/**
 * The cost of a cloud action, shown before it runs: price, balance after, or why it cannot run
 * ("not enough credits", or signed out). For any screen that offers a cloud step.
 */
import { costNotice } from './credits';
import { useAccount } from './queries';

export function CloudCost({ cost, what }: { cost: number; what: string }) {
  const account = useAccount();
  const balance = account.data?.me?.balance ?? null;
  const notice = costNotice(cost, balance);
  return (
    <p
      className={notice.affordable ? 'muted small' : 'bad small'}
      role={notice.affordable ? undefined : 'alert'}
      data-testid="cloud-cost"
    >
      {what}: {notice.text}
    </p>
  );
}
