import {
  capCategories,
  capCertainties,
  capSeverities,
  capUrgencies,
  incidentTypes,
  type Label,
  type Vocabulary,
  type WarningSummary,
} from '@onemap/domain';
import { useMutation } from '@tanstack/react-query';
import { useEffect, useId, useMemo, useState } from 'react';
import { fieldErrorsOf } from '../../data/errors';
import { useTRPC } from '../../data/trpc';
import type { MessageKey } from '../../i18n/messages';
import { useT } from '../../i18n/use-t';
import { Field, FormError } from '../../panels/admin/fields';
import { useMapDraw } from '../map-draw/store';
import { AreaEditor } from './AreaEditor';
import {
  areaDescOf,
  areasOf,
  categoryForEvent,
  type FieldIssues,
  fieldOfPath,
  formOfWarning,
  newWarningForm,
  parseWarningForm,
  type WarningField,
  type WarningForm,
} from './form';
import { PopulationEstimate } from './PopulationEstimate';
import { useWarningsUi } from './store';
import { usePopulationEstimate, useRefreshWarnings } from './use-warnings';

/** The operator's words for what is wrong with a field; the schema's own words where none fit. */
const invalidMessages: Partial<Record<WarningField, MessageKey>> = {
  event: 'warnings.invalid.event',
  headline: 'warnings.invalid.headline',
  description: 'warnings.invalid.description',
  instruction: 'warnings.invalid.instruction',
  areaDesc: 'warnings.invalid.areaDesc',
  areas: 'warnings.invalid.areas',
  effective: 'warnings.invalid.effective',
  expires: 'warnings.invalid.expires',
};

/**
 * Drafts a new warning or edits one: a draft is saved or published, a published warning is sent
 * again as an update. Checked with the API's schema before sending; the API's field errors are
 * shown beside the fields too.
 */
export function WarningEditor({
  warning,
  onClose,
}: {
  /** null for a new warning. */
  warning: WarningSummary | null;
  /** Back to the list, with the warning as saved if it was. */
  onClose(saved?: WarningSummary): void;
}) {
  const { t } = useT();
  const trpc = useTRPC();
  const refresh = useRefreshWarnings();
  const [form, setForm] = useState<WarningForm>(() =>
    warning ? formOfWarning(warning) : newWarningForm(new Date()),
  );
  const [savedId, setSavedId] = useState<number | null>(warning?.id ?? null);
  const [attempted, setAttempted] = useState(false);
  const published = warning?.status === 'published';

  const create = useMutation(trpc.warnings.create.mutationOptions());
  const update = useMutation(trpc.warnings.update.mutationOptions());
  const publish = useMutation(trpc.warnings.publish.mutationOptions());
  const busy = create.isPending || update.isPending || publish.isPending;
  const serverError = create.error ?? update.error ?? publish.error;

  const { shapes, regions } = form;
  const areas = useMemo(() => areasOf({ shapes, regions }), [shapes, regions]);
  const estimate = usePopulationEstimate(areas);
  const estimated = areas.length > 0 ? estimate.data : undefined;
  const regionNames = useMemo(
    () => new Map((estimated?.regions ?? []).map((r) => [r.code, r.name])),
    [estimated],
  );

  // Until the operator writes their own, the area description follows the chosen regions, or
  // where only shapes are drawn, the regions the estimate found inside them.
  const descNames = (
    form.regions.length > 0
      ? form.regions.map((r) => (r.name !== r.code ? r.name : (regionNames.get(r.code) ?? r.code)))
      : (estimated?.regions.map((r) => r.name) ?? [])
  ).join('\n');
  useEffect(() => {
    setForm((f) =>
      f.areaDescAuto ? { ...f, areaDesc: areaDescOf(descNames ? descNames.split('\n') : []) } : f,
    );
  }, [descNames]);

  // The drawn shapes stay on the map while the form is open; a drawing started here ends with it.
  const setEditingAreas = useWarningsUi((s) => s.setEditingAreas);
  useEffect(() => setEditingAreas(form.shapes), [form.shapes, setEditingAreas]);
  useEffect(
    () => () => {
      setEditingAreas([]);
      useMapDraw.getState().cancel();
    },
    [setEditingAreas],
  );

  const parsed = useMemo(() => parseWarningForm(form), [form]);
  const clientIssues: FieldIssues = attempted && !parsed.ok ? parsed.errors : {};
  const serverIssues = useMemo(() => {
    const out: FieldIssues = {};
    for (const [path, message] of Object.entries(fieldErrorsOf(serverError))) {
      out[fieldOfPath(path)] ??= message;
    }
    return out;
  }, [serverError]);
  const errorOf = (field: WarningField): string | undefined => {
    const client = clientIssues[field];
    if (client) {
      const key = invalidMessages[field];
      return key ? t(key) : client;
    }
    return serverIssues[field];
  };

  const set = (patch: Partial<WarningForm>) => setForm((f) => ({ ...f, ...patch }));
  /** What a text field shows and changes of the form, and its message. */
  const bind = (field: TextFieldName) => ({
    value: form[field],
    error: errorOf(field),
    onChange: (value: string) => set({ [field]: value }),
  });

  const save = async (andPublish: boolean) => {
    setAttempted(true);
    if (!parsed.ok) return;
    for (const m of [create, update, publish]) m.reset();
    try {
      let saved =
        savedId === null
          ? await create.mutateAsync(parsed.draft)
          : await update.mutateAsync({ id: savedId, draft: parsed.draft });
      setSavedId(saved.id);
      if (andPublish && saved.status === 'draft') saved = await publish.mutateAsync({ id: saved.id });
      await refresh();
      onClose(saved);
    } catch {
      // The mutation holds the error; the form shows it beside its field or above the buttons.
    }
  };

  const ids = useId();
  return (
    <form
      className="warning-editor"
      data-testid="warning-editor"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void save(true);
      }}
    >
      <h3>
        {t(warning === null ? 'warnings.new' : published ? 'warnings.updateTitle' : 'warnings.editTitle')}
      </h3>
      <div className="form-grid">
        <Field label={t('warnings.event')} error={errorOf('event')} hint={t('warnings.eventHint')}>
          {(id, describedBy) => (
            <>
              <input
                id={id}
                data-testid="warning-event"
                list={`${ids}-events`}
                aria-describedby={describedBy}
                aria-invalid={!!errorOf('event')}
                maxLength={100}
                value={form.event}
                onChange={(e) => {
                  const category = categoryForEvent(e.target.value);
                  set({ event: e.target.value, ...(category ? { category } : {}) });
                }}
              />
              <EventSuggestions id={`${ids}-events`} />
            </>
          )}
        </Field>
        <VocabularyField
          label={t('warnings.category')}
          vocabulary={capCategories}
          value={form.category}
          testId="warning-category"
          onChange={(category) => set({ category })}
        />
        <VocabularyField
          label={t('warnings.severity')}
          vocabulary={capSeverities}
          value={form.severity}
          testId="warning-severity"
          onChange={(severity) => set({ severity })}
        />
        <VocabularyField
          label={t('warnings.urgency')}
          vocabulary={capUrgencies}
          value={form.urgency}
          testId="warning-urgency"
          onChange={(urgency) => set({ urgency })}
        />
        <VocabularyField
          label={t('warnings.certainty')}
          vocabulary={capCertainties}
          value={form.certainty}
          testId="warning-certainty"
          onChange={(certainty) => set({ certainty })}
        />
      </div>
      <TextField
        label={t('warnings.headline')}
        testId="warning-headline"
        maxLength={160}
        {...bind('headline')}
      />
      <TextField
        label={t('warnings.description')}
        testId="warning-description"
        rows={3}
        maxLength={4000}
        {...bind('description')}
      />
      <TextField
        label={t('warnings.instruction')}
        testId="warning-instruction"
        rows={2}
        maxLength={2000}
        {...bind('instruction')}
      />

      <AreaEditor
        shapes={form.shapes}
        regions={form.regions}
        regionNames={regionNames}
        error={errorOf('areas')}
        onAddShape={(shape) => setForm((f) => ({ ...f, shapes: [...f.shapes, shape] }))}
        onRemoveShape={(index) => setForm((f) => ({ ...f, shapes: f.shapes.filter((_, i) => i !== index) }))}
        onAddRegion={(region) =>
          setForm((f) =>
            f.regions.some((r) => r.code === region.code) ? f : { ...f, regions: [...f.regions, region] },
          )
        }
        onRemoveRegion={(code) =>
          setForm((f) => ({ ...f, regions: f.regions.filter((r) => r.code !== code) }))
        }
      />
      {areas.length > 0 && (
        <PopulationEstimate estimate={estimated} pending={estimate.isFetching} failed={estimate.isError} />
      )}
      <TextField
        label={t('warnings.areaDesc')}
        hint={t('warnings.areaDescHint')}
        testId="warning-area-desc"
        maxLength={200}
        {...bind('areaDesc')}
        onChange={(areaDesc) => set({ areaDesc, areaDescAuto: areaDesc.trim() === '' })}
      />

      <div className="form-grid">
        <TextField
          label={t('warnings.effectiveBeijing')}
          type="datetime-local"
          testId="warning-effective"
          {...bind('effective')}
        />
        <TextField
          label={t('warnings.expiresBeijing')}
          type="datetime-local"
          testId="warning-expires"
          {...bind('expires')}
        />
      </div>

      {attempted && !parsed.ok && (
        <p className="form-error" role="alert">
          {t('warnings.fixFields')}
        </p>
      )}
      {Object.keys(serverIssues).length === 0 && <FormError error={serverError} />}
      <div className="form-actions warning-editor-actions">
        <button type="submit" className="primary-button" data-testid="warning-submit" disabled={busy}>
          {t(published ? 'warnings.sendUpdate' : 'warnings.publish')}
        </button>
        {!published && (
          <button
            type="button"
            className="text-button"
            data-testid="warning-save-draft"
            disabled={busy}
            onClick={() => void save(false)}
          >
            {t('warnings.saveDraft')}
          </button>
        )}
        <button
          type="button"
          className="text-button"
          data-testid="warning-editor-close"
          onClick={() => onClose()}
        >
          {t('warnings.back')}
        </button>
      </div>
    </form>
  );
}

/** The form's fields edited as plain text. */
type TextFieldName = 'headline' | 'description' | 'instruction' | 'areaDesc' | 'effective' | 'expires';

/** A text field of the form: a line, a date-time, or with `rows` a box for paragraphs. */
function TextField({
  label,
  hint,
  error,
  testId,
  value,
  onChange,
  rows,
  type,
  maxLength,
}: {
  label: string;
  hint?: string;
  error: string | undefined;
  testId: string;
  value: string;
  onChange(value: string): void;
  rows?: number;
  type?: 'datetime-local';
  maxLength?: number;
}) {
  return (
    <Field label={label} error={error} hint={hint}>
      {(id, describedBy) => {
        const control = {
          id,
          'data-testid': testId,
          'aria-describedby': describedBy,
          'aria-invalid': !!error,
          maxLength,
          value,
        };
        return rows ? (
          <textarea {...control} rows={rows} onChange={(e) => onChange(e.target.value)} />
        ) : (
          <input {...control} type={type} onChange={(e) => onChange(e.target.value)} />
        );
      }}
    </Field>
  );
}

/** The national incident types in the interface language, offered as the event; free text is fine. */
function EventSuggestions({ id }: { id: string }) {
  const { label } = useT();
  return (
    <datalist id={id}>
      {incidentTypes.codes.map((code) => (
        <option key={code} value={label(incidentTypes.labels[code])} />
      ))}
    </datalist>
  );
}

function VocabularyField<C extends string>({
  label: title,
  vocabulary,
  value,
  testId,
  onChange,
}: {
  label: string;
  vocabulary: Vocabulary<C>;
  value: C;
  testId: string;
  onChange(code: C): void;
}) {
  const { label } = useT();
  return (
    <Field label={title}>
      {(id) => (
        <select id={id} data-testid={testId} value={value} onChange={(e) => onChange(e.target.value as C)}>
          {vocabulary.codes.map((code) => (
            <option key={code} value={code}>
              {label(vocabulary.labels[code] as Label)}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}
