import { lazy, Suspense, useSyncExternalStore } from 'react';
import { Navigate, NavLink, Outlet, Route, Routes, useLocation } from 'react-router';
import { api } from './api/client';
import { session } from './api/session';
import { SignInPage } from './pages/sign-in';
import { AppName } from './components/app-name';

// Signed-in pages are loaded on first visit: the first screen (sign-in) ships only the shell.
const WorkflowsPage = lazy(() => import('./pages/workflows'));
const NewWorkflowPage = lazy(() => import('./pages/new-workflow'));
const WorkflowPage = lazy(() => import('./pages/workflow'));
const WorkflowEditorPage = lazy(() => import('./pages/workflow-editor'));
const WorkflowVersionsPage = lazy(() => import('./pages/workflow-versions'));
const ExecutionPage = lazy(() => import('./pages/execution'));
const SearchPage = lazy(() => import('./pages/search'));
const ReportsPage = lazy(() => import('./pages/reports'));
const AuditPage = lazy(() => import('./pages/admin-audit'));
const UsersPage = lazy(() => import('./pages/admin-users'));
const ReportPage = lazy(() => import('./pages/reports/report-page'));
const DeliveriesPage = lazy(() => import('./pages/reports/deliveries-page'));
const DeadLettersPage = lazy(() => import('./pages/admin-dead-letters'));
const InsightsPage = lazy(() => import('./pages/insights'));
const ResetPasswordPage = lazy(() => import('./pages/reset-password'));
const VerifyEmailPage = lazy(() => import('./pages/verify-email'));
const AccountPage = lazy(() => import('./pages/account'));
const SettingsPage = lazy(() => import('./pages/admin-settings'));
const ExecutionsPage = lazy(() => import('./pages/executions'));
const DataSourcesPage = lazy(() => import('./pages/data-sources'));
const DataSourcePage = lazy(() => import('./pages/data-source'));
const ContentsPage = lazy(() => import('./pages/contents'));
const ContentPage = lazy(() => import('./pages/content'));
const ProcessingHistoryPage = lazy(() => import('./pages/processing-history'));

export function useSession() {
  return useSyncExternalStore(session.subscribe, session.current);
}

export function App() {
  return (
    <Suspense fallback={<p aria-busy="true">Loading…</p>}>
      <Routes>
        <Route path="/sign-in" element={<SignInPage />} />
        <Route path="/reset-password" element={<ResetPasswordPage />} />
        <Route path="/verify-email" element={<VerifyEmailPage />} />
        <Route element={<SignedIn />}>
          <Route index element={<Navigate to="/workflows" replace />} />
          <Route path="/workflows" element={<WorkflowsPage />} />
          <Route path="/workflows/new" element={<NewWorkflowPage />} />
          <Route path="/workflows/new/blank" element={<WorkflowEditorPage />} />
          <Route path="/workflows/:id" element={<WorkflowPage />} />
          <Route path="/workflows/:id/edit" element={<WorkflowEditorPage />} />
          <Route path="/workflows/:id/versions" element={<WorkflowVersionsPage />} />
          <Route path="/executions/:id" element={<ExecutionPage />} />
          <Route path="/search" element={<SearchPage />} />
          <Route path="/executions" element={<ExecutionsPage />} />
          <Route path="/data-sources" element={<DataSourcesPage />} />
          <Route path="/data-sources/:id" element={<DataSourcePage />} />
          <Route path="/contents" element={<ContentsPage />} />
          <Route path="/contents/:id" element={<ContentPage />} />
          <Route path="/processing-history" element={<ProcessingHistoryPage />} />
          <Route path="/reports" element={<ReportsPage />} />
          <Route path="/admin/audit" element={<AuditPage />} />
          <Route path="/admin/users" element={<UsersPage />} />
          <Route path="/reports/deliveries" element={<DeliveriesPage />} />
          <Route path="/reports/:id" element={<ReportPage />} />
          <Route path="/admin/dead-letters" element={<DeadLettersPage />} />
          <Route path="/insights" element={<InsightsPage />} />
          <Route path="/account" element={<AccountPage />} />
          <Route path="/admin/settings" element={<SettingsPage />} />
          <Route path="*" element={<NotFound />} />
        </Route>
      </Routes>
    </Suspense>
  );
}

// The frame of every signed-in page; without a session, the sign-in page (then back here).
function SignedIn() {
  const current = useSession();
  const location = useLocation();
  if (!current) return <Navigate to={`/sign-in?next=${encodeURIComponent(location.pathname + location.search)}`} replace />;
  const admin = current.user.role === 'admin';
  const signOut = async () => {
    await api.POST('/api/v1/auth/logout').catch(() => undefined);
    session.end();
  };
  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="container">
        <nav aria-label="Main">
          <ul>
            <li>
              <strong>
                <AppName />
              </strong>
            </li>
          </ul>
          <ul className="links">
            <li>
              <NavLink to="/workflows">Workflows</NavLink>
            </li>
            <li>
              <NavLink to="/executions">Runs</NavLink>
            </li>
            <li>
              <NavLink to="/data-sources">Data</NavLink>
            </li>
            <li>
              <NavLink to="/search">Search</NavLink>
            </li>
            <li>
              <NavLink to="/reports">Reports</NavLink>
            </li>
            <li>
              <NavLink to="/insights">Statistics</NavLink>
            </li>
            {admin && (
              <>
                <li>
                  <NavLink to="/admin/audit">Audit log</NavLink>
                </li>
                <li>
                  <NavLink to="/admin/users">Users</NavLink>
                </li>
                <li>
                  <NavLink to="/admin/dead-letters">Dead letters</NavLink>
                </li>
                <li>
                  <NavLink to="/admin/settings">Settings</NavLink>
                </li>
              </>
            )}
            <li>
              <NavLink to="/account">Account</NavLink>
            </li>
            <li>
              <button type="button" className="secondary outline" onClick={() => void signOut()}>
                Sign out <span className="muted">({current.user.email})</span>
              </button>
            </li>
          </ul>
        </nav>
      </header>
      <main id="main" className="container" tabIndex={-1}>
        <Suspense fallback={<p aria-busy="true">Loading…</p>}>
          <Outlet />
        </Suspense>
      </main>
    </>
  );
}

function NotFound() {
  return (
    <>
      <h1>Not found</h1>
      <p>
        Nothing here. Back to <NavLink to="/workflows">workflows</NavLink>.
      </p>
    </>
  );
}
