import { useI18n } from '../../app/i18n';
import { Link } from '../../app/router';

export function HomePage() {
  const { t } = useI18n();
  return (
    <section className="hero">
      <h1>{t('home.title')}</h1>
      <p>{t('home.lead')}</p>
      <ul className="actions">
        <li>
          <Link to="/lacak" className="button">
            {t('home.track')}
          </Link>
        </li>
        <li>
          <Link to="/layanan" className="button secondary">
            {t('home.catalogue')}
          </Link>
        </li>
      </ul>
    </section>
  );
}
