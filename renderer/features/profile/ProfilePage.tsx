/**
 * A creator's profile: stats, and tabs for their videos and the videos they liked. On my own
 * profile, the username and avatar can be edited in place.
 */
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useParams } from 'react-router';
import { Avatar, EditProfile } from '../account/AccountPage';
import { useCloud } from '../account/cloud-context';
import type { Profile } from '../account/cloud-api';
import { accountKeys, useAccount } from '../account/queries';
import { ErrorState, Skeleton } from '../account/StateViews';
import { useVideoList, videoKeys } from '../feed/queries';
import { flattenPages } from '../feed/reactions';
import { VideoList } from '../feed/VideoList';
import { lastActive, relativeTime } from './last-active';

export default function ProfilePage() {
  const { userId = '' } = useParams();
  // One instance per profile: going from my Liked tab to a creator's profile opens theirs on
  // Videos, not on the tab I had open.
  return <ProfileView key={userId} userId={userId} />;
}

function ProfileView({ userId }: { userId: string }) {
  const cloud = useCloud();
  const account = useAccount();
  const profile = useQuery({
    queryKey: accountKeys.profile(userId),
    queryFn: () => cloud.profile(userId),
    enabled: userId !== '',
  });
  const [tab, setTab] = useState<'videos' | 'liked'>('videos');
  const videos = useVideoList(videoKeys.user(userId), (c) => cloud.userVideos(userId, c));
  const liked = useVideoList(
    videoKeys.liked(userId),
    (c) => cloud.likedVideos(userId, c),
    tab === 'liked',
  );
  const me = account.data?.me ?? null;
  const isMe = me?.id === userId;
  const newest = videos.data ? flattenPages(videos.data.pages)[0]?.createdAt : undefined;

  return (
    <section className="page profile-page">
      {profile.isPending ? (
        <Skeleton label="Loading profile" lines={3} />
      ) : profile.isError ? (
        <ErrorState error={profile.error} onRetry={() => void profile.refetch()} />
      ) : (
        <ProfileHead
          profile={profile.data}
          lastActiveAt={lastActive([newest, profile.data.createdAt])}
          isMe={isMe}
        />
      )}
      {me?.id === userId && <EditProfile me={me} />}
      <div className="tabs" role="tablist" aria-label="Profile lists">
        <button
          type="button"
          role="tab"
          aria-selected={tab === 'videos'}
          className={tab === 'videos' ? 'active' : undefined}
          onClick={() => setTab('videos')}
        >
          Videos
        </button>
        <button
          type="button"
          role="tab"
          aria-selected={tab === 'liked'}
          className={tab === 'liked' ? 'active' : undefined}
          onClick={() => setTab('liked')}
        >
          Liked
        </button>
      </div>
      <div role="tabpanel" aria-label={tab === 'videos' ? 'Videos' : 'Liked videos'}>
        {tab === 'videos' ? (
          <VideoList
            query={videos}
            signedIn={account.data?.signedIn ?? false}
            label="Videos"
            emptyTitle={isMe ? 'You have not published anything yet' : 'No videos yet'}
          />
        ) : (
          <VideoList
            query={liked}
            signedIn={account.data?.signedIn ?? false}
            label="Liked videos"
            emptyTitle="No liked videos yet"
          />
        )}
      </div>
    </section>
  );
}

function ProfileHead(props: { profile: Profile; lastActiveAt: string | null; isMe: boolean }) {
  const { profile } = props;
  const stats: [string, string][] = [
    ['Videos', String(profile.stats.videos)],
    ['Likes', String(profile.stats.likes)],
    ['Dislikes', String(profile.stats.dislikes)],
    ['Views', String(profile.stats.views)],
    ['Remixes', String(profile.stats.remixes)],
    ['Score', profile.stats.creatorScore.toFixed(1)],
    ['Last active', props.lastActiveAt ? relativeTime(props.lastActiveAt, Date.now()) : '—'],
  ];
  return (
    <div className="panel profile-head">
      <Avatar url={profile.avatarUrl} name={profile.username} size={72} />
      <div>
        <h1>
          @{profile.username}
          {props.isMe && <span className="chip">you</span>}
        </h1>
        <dl className="stats" aria-label="Creator stats">
          {stats.map(([label, value]) => (
            <div
              key={label}
              className="stat"
              data-testid={`stat-${label.toLowerCase().replace(' ', '-')}`}
            >
              <dt className="muted small">{label}</dt>
              <dd>{value}</dd>
            </div>
          ))}
        </dl>
      </div>
    </div>
  );
}
