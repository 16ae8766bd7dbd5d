/**
 * The feed: public videos by ranking score (see README "Ranking"), newest pages on scroll.
 */
import { Link } from 'react-router';
import { useAccount } from '../account/queries';
import { useFeed } from './queries';
import { VideoList } from './VideoList';

export default function FeedPage() {
  const feed = useFeed();
  const account = useAccount();
  const signedIn = account.data?.signedIn ?? false;
  return (
    <section className="page feed-page">
      <div className="page-head">
        <h1>Feed</h1>
        <button type="button" onClick={() => void feed.refetch()} disabled={feed.isFetching}>
          Refresh
        </button>
      </div>
      {!signedIn && account.isSuccess && (
        <p className="muted small">
          <Link to="/account">Sign in</Link> to like, dislike and remix videos.
        </p>
      )}
      <VideoList
        query={feed}
        signedIn={signedIn}
        label="Feed"
        emptyTitle="No videos yet"
        emptyHint={
          <p className="muted small">
            Be the first: render a project, then <Link to="/publish">publish it</Link>.
          </p>
        }
      />
    </section>
  );
}
