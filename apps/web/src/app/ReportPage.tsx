import type { ReportReceipt } from '@onemap/domain';
import { useState } from 'react';
import { EmergencyNotice } from '../features/public-report/EmergencyNotice';
import { ReportForm } from '../features/public-report/ReportForm';
import { ReportReceiptCard } from '../features/public-report/ReportReceipt';
import { LanguageToggle } from '../features/session/LanguageToggle';
import { useT } from '../i18n/use-t';
import { PUBLIC_PATH, useRoute } from '../state/route';
import { useDocumentTitle } from './document-title';

/**
 * 全民感知: members of the public report what they see. Open to everyone, made for a phone held in
 * one hand; it needs no session and asks for none.
 */
export function ReportPage() {
  const { t } = useT();
  const navigate = useRoute((s) => s.navigate);
  const [receipt, setReceipt] = useState<ReportReceipt | null>(null);
  useDocumentTitle(t('report.title'));

  return (
    <div className="entry-page public-report-page" data-testid="report-page">
      <header className="entry-bar">
        <a
          className="public-report-back"
          data-testid="report-back"
          href={PUBLIC_PATH}
          onClick={(e) => {
            if (e.ctrlKey || e.metaKey || e.shiftKey || e.button !== 0) return;
            e.preventDefault();
            navigate(PUBLIC_PATH);
          }}
        >
          <span aria-hidden="true">←</span> {t('report.back')}
        </a>
        <LanguageToggle />
      </header>
      <main className="public-report-main">
        <h1 className="public-report-title">{t('report.title')}</h1>
        <EmergencyNotice />
        {receipt ? (
          <ReportReceiptCard receipt={receipt} onAnother={() => setReceipt(null)} />
        ) : (
          <>
            <p className="public-report-intro muted">{t('report.intro')}</p>
            <ReportForm onReceived={setReceipt} />
          </>
        )}
      </main>
    </div>
  );
}
