/**
 * The social half of the app in one place for `App.tsx`: routes, nav entries and the chrome
 * (server banner, account chip with credits, uploads status bar).
 */
import { lazy } from 'react';
import { Route } from 'react-router';
import { AccountChip, StatusBar } from '../uploads/StatusBar';
import UploadsPage from '../uploads/UploadsPanel';
import { ServerBanner } from './ServerBanner';
import './social.css';

const AccountPage = lazy(() => import('./AccountPage'));
const FeedPage = lazy(() => import('../feed/FeedPage'));
const ProfilePage = lazy(() => import('../profile/ProfilePage'));
const LeaderboardPage = lazy(() => import('../leaderboard/LeaderboardPage'));
const PublishPage = lazy(() => import('../publish/PublishPage'));

export const SOCIAL_NAV = [
  { to: '/feed', label: 'Feed', icon: '☰' },
  { to: '/leaderboard', label: 'Leaderboard', icon: '★' },
  { to: '/publish', label: 'Publish', icon: '⇪' },
  { to: '/account', label: 'Account', icon: '●' },
] as const;

/** Route elements for `<Routes>` (a fragment, which react-router flattens). */
export function socialRoutes() {
  return (
    <>
      <Route path="/feed" element={<FeedPage />} />
      <Route path="/account" element={<AccountPage />} />
      <Route path="/profile/:userId" element={<ProfilePage />} />
      <Route path="/leaderboard" element={<LeaderboardPage />} />
      <Route path="/publish" element={<PublishPage />} />
      <Route path="/publish/:projectId" element={<PublishPage />} />
      <Route path="/uploads" element={<UploadsPage />} />
    </>
  );
}

/**
 * On every page: the offline banner, the account chip with the credits balance (top), and the
 * status bar with the uploads indicator (fixed at the bottom).
 */
export function SocialChrome() {
  return (
    <>
      <ServerBanner />
      <div className="top-bar">
        <AccountChip />
      </div>
      <StatusBar />
    </>
  );
}
