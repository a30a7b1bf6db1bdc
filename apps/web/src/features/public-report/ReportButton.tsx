import { useT } from '../../i18n/use-t';
import { REPORT_PATH, useRoute } from '../../state/route';
import './report.css';

/** The way from the public map to the report form: a link, so that it also opens in a new tab. */
export function ReportButton() {
  const { t } = useT();
  const navigate = useRoute((s) => s.navigate);
  return (
    <a
      className="public-report-open"
      data-testid="public-report-open"
      href={REPORT_PATH}
      onClick={(e) => {
        if (e.ctrlKey || e.metaKey || e.shiftKey || e.button !== 0) return;
        e.preventDefault();
        navigate(REPORT_PATH);
      }}
    >
      <span className="public-report-open-mark" aria-hidden="true" />
      {t('report.open')}
    </a>
  );
}
