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

function Routes() {
  const { path } = useRouter();
  const { t } = useI18n();
  if (path === '/' || path === '') return <HomePage />;
  if (path === '/lacak') return <TrackingPage />;
  const tracked = match('/lacak/:code', path);
  if (tracked) return <TrackingPage code={tracked.code} />;
  const complaint = match('/pengaduan/:code', path);
  if (complaint) return <ComplaintPage code={complaint.code} />;
  if (path === '/masuk') return <SignInPage />;
  if (path === '/masuk/sso') return <SsoCallbackPage />;
  if (path === '/sla') return <SlaWallPage />;
  if (path === '/kotak-masuk') return <InboxPage />;
  const task = match('/kotak-masuk/:taskId', path);
  if (task) return <TaskPage taskId={task.taskId} />;
  if (path === '/akuntabilitas') return <AccountabilityPage />;
  if (path === '/skor-kecamatan') return <KecamatanScorecardPage />;
  if (path === '/kotak-pengaduan') return <ComplaintInboxPage />;
  if (path === '/layanan') return <CataloguePage />;
  if (path === '/kalender') return <CalendarPage />;
  const type = match('/layanan/:code', path);
  if (type) return <PermitTypePage code={type.code} />;
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
