import { lazy, Suspense } from 'react';
import { NavLink, Navigate, Route, Routes } from 'react-router';
import { ComingSoon } from '../features/placeholder/ComingSoon';
import { ConnectionBanner } from './ConnectionBanner';
import { ErrorBoundary } from './ErrorBoundary';
// Social (feat/social): account, feed, profiles, leaderboard, publish, uploads.
import { SOCIAL_NAV, SocialChrome, socialRoutes } from '../features/account/social-routes';

const SystemPage = lazy(() => import('../features/system/SystemPage'));
const SettingsPage = lazy(() => import('../features/settings/SettingsPage'));
const MontagePage = lazy(() => import('../features/montage/MontagePage'));
const AssetsPage = lazy(() => import('../features/assets/AssetsPage'));
const ProjectsPage = lazy(() => import('../features/projects/ProjectsPage'));
const WizardPage = lazy(() => import('../features/wizard/WizardPage'));
const EditorPage = lazy(() => import('../features/editor/EditorPage'));

const NAV = [
  { to: '/projects', label: 'Projects', icon: '▶' },
  { to: '/montage', label: 'Montage', icon: '✂' },
  { to: '/assets', label: 'Assets', icon: '◆' },
  ...SOCIAL_NAV,
  { to: '/settings', label: 'Settings', icon: '⚙' },
  { to: '/system', label: 'System', icon: 'ℹ' },
] as const;

export function App() {
  return (
    <div className="frame">
      <nav className="sidebar" aria-label="Main">
        <div className="brand">Reelsmith</div>
        <ul>
          {NAV.map((item) => (
            <li key={item.to}>
              <NavLink to={item.to}>
                <span aria-hidden="true" className="nav-icon">
                  {item.icon}
                </span>
                {item.label}
              </NavLink>
            </li>
          ))}
        </ul>
      </nav>
      <main className="content">
        <ConnectionBanner />
        <SocialChrome />
        <ErrorBoundary>
          <Suspense fallback={<p className="muted">Loading…</p>}>
            <Routes>
              <Route path="/" element={<Navigate to="/projects" replace />} />
              <Route path="/projects" element={<ProjectsPage />} />
              <Route path="/projects/new" element={<WizardPage />} />
              <Route path="/projects/:id" element={<EditorPage />} />
              <Route path="/montage" element={<MontagePage />} />
              <Route path="/assets" element={<AssetsPage />} />
              {socialRoutes()}
              <Route path="/settings" element={<SettingsPage />} />
              <Route path="/system" element={<SystemPage />} />
              <Route path="*" element={<ComingSoon title="Not found" what="this page" />} />
            </Routes>
          </Suspense>
        </ErrorBoundary>
      </main>
    </div>
  );
}
