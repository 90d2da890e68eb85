// The wall's period: the current month in Jakarta (UTC+7 all year) unless chosen.
import { JAKARTA_UTC_OFFSET_MS } from '../../../../../libs/domain/time';

export function jakartaMonth(now = Date.now()): { from: string; to: string } {
  const local = new Date(now + JAKARTA_UTC_OFFSET_MS);
  const [y, m] = [local.getUTCFullYear(), local.getUTCMonth()];
  const last = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  const mm = String(m + 1).padStart(2, '0');
  return { from: `${y}-${mm}-01`, to: `${y}-${mm}-${String(last).padStart(2, '0')}` };
}
