export interface Closure {
  id: string;
  date: string;
  officeId: string | null;
  name: string;
  decree: string;
  reason: string;
  status: 'standing' | 'cancelled';
  createdBy: string;
  cancelReason: string | null;
}

export interface CalendarYear {
  year: number;
  status: 'decreed' | 'projected' | 'none';
  source: 'loaded' | 'built-in';
  basis: string;
  days: Array<{ date: string; name: string; kind: 'national' | 'cuti_bersama' }>;
  closures: Closure[];
}

/** The days of a decree typed one a line as `date;kind;name`: the parsed days, or the number of the first line that is not. */
export function parseDecreeDays(text: string): { days: CalendarYear['days'] } | { badLine: number } {
  const days: CalendarYear['days'] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].trim();
    if (line === '') continue;
    const [date, kind, ...name] = line.split(';').map((part) => part.trim());
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date ?? '') || (kind !== 'national' && kind !== 'cuti_bersama') || name.join(';') === '') return { badLine: i + 1 };
    days.push({ date, kind, name: name.join(';') });
  }
  return { days };
}
