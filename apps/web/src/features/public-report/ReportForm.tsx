import {
  type PublicReportCategory,
  publicReportCategories,
  publicReportSchema,
  type ReportReceipt,
} from '@onemap/domain';
import { type FormEvent, useState } from 'react';
import type { MessageKey } from '../../i18n/messages';
import { useT } from '../../i18n/use-t';
import { LocationPicker, type PickedLocation } from './LocationPicker';
import { PhotoField } from './PhotoField';
import {
  emptyReportDraft,
  type FieldProblem,
  parseReportDraft,
  type ReportDraft,
  type ReportErrors,
  type ReportField,
  reportFields,
  sendReport,
} from './report-request';
import './report.css';

const DESCRIPTION_MAX = publicReportSchema.shape.description.maxLength ?? undefined;

/** Brings the first field with a complaint into view and gives it the focus. */
function focusFirst(errors: ReportErrors) {
  const field = reportFields.find((f) => errors[f]);
  const el = field && document.getElementById(`report-field-${field}`);
  if (!el) return;
  el.scrollIntoView({ block: 'center', behavior: 'smooth' });
  el.focus({ preventScroll: true });
}

/**
 * 全民感知: what, where, a description, optionally a photo and a contact. The form is checked with
 * the API's own schema before it is sent, and the API's refusals come back in words next to the
 * fields they name.
 */
export function ReportForm({ onReceived }: { onReceived(receipt: ReportReceipt): void }) {
  const { t, label } = useT();
  const [draft, setDraft] = useState<ReportDraft>(emptyReportDraft);
  const [accuracy, setAccuracy] = useState<number | null>(null);
  const [photo, setPhoto] = useState<File | null>(null);
  const [photoProblem, setPhotoProblem] = useState<FieldProblem | null>(null);
  const [attempted, setAttempted] = useState(false);
  const [serverErrors, setServerErrors] = useState<ReportErrors>({});
  const [refusal, setRefusal] = useState<MessageKey | null>(null);
  const [busy, setBusy] = useState(false);

  // Once sending was tried, complaints follow the form as it is corrected.
  const parsed = parseReportDraft(draft);
  const clientErrors = attempted && !parsed.ok ? parsed.errors : {};
  const errors: ReportErrors = {
    ...serverErrors,
    ...clientErrors,
    ...(photoProblem ? { photo: photoProblem } : {}),
  };

  /** A changed field is no longer what the API refused. */
  const touched = (field: ReportField) => {
    if (serverErrors[field]) setServerErrors(({ [field]: _, ...rest }) => rest);
  };
  const update = <K extends 'category' | 'description' | 'contact'>(field: K, value: ReportDraft[K]) => {
    setDraft((d) => ({ ...d, [field]: value }));
    touched(field);
  };
  const pick = ({ point, accuracy }: PickedLocation) => {
    setDraft((d) => ({ ...d, point }));
    setAccuracy(accuracy);
    touched('location');
  };
  const choosePhoto = (file: File | null, problem: FieldProblem | null) => {
    setPhoto(file);
    setPhotoProblem(problem);
    touched('photo');
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    setAttempted(true);
    setRefusal(null);
    if (!parsed.ok) {
      focusFirst({ ...serverErrors, ...parsed.errors });
      return;
    }
    setBusy(true);
    const outcome = await sendReport(parsed.report, photo);
    setBusy(false);
    if (outcome.kind === 'received') {
      onReceived(outcome.receipt);
      return;
    }
    setRefusal(outcome.message);
    setServerErrors(outcome.fields);
  };

  const errorOf = (field: ReportField) => {
    const problem = errors[field];
    return problem ? (
      <span className="field-error" id={`report-error-${field}`} data-testid={`report-error-${field}`}>
        {t(problem.key, problem.params)}
      </span>
    ) : null;
  };
  const described = (field: ReportField, hint?: string) =>
    [hint, errors[field] ? `report-error-${field}` : undefined].filter(Boolean).join(' ') || undefined;

  return (
    <form className="public-report-form" data-testid="report-form" onSubmit={submit} noValidate>
      <div className={`public-report-field${errors.category ? ' has-error' : ''}`}>
        <label htmlFor="report-field-category">{t('report.category')}</label>
        <select
          id="report-field-category"
          data-testid="report-category"
          value={draft.category}
          aria-invalid={errors.category ? true : undefined}
          aria-describedby={described('category')}
          onChange={(e) => update('category', e.target.value as PublicReportCategory | '')}
        >
          <option value="" disabled>
            {t('report.categoryChoose')}
          </option>
          {publicReportCategories.codes.map((code) => (
            <option key={code} value={code}>
              {label(publicReportCategories.labels[code])}
            </option>
          ))}
        </select>
        {errorOf('category')}
      </div>

      <div className={`public-report-field${errors.description ? ' has-error' : ''}`}>
        <label htmlFor="report-field-description">{t('report.description')}</label>
        <textarea
          id="report-field-description"
          data-testid="report-description"
          rows={4}
          maxLength={DESCRIPTION_MAX}
          placeholder={t('report.descriptionHint')}
          value={draft.description}
          aria-invalid={errors.description ? true : undefined}
          aria-describedby={described('description', 'report-description-count')}
          onChange={(e) => update('description', e.target.value)}
        />
        <span className="field-hint public-report-count" id="report-description-count">
          {t('report.descriptionCount', { count: draft.description.length, max: DESCRIPTION_MAX ?? '' })}
        </span>
        {errorOf('description')}
      </div>

      <LocationPicker
        picked={draft.point ? { point: draft.point, accuracy } : null}
        error={errors.location}
        onPick={pick}
      />

      <PhotoField photo={photo} error={errors.photo} onChange={choosePhoto} />

      <div className={`public-report-field${errors.contact ? ' has-error' : ''}`}>
        <label htmlFor="report-field-contact">{t('report.contact')}</label>
        <input
          id="report-field-contact"
          data-testid="report-contact"
          type="text"
          autoComplete="tel"
          value={draft.contact}
          aria-invalid={errors.contact ? true : undefined}
          aria-describedby={described('contact', 'report-contact-hint')}
          onChange={(e) => update('contact', e.target.value)}
        />
        <span className="field-hint" id="report-contact-hint">
          {t('report.contactHint')}
        </span>
        {errorOf('contact')}
      </div>

      {attempted && !parsed.ok && <p className="form-error">{t('report.checkFields')}</p>}
      {refusal && (
        <p className="form-error" data-testid="report-refusal" role="alert">
          {t(refusal)}
        </p>
      )}
      <button
        type="submit"
        className="primary-button public-report-submit"
        data-testid="report-submit"
        disabled={busy}
      >
        {busy ? t('report.submitting') : t('report.submit')}
      </button>
    </form>
  );
}
