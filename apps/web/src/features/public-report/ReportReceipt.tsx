import { type ReportReceipt, reportStatuses } from '@onemap/domain';
import { useEffect, useRef } from 'react';
import { formatDateTime } from '../../i18n/format';
import { useT } from '../../i18n/use-t';
import './report.css';

/** What the reporter keeps after sending: the reference to quote when calling, and when it arrived. */
export function ReportReceiptCard({ receipt, onAnother }: { receipt: ReportReceipt; onAnother(): void }) {
  const { t, label } = useT();
  const heading = useRef<HTMLHeadingElement>(null);

  // The form the reporter was in is gone; the answer takes its place and the focus.
  useEffect(() => {
    heading.current?.focus();
  }, []);

  return (
    <section
      className="public-report-receipt card"
      data-testid="report-receipt"
      aria-labelledby="report-receipt-title"
    >
      <h2 id="report-receipt-title" ref={heading} tabIndex={-1}>
        <span className="public-report-receipt-mark" aria-hidden="true" />
        {t('report.receipt.title')}
      </h2>
      <dl className="public-report-receipt-facts">
        <dt>{t('report.receipt.reference')}</dt>
        <dd className="public-report-reference" data-testid="report-reference">
          {receipt.reference}
        </dd>
        <dt>{t('report.receipt.receivedAt')}</dt>
        <dd data-testid="report-received-at">
          {formatDateTime(receipt.receivedAt)} <span className="muted">({t('report.receipt.timeZone')})</span>
        </dd>
        <dt>{t('report.receipt.status')}</dt>
        <dd>{label(reportStatuses.labels[receipt.status])}</dd>
      </dl>
      <p>{t('report.receipt.referenceHint')}</p>
      <p>{t('report.receipt.next')}</p>
      <button type="button" className="public-report-button" data-testid="report-another" onClick={onAnother}>
        {t('report.receipt.another')}
      </button>
    </section>
  );
}
