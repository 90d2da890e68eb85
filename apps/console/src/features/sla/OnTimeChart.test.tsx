/** @jest-environment jsdom */
import { render, screen } from '@testing-library/react';
import { I18nProvider } from '../../app/i18n';
import { OnTimeChart } from './OnTimeChart';

const week = (weekStart: string, onTimeRate: number | null) => ({ weekStart, tasksDecided: onTimeRate === null ? 0 : 4, onTimeRate });

describe(OnTimeChart.name, () => {
  it('draws a dot for each week that closed something, and says every week in words', () => {
    const { container } = render(
      <I18nProvider initial="id">
        <OnTimeChart title="Tingkat tepat waktu" weeks={[week('2026-05-31T17:00:00.000Z', 0.6667), week('2026-06-07T17:00:00.000Z', null), week('2026-06-14T17:00:00.000Z', 1)]} />
      </I18nProvider>,
    );
    expect(screen.getByRole('img', { name: /Tingkat tepat waktu/ })).toBeTruthy();
    expect(container.querySelectorAll('circle')).toHaveLength(2);
    expect(container.querySelector('path.line')!.getAttribute('d')!.split(' ')).toHaveLength(2);
    const words = container.querySelector('desc')!.textContent!;
    expect(words).toContain('66.7 %');
    expect(words).toContain('tidak ada data');
    expect(words).toContain('100 %');
  });

  it('says so when no week closed anything', () => {
    render(
      <I18nProvider initial="en">
        <OnTimeChart title="On time" weeks={[week('2026-05-31T17:00:00.000Z', null)]} />
      </I18nProvider>,
    );
    expect(screen.getByText('No step closed in this period yet.')).toBeTruthy();
  });
});
