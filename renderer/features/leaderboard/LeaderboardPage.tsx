/**
 * Top creators by creator score (formula in the README, "Ranking", and on the page).
 */
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { Avatar } from '../account/AccountPage';
import { useCloud } from '../account/cloud-context';
import { accountKeys } from '../account/queries';
import { EmptyState, ErrorState, Skeleton } from '../account/StateViews';

export default function LeaderboardPage() {
  const cloud = useCloud();
  const board = useQuery({
    queryKey: accountKeys.leaderboard,
    queryFn: () => cloud.leaderboard(50),
  });
  return (
    <section className="page leaderboard-page">
      <div className="page-head">
        <h1>Leaderboard</h1>
        <button type="button" onClick={() => void board.refetch()} disabled={board.isFetching}>
          Refresh
        </button>
      </div>
      <p className="muted small" data-testid="scoring">
        Creator score = 3 × likes − dislikes + 0.1 × views + 5 × remixes, over each creator’s public
        videos (a remix is another creator’s video made with Recreate from theirs).
      </p>
      {board.isPending ? (
        <Skeleton label="Loading leaderboard" lines={6} />
      ) : board.isError ? (
        <ErrorState error={board.error} onRetry={() => void board.refetch()} />
      ) : board.data.length === 0 ? (
        <EmptyState title="No creators yet">
          <p className="muted small">Publish a video to appear here.</p>
        </EmptyState>
      ) : (
        <table className="leaderboard" aria-label="Top creators">
          <thead>
            <tr>
              <th scope="col">#</th>
              <th scope="col">Creator</th>
              <th scope="col" className="num">
                Score
              </th>
              <th scope="col" className="num">
                Videos
              </th>
              <th scope="col" className="num">
                Likes
              </th>
              <th scope="col" className="num">
                Dislikes
              </th>
              <th scope="col" className="num">
                Views
              </th>
              <th scope="col" className="num">
                Remixes
              </th>
            </tr>
          </thead>
          <tbody>
            {board.data.map((creator, i) => (
              <tr key={creator.id} data-testid="leader-row">
                <td>{i + 1}</td>
                <td>
                  <Link to={`/profile/${creator.id}`} className="creator-cell">
                    <Avatar url={creator.avatarUrl} name={creator.username} size={28} />@
                    {creator.username}
                  </Link>
                </td>
                <td className="num">
                  <strong>{creator.stats.creatorScore.toFixed(1)}</strong>
                </td>
                <td className="num">{creator.stats.videos}</td>
                <td className="num">{creator.stats.likes}</td>
                <td className="num">{creator.stats.dislikes}</td>
                <td className="num">{creator.stats.views}</td>
                <td className="num">{creator.stats.remixes}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
