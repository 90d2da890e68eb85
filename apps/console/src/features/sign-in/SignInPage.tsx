import { FormEvent, useEffect, useMemo, useState } from 'react';
import { ApiError, getJson, postJson } from '../../app/api';
import { useI18n } from '../../app/i18n';
import { useRouter } from '../../app/router';
import { Session, useSession } from '../../app/session';
import { useConsoleConfig } from '../../app/console-config';
import { LabelledSelect } from '../../components/LabelledSelect';
import { startSignIn } from './sso';

interface Options {
  roles: Array<Session['role']>;
  positions: Array<'officer' | 'head'>;
  agencies: Array<{ code: string; name: string; territorial: boolean }>;
  offices: Array<{ id: string; name: string; type: string }>;
}

/** Which offices a territorial agency acts through: its own level where the code names one. */
function officesFor(agency: string, offices: Options['offices']): Options['offices'] {
  const level = agency.toLowerCase();
  const same = offices.filter((o) => o.type === level);
  return same.length > 0 ? same : offices;
}

/**
 * Sign-in: through the identity provider (OpenID Connect) when the deployment has one, and the
 * development sign-in (the seeded roles, agencies and offices) while the development secret is in use.
 */
export function SignInPage() {
  const { t } = useI18n();
  const { navigate } = useRouter();
  const { signIn } = useSession();
  const [options, setOptions] = useState<Options>();
  const [failure, setFailure] = useState<string>();
  const [role, setRole] = useState<Session['role']>('approver');
  const [agency, setAgency] = useState('KELURAHAN');
  const [office, setOffice] = useState('');
  const [position, setPosition] = useState<'officer' | 'head'>('officer');
  const { config, failed } = useConsoleConfig();
  const [login, setLogin] = useState('');
  useEffect(() => {
    if (!config?.devSignIn) return;
    getJson<Options>('/v1/dev/sign-in').then(setOptions, (e: unknown) => setFailure(e instanceof ApiError && e.status === 404 ? t('signIn.off') : t('track.error')));
  }, [t, config]);
  const sso = async () => {
    try {
      await startSignIn(config!.oidc!);
    } catch (err) {
      setFailure(t('sso.failed', { reason: err instanceof Error ? err.message : String(err) }));
    }
  };
  const territorial = options?.agencies.find((a) => a.code === agency)?.territorial ?? false;
  const offices = useMemo(() => (options ? officesFor(agency, options.offices) : []), [options, agency]);
  useEffect(() => {
    if (territorial && !offices.some((o) => o.id === office)) setOffice(offices[0]?.id ?? '');
  }, [territorial, offices, office]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    try {
      const body = { role, ...(role === 'approver' ? { agency, position, ...(territorial ? { office } : {}), ...(login.trim() ? { login: login.trim() } : {}) } : {}) };
      const minted = await postJson<{ token: string; sub: string }>('/v1/dev/tokens', body);
      signIn({ via: 'dev', token: minted.token, sub: minted.sub, role, ...(role === 'approver' ? { agency, position, ...(territorial ? { office } : {}) } : {}) });
      navigate(role === 'approver' ? '/kotak-masuk' : role === 'admin' ? '/sla' : '/');
    } catch (err) {
      setFailure(err instanceof ApiError ? err.message : String(err));
    }
  };

  return (
    <>
      <h1>{t('signIn.title')}</h1>
      {failure && <p className="error" role="alert">{failure}</p>}
      {failed && <p className="error" role="alert">{t('track.error')}</p>}
      {config?.oidc && (
        <section aria-labelledby="sso-title">
          <h2 id="sso-title" className="visually-hidden">{t('sso.button')}</h2>
          <p>{t('sso.lead')}</p>
          <p>
            <button type="button" className="button" onClick={() => void sso()}>
              {t('sso.button')}
            </button>
          </p>
        </section>
      )}
      {config && !config.oidc && !config.devSignIn && <p>{t('sso.noMethod')}</p>}
      {config?.devSignIn && <p className="hint">{t('signIn.lead')}</p>}
      {options && (
        <form onSubmit={submit} className="sign-in">
          <LabelledSelect id="sign-in-role" label={t('signIn.role')} value={role} onChange={setRole} choices={options.roles.map((r) => ({ value: r, label: t(`role.${r}`) }))} />
          {role === 'approver' && (
            <>
              <LabelledSelect
                id="sign-in-agency"
                label={t('signIn.agency')}
                value={agency}
                onChange={setAgency}
                choices={options.agencies.map((a) => ({ value: a.code, label: `${a.name} (${a.code})` }))}
              />
              <LabelledSelect
                id="sign-in-position"
                label={t('signIn.position')}
                value={position}
                onChange={setPosition}
                choices={options.positions.map((p) => ({ value: p, label: t(`position.${p}`) }))}
              />
              {territorial && (
                <LabelledSelect id="sign-in-office" label={t('signIn.office')} value={office} onChange={setOffice} choices={offices.map((o) => ({ value: o.id, label: o.name }))} />
              )}
              <label htmlFor="sign-in-login">{t('signIn.login')}</label>
              <input id="sign-in-login" autoComplete="username" value={login} onChange={(e) => setLogin(e.target.value)} aria-describedby="sign-in-login-hint" />
              <p className="hint" id="sign-in-login-hint">
                {t('signIn.loginHint')}
              </p>
            </>
          )}
          <p>
            <button type="submit">{t('signIn.submit')}</button>
          </p>
        </form>
      )}
    </>
  );
}
