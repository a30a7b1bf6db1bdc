import type { MessageKey } from '../../i18n/messages';
import { useT } from '../../i18n/use-t';
import './report.css';

const lines: ReadonlyArray<{ number: string; what: MessageKey }> = [
  { number: '119', what: 'report.emergencyFire' },
  { number: '110', what: 'report.emergencyPolice' },
  { number: '120', what: 'report.emergencyAmbulance' },
];

/**
 * A report is read when an operator gets to it; someone in danger must call. The numbers are
 * links, so a phone dials them with one tap.
 */
export function EmergencyNotice() {
  const { t } = useT();
  return (
    <aside className="public-report-emergency" data-testid="report-emergency">
      <p>
        <strong>{t('report.emergencyLead')}</strong>
      </p>
      <ul className="public-report-emergency-numbers">
        {lines.map(({ number, what }) => (
          <li key={number}>
            <a href={`tel:${number}`}>
              <span className="public-report-emergency-number">{number}</span> <span>{t(what)}</span>
            </a>
          </li>
        ))}
      </ul>
      <p>{t('report.emergencyNote')}</p>
    </aside>
  );
}
