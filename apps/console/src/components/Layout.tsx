import { ReactNode } from 'react';
import { useI18n } from '../app/i18n';
import { Link, useRouter } from '../app/router';
import { useSession } from '../app/session';

export function Layout({ children }: { children: ReactNode }) {
  const { t, lang, setLang } = useI18n();
  const { session, signOut } = useSession();
  const { navigate, path, search } = useRouter();
  // The SLA wall on an office's wall screen: the page alone, no header or menu.
  if (path === '/sla' && new URLSearchParams(search).get('layar') === 'penuh') {
    return (
      <main id="main" tabIndex={-1} className="wall-screen">
        {children}
      </main>
    );
  }
  const wall = session?.role === 'admin' || (session?.role === 'approver' && session.position === 'head');
  return (
    <>
      <a className="skip" href="#main">
        {t('nav.skip')}
      </a>
      <header className="top">
        <Link to="/" className="brand">
          <strong>{t('app.name')}</strong>
          <span>{t('app.tagline')}</span>
        </Link>
        <nav aria-label="Menu">
          <Link to="/lacak">{t('nav.track')}</Link>
          <Link to="/layanan">{t('nav.catalogue')}</Link>
          <Link to="/akuntabilitas">{lang === 'en' ? 'Accountability' : 'Akuntabilitas'}</Link>
          {session?.role === 'approver' && <Link to="/kotak-masuk">{t('inbox.title')}</Link>}
          {wall && <Link to="/sla">{t('nav.sla')}</Link>}
          {session?.role === 'admin' && <Link to="/kalender">{t('nav.calendar')}</Link>}
          {(session?.role === 'admin' || session?.office) && <Link to="/kotak-pengaduan">{lang === 'en' ? 'Complaints' : 'Pengaduan'}</Link>}
          {(session?.role === 'admin' || session?.office) && <Link to="/skor-kecamatan">{lang === 'en' ? 'Scorecard' : 'Rapor kecamatan'}</Link>}
          {session ? (
            <button
              type="button"
              className="lang"
              onClick={() => {
                signOut();
                navigate('/');
              }}
            >
              {t('nav.signOut')}
            </button>
          ) : (
            <Link to="/masuk">{t('nav.signIn')}</Link>
          )}
          <button type="button" className="lang" onClick={() => setLang(lang === 'id' ? 'en' : 'id')} aria-label={t('lang.label')}>
            {t('lang.switch')}
          </button>
        </nav>
      </header>
      <main id="main" tabIndex={-1}>
        {children}
      </main>
    </>
  );
}
