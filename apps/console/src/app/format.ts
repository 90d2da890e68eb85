// Every time a citizen reads is in Jakarta time, whatever the browser's zone.
import type { Lang } from './i18n';

const ZONE = 'Asia/Jakarta';

export function jakartaDateTime(iso: string | null | undefined, lang: Lang): string {
  if (!iso) return '—';
  const text = new Intl.DateTimeFormat(lang === 'id' ? 'id-ID' : 'en-GB', {
    timeZone: ZONE,
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  }).format(new Date(iso));
  return `${text} WIB`;
}

export function rupiah(amount: number, lang: Lang): string {
  return new Intl.NumberFormat(lang === 'id' ? 'id-ID' : 'en-GB', { style: 'currency', currency: 'IDR', maximumFractionDigits: 0 }).format(amount);
}

export const TRACKING_CODE = /^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/;

/** What people type: lower case, spaces, no dashes. */
export function normalizeTrackingCode(raw: string): string {
  const compact = raw.toUpperCase().replace(/[^0-9A-Z]/g, '');
  return compact.length === 12 ? `${compact.slice(0, 4)}-${compact.slice(4, 8)}-${compact.slice(8)}` : raw.trim().toUpperCase();
}
