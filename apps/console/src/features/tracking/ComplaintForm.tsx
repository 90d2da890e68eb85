import { FormEvent, useState } from 'react';
import { ApiError, postJson } from '../../app/api';
import { useI18n } from '../../app/i18n';
import { Link } from '../../app/router';
import { LabelledSelect } from '../../components/LabelledSelect';

const CATEGORIES = ['illegal_fee', 'slow_service', 'rude_staff', 'wrong_information', 'office_closed', 'other'] as const;

/** Files POST /v1/complaints for this application; asks for no identity (a report may stay anonymous). */
export function ComplaintForm({ trackingCode, offices }: { trackingCode: string; offices: Array<{ id: string; name: string }> }) {
  const { t } = useI18n();
  const [category, setCategory] = useState<(typeof CATEGORIES)[number]>('illegal_fee');
  const [officeId, setOfficeId] = useState(offices[0]?.id ?? '');
  const [description, setDescription] = useState('');
  const [outcome, setOutcome] = useState<{ ok: boolean; text: string; pin?: string; code?: string }>();
  const [sending, setSending] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setSending(true);
    try {
      const filed = await postJson<{ trackingCode: string; followUpPin: string }>('/v1/complaints', {
        channel: 'web',
        category,
        officeId,
        trackingCode,
        ...(description.trim() ? { description: description.trim() } : {}),
      });
      setOutcome({ ok: true, text: `${t('complaint.sent')} ${filed.trackingCode}`, pin: filed.followUpPin, code: filed.trackingCode });
    } catch (err) {
      setOutcome({ ok: false, text: `${t('complaint.failed')} ${err instanceof ApiError ? err.message : String(err)}` });
    } finally {
      setSending(false);
    }
  };
  return (
    <form className="complaint" onSubmit={submit}>
      <LabelledSelect
        id="complaint-category"
        label={t('complaint.category')}
        value={category}
        onChange={setCategory}
        choices={CATEGORIES.map((c) => ({ value: c, label: t(`category.${c}`) }))}
      />
      <LabelledSelect id="complaint-office" label={t('complaint.office')} value={officeId} onChange={setOfficeId} choices={offices.map((o) => ({ value: o.id, label: o.name }))} />
      <label htmlFor="complaint-description">{t('complaint.description')}</label>
      <textarea id="complaint-description" rows={3} maxLength={2000} value={description} onChange={(e) => setDescription(e.target.value)} />
      <button type="submit" disabled={sending}>
        {t('complaint.send')}
      </button>
      {outcome && (
        <p role="status" className={outcome.ok ? 'ok' : 'error'}>
          {outcome.text}
        </p>
      )}
      {outcome?.pin && (
        <p className="ok">
          {t('complaint.pin')} <strong data-pin>{outcome.pin}</strong>
        </p>
      )}
      {outcome?.code && (
        <p>
          <Link to={`/pengaduan/${outcome.code}`}>{t('complaint.follow')}</Link>
        </p>
      )}
    </form>
  );
}
