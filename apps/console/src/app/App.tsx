import { ReactNode } from 'react';
import { Layout } from '../components/Layout';
import { CalendarPage } from '../features/calendar/CalendarPage';
import { AccountabilityPage } from '../features/accountability/AccountabilityPage';
import { CataloguePage } from '../features/catalogue/CataloguePage';
import { PermitTypePage } from '../features/catalogue/PermitTypePage';
import { HomePage } from '../features/home/HomePage';
import { TrackingPage } from '../features/tracking/TrackingPage';
import { InboxPage } from '../features/inbox/InboxPage';
import { TaskPage } from '../features/inbox/TaskPage';
import { SignInPage } from '../features/sign-in/SignInPage';
import { SsoCallbackPage } from '../features/sign-in/SsoCallbackPage';
import { SlaWallPage } from '../features/sla/SlaWallPage';
import { KecamatanScorecardPage } from '../features/scorecard/KecamatanScorecardPage';
import { ComplaintPage } from '../features/complaints/ComplaintPage';
import { ComplaintInboxPage } from '../features/complaints/ComplaintInboxPage';
import { SessionProvider } from './session';
import { I18nProvider, useI18n } from './i18n';
import { match, RouterProvider, useRouter } from './router';

/**
 * The console's pages, by path: the first pattern that matches the path (see `match`) shows its page,
 * given the path's named segments.
 */
const ROUTES: ReadonlyArray<{ pattern: string; page: (params: Record<string, string>) => ReactNode }> = [
  { pattern: '/', page: () => <HomePage /> },
  { pattern: '/lacak', page: () => <TrackingPage /> },
  { pattern: '/lacak/:code', page: ({ code }) => <TrackingPage code={code} /> },
  { pattern: '/pengaduan/:code', page: ({ code }) => <ComplaintPage code={code} /> },
  { pattern: '/masuk', page: () => <SignInPage /> },
  { pattern: '/masuk/sso', page: () => <SsoCallbackPage /> },
  { pattern: '/sla', page: () => <SlaWallPage /> },
  { pattern: '/kotak-masuk', page: () => <InboxPage /> },
  { pattern: '/kotak-masuk/:taskId', page: ({ taskId }) => <TaskPage taskId={taskId} /> },
  { pattern: '/akuntabilitas', page: () => <AccountabilityPage /> },
  { pattern: '/skor-kecamatan', page: () => <KecamatanScorecardPage /> },
  { pattern: '/kotak-pengaduan', page: () => <ComplaintInboxPage /> },
  { pattern: '/layanan', page: () => <CataloguePage /> },
  { pattern: '/layanan/:code', page: ({ code }) => <PermitTypePage code={code} /> },
  { pattern: '/kalender', page: () => <CalendarPage /> },
];

function Routes() {
  const { path } = useRouter();
  const { t } = useI18n();
  for (const route of ROUTES) {
    const params = match(route.pattern, path);
    if (params) return route.page(params);
  }
  return <h1>{t('notFound.title')}</h1>;
}

export function App({ initialPath }: { initialPath?: string }) {
  return (
    <I18nProvider>
      <SessionProvider>
        <RouterProvider initialPath={initialPath}>
          <Layout>
            <Routes />
          </Layout>
        </RouterProvider>
      </SessionProvider>
    </I18nProvider>
  );
}
