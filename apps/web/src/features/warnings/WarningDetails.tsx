import {
  capCategories,
  capCertainties,
  capSeverities,
  capUrgencies,
  type WarningSummary,
  warningStatuses,
} from '@onemap/domain';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTRPC } from '../../data/trpc';
import { formatDateTime, formatNumber } from '../../i18n/format';
import { useT } from '../../i18n/use-t';
import { FormError } from '../../panels/admin/fields';
import { SeverityBadge } from './SeverityBadge';
import { useRefreshWarnings } from './use-warnings';

/** Everything about one warning, and what a publisher may do with it next. */
export function WarningDetails({
  warning: w,
  mayPublish,
  onEdit,
  onChanged,
}: {
  warning: WarningSummary;
  mayPublish: boolean;
  /** Opens the editor; absent where there is none (the map's drawer). */
  onEdit?: ((warning: WarningSummary) => void) | undefined;
  /** After it was published or cancelled here, with the warning as it is now. */
  onChanged?: ((warning: WarningSummary) => void) | undefined;
}) {
  const { t, label, language } = useT();
  const labelOf = (v: { labelOf(code: string): { zh: string; en: string } | undefined }, code: string) => {
    const l = v.labelOf(code);
    return l ? label(l) : code;
  };
  const rows: Array<[string, string]> = [
    [t('warnings.event'), w.event],
    [t('warnings.category'), labelOf(capCategories, w.category)],
    [t('warnings.severity'), labelOf(capSeverities, w.severity)],
    [t('warnings.urgency'), labelOf(capUrgencies, w.urgency)],
    [t('warnings.certainty'), labelOf(capCertainties, w.certainty)],
    [t('warnings.areaDesc'), w.areaDesc],
    [t('warnings.effective'), formatDateTime(w.effective, false)],
    [t('warnings.expires'), formatDateTime(w.expires, false)],
    [t('warnings.sent'), w.sent ? formatDateTime(w.sent) : t('warnings.notSent')],
    [
      t('warnings.population'),
      w.populationEstimate === null
        ? t('detail.empty')
        : t('warnings.people', { count: formatNumber(w.populationEstimate, language) }),
    ],
    [t('warnings.sender'), w.senderName ? `${w.senderName} (${w.sender})` : w.sender],
    [t('warnings.identifier'), w.identifier],
  ];
  return (
    <div className="warning-details" data-testid={`warning-details-${w.id}`}>
      <div className="warning-badges">
        <SeverityBadge severity={w.severity} />
        <span className="status-badge" data-status={w.status}>
          {labelOf(warningStatuses, w.status)}
        </span>
        {w.source === 'imported' && (
          <span className="source-badge" data-testid="warning-imported">
            {t('warnings.imported')}
          </span>
        )}
      </div>
      <dl className="detail-fields warning-fields">
        {rows.map(([name, value]) => (
          <div key={name} className="detail-field">
            <dt>{name}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      {w.note && <TextBlock title={t('warnings.note')} text={w.note} />}
      {w.description && <TextBlock title={t('warnings.description')} text={w.description} />}
      {w.instruction && <TextBlock title={t('warnings.instruction')} text={w.instruction} />}
      {w.source === 'imported' ? (
        <p className="muted warning-note">{t('warnings.importedReadOnly')}</p>
      ) : (
        mayPublish && w.editable && <WarningActions warning={w} onEdit={onEdit} onChanged={onChanged} />
      )}
    </div>
  );
}

function TextBlock({ title, text }: { title: string; text: string }) {
  return (
    <section className="warning-text">
      <h4>{title}</h4>
      <p>{text}</p>
    </section>
  );
}

/**
 * Publish a draft or edit it; send an update of a published warning, or cancel it with a reason (a
 * draft was never sent, so there is nothing to cancel).
 */
function WarningActions({
  warning: w,
  onEdit,
  onChanged,
}: {
  warning: WarningSummary;
  onEdit?: ((warning: WarningSummary) => void) | undefined;
  onChanged?: ((warning: WarningSummary) => void) | undefined;
}) {
  const { t } = useT();
  const trpc = useTRPC();
  const refresh = useRefreshWarnings();
  const [cancelling, setCancelling] = useState(false);
  const [reason, setReason] = useState('');
  const changed = async (now: WarningSummary) => {
    setCancelling(false);
    await refresh();
    onChanged?.(now);
  };
  const publish = useMutation(trpc.warnings.publish.mutationOptions({ onSuccess: changed }));
  const cancel = useMutation(trpc.warnings.cancel.mutationOptions({ onSuccess: changed }));
  if (w.status === 'cancelled') return null;

  if (cancelling) {
    return (
      <form
        className="warning-cancel"
        onSubmit={(e) => {
          e.preventDefault();
          cancel.mutate({ id: w.id, reason });
        }}
      >
        <div className="form-field">
          <label htmlFor={`cancel-reason-${w.id}`}>{t('warnings.cancelReason')}</label>
          <textarea
            id={`cancel-reason-${w.id}`}
            data-testid="warning-cancel-reason"
            rows={2}
            maxLength={500}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
          />
        </div>
        <FormError error={cancel.error} />
        <div className="form-actions">
          <button
            type="submit"
            className="primary-button is-danger"
            data-testid="warning-cancel-confirm"
            disabled={cancel.isPending}
          >
            {t('warnings.cancelConfirm')}
          </button>
          <button type="button" className="text-button" onClick={() => setCancelling(false)}>
            {t('warnings.back')}
          </button>
        </div>
      </form>
    );
  }

  return (
    <>
      <FormError error={publish.error} />
      <div className="form-actions warning-actions">
        {w.status === 'draft' && (
          <button
            type="button"
            className="primary-button"
            data-testid="warning-publish"
            disabled={publish.isPending}
            onClick={() => publish.mutate({ id: w.id })}
          >
            {t('warnings.publish')}
          </button>
        )}
        {onEdit && (
          <button type="button" className="text-button" data-testid="warning-edit" onClick={() => onEdit(w)}>
            {t(w.status === 'draft' ? 'warnings.edit' : 'warnings.update')}
          </button>
        )}
        {w.status === 'published' && (
          <button
            type="button"
            className="text-button is-danger"
            data-testid="warning-cancel"
            onClick={() => setCancelling(true)}
          >
            {t('warnings.cancel')}
          </button>
        )}
      </div>
    </>
  );
}
