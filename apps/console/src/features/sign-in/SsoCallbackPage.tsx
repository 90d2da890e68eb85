import { useEffect, useRef, useState } from 'react';
import { useI18n } from '../../app/i18n';
import { Link, useRouter } from '../../app/router';
import { useSession } from '../../app/session';
import { finishSignIn } from './sso';

/** Where the identity provider sends the browser back with the code: exchange it, then on to work. */
export function SsoCallbackPage() {
  const { t } = useI18n();
  const { navigate } = useRouter();
  const { signIn } = useSession();
  const [failure, setFailure] = useState<string>();
  const started = useRef(false);
  useEffect(() => {
    // Once: the code is single-use, and React may run an effect twice in development.
    if (started.current) return;
    started.current = true;
    const params = new URLSearchParams(window.location.search);
    // The code leaves the address bar (and the history) at once.
    window.history.replaceState(null, '', window.location.pathname);
    finishSignIn(params, t('sso.stateMismatch')).then(
      (session) => {
        signIn(session);
        navigate(session.role === 'approver' ? '/kotak-masuk' : session.role === 'admin' ? '/sla' : '/');
      },
      (err: unknown) => setFailure(t('sso.failed', { reason: err instanceof Error ? err.message : String(err) })),
    );
  }, [navigate, signIn, t]);
  return (
    <>
      <h1>{t('signIn.title')}</h1>
      {failure ? (
        <>
          <p className="error" role="alert">{failure}</p>
          <p>
            <Link to="/masuk">{t('nav.signIn')}</Link>
          </p>
        </>
      ) : (
        <p aria-live="polite">{t('sso.working')}</p>
      )}
    </>
  );
}
