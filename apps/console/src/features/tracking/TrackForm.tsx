import { FormEvent, useState } from 'react';
import { normalizeTrackingCode, TRACKING_CODE } from '../../app/format';
import { useI18n } from '../../app/i18n';
import { useRouter } from '../../app/router';

export function TrackForm({ initial = '' }: { initial?: string }) {
  const { t } = useI18n();
  const { navigate } = useRouter();
  const [code, setCode] = useState(initial);
  const [error, setError] = useState<string>();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const normalized = normalizeTrackingCode(code);
    if (!TRACKING_CODE.test(normalized)) return setError(t('track.invalid'));
    setError(undefined);
    navigate(`/lacak/${normalized}`);
  };
  return (
    <form className="track-form" onSubmit={submit} noValidate>
      <label htmlFor="tracking-code">{t('track.codeLabel')}</label>
      <div className="row">
        <input
          id="tracking-code"
          name="trackingCode"
          value={code}
          onChange={(e) => setCode(e.target.value)}
          autoComplete="off"
          autoCapitalize="characters"
          spellCheck={false}
          aria-describedby="tracking-code-hint tracking-code-error"
          aria-invalid={error ? true : undefined}
        />
        <button type="submit">{t('track.submit')}</button>
      </div>
      <p id="tracking-code-hint" className="hint">
        {t('track.codeHint')}
      </p>
      <p id="tracking-code-error" className="error" role="alert">
        {error}
      </p>
    </form>
  );
}
