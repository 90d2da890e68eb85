import { Layout } from '../components/Layout';
import { CataloguePage } from '../features/catalogue/CataloguePage';
import { PermitTypePage } from '../features/catalogue/PermitTypePage';
import { HomePage } from '../features/home/HomePage';
import { TrackingPage } from '../features/tracking/TrackingPage';
import { I18nProvider, useI18n } from './i18n';
import { match, RouterProvider, useRouter } from './router';

function Routes() {
  const { path } = useRouter();
  const { t } = useI18n();
  if (path === '/' || path === '') return <HomePage />;
  if (path === '/lacak') return <TrackingPage />;
  const tracked = match('/lacak/:code', path);
  if (tracked) return <TrackingPage code={tracked.code} />;
  if (path === '/layanan') return <CataloguePage />;
  const type = match('/layanan/:code', path);
  if (type) return <PermitTypePage code={type.code} />;
  return <h1>{t('notFound.title')}</h1>;
}

export function App({ initialPath }: { initialPath?: string }) {
  return (
    <I18nProvider>
      <RouterProvider initialPath={initialPath}>
        <Layout>
          <Routes />
        </Layout>
      </RouterProvider>
    </I18nProvider>
  );
}
