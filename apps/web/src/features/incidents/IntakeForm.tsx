import {
  type IncidentDetail,
  type IncidentType,
  incidentClasses,
  incidentClassOfType,
  incidentLevels,
  incidentTypes,
} from '@onemap/domain';
import { skipToken, useMutation, useQuery } from '@tanstack/react-query';
import { useEffect, useMemo, useState } from 'react';
import { fieldErrorsOf } from '../../data/errors';
import { useTRPC } from '../../data/trpc';
import { useT } from '../../i18n/use-t';
import { Field, FormError } from '../../panels/admin/fields';
import { CloseButton } from '../../panels/CloseButton';
import { useMapDraw } from '../map-draw/store';
import { useDebouncedValue } from '../search/use-debounced-value';
import { type IntakeField, newIntakeForm, parseIntake, suggestionOf } from './intake-form';
import type { IntakeSeed } from './store';
import { useRefreshIncidents } from './use-incidents';

/**
 * 接报: a new incident from a call, a place on the map, an alarm or public reports. The level the
 * figures call for is suggested with its rule as they are typed; open incidents of the same type
 * nearby are shown before saving, and must be looked at (ticked) to save anyway.
 */
export function IntakeForm({ seed, onClose }: { seed: IntakeSeed; onClose(created?: IncidentDetail): void }) {
  const { t, label } = useT();
  const trpc = useTRPC();
  const refresh = useRefreshIncidents();
  const [form, setForm] = useState(() => newIntakeForm(seed, new Date()));
  const [attempted, setAttempted] = useState(false);
  const takeIn = useMutation(trpc.incidents.takeIn.mutationOptions());
  const set = (patch: Partial<typeof form>) => setForm((f) => ({ ...f, ...patch }));
  const startDrawing = useMapDraw((s) => s.start);
  const picking = useMapDraw((s) => s.sketch?.mode === 'point');
  useEffect(() => () => useMapDraw.getState().cancel(), []);

  const parsed = useMemo(() => parseIntake(form, seed), [form, seed]);
  const suggestion = suggestionOf(form);
  const server = fieldErrorsOf(takeIn.error);
  const errorOf = (field: IntakeField): string | undefined => {
    const key = attempted && !parsed.ok ? parsed.errors[field] : undefined;
    return key ? t(key) : server[field];
  };

  // The duplicate check runs on the type and place once they stop changing.
  const probe = useDebouncedValue(`${form.type}|${form.lon.trim()}|${form.lat.trim()}`, 400);
  const [probeType, probeLon, probeLat] = probe.split('|');
  const lon = Number(probeLon);
  const lat = Number(probeLat);
  const valid =
    probeType && probeLon && probeLat && Math.abs(lon) <= 180 && Math.abs(lat) <= 90
      ? { type: probeType as IncidentType, lon, lat }
      : null;
  const duplicates = useQuery(trpc.incidents.duplicates.queryOptions(valid ?? skipToken));
  const found = valid ? (duplicates.data ?? []) : [];

  const submit = async () => {
    setAttempted(true);
    if (!parsed.ok) return;
    if (found.length > 0 && !form.confirmNotDuplicate) return;
    const result = await takeIn.mutateAsync(parsed.value).catch(() => null);
    if (!result) return;
    await refresh();
    onClose(result.incident);
  };

  const text = (field: 'title' | 'description' | 'lon' | 'lat', testId: string, multiline = false) => (
    <Field label={t(`incidents.field.${field}`)} error={errorOf(field)}>
      {(id, describedBy) =>
        multiline ? (
          <textarea
            id={id}
            rows={3}
            aria-describedby={describedBy}
            data-testid={testId}
            value={form[field]}
            onChange={(e) => set({ [field]: e.target.value })}
          />
        ) : (
          <input
            id={id}
            aria-describedby={describedBy}
            data-testid={testId}
            value={form[field]}
            inputMode={field === 'lon' || field === 'lat' ? 'decimal' : undefined}
            onChange={(e) => set({ [field]: e.target.value })}
          />
        )
      }
    </Field>
  );
  const count = (field: 'deaths' | 'missing' | 'seriouslyInjured' | 'injured') => (
    <Field label={t(`incidents.field.${field}`)} error={errorOf(field)}>
      {(id, describedBy) => (
        <input
          id={id}
          aria-describedby={describedBy}
          data-testid={`intake-${field}`}
          inputMode="numeric"
          value={form[field]}
          onChange={(e) => set({ [field]: e.target.value })}
        />
      )}
    </Field>
  );

  return (
    <form
      className="incident-intake"
      data-testid="incident-intake"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <div className="workbench-head">
        <h3>{t('incidents.intake.title')}</h3>
        <CloseButton label={t('incidents.close')} onClick={() => onClose()} testId="intake-close" />
      </div>
      {seed.fromReportIds?.length ? (
        <p className="muted" data-testid="intake-from-reports">
          {t('incidents.intake.fromReports', { n: seed.fromReportIds.length })}
        </p>
      ) : null}
      <Field label={t('incidents.field.type')} error={errorOf('type')}>
        {(id, describedBy) => (
          <select
            id={id}
            aria-describedby={describedBy}
            data-testid="intake-type"
            value={form.type}
            onChange={(e) => set({ type: e.target.value as typeof form.type })}
          >
            <option value="">{t('incidents.field.choose')}</option>
            {incidentClasses.codes.map((cls) => (
              <optgroup key={cls} label={label(incidentClasses.labels[cls])}>
                {incidentTypes.codes
                  .filter((type) => incidentClassOfType[type] === cls)
                  .map((type) => (
                    <option key={type} value={type}>
                      {label(incidentTypes.labels[type])}
                    </option>
                  ))}
              </optgroup>
            ))}
          </select>
        )}
      </Field>
      {text('title', 'intake-title')}
      {text('description', 'intake-description', true)}
      <fieldset className="intake-place">
        <legend>{t('incidents.field.place')}</legend>
        <div className="field-pair">
          {text('lon', 'intake-lon')}
          {text('lat', 'intake-lat')}
        </div>
        <button
          type="button"
          className="secondary-button"
          data-testid="intake-pick"
          aria-pressed={picking}
          onClick={() =>
            startDrawing('point', (shape) => {
              if (shape.kind === 'point') set({ lon: String(shape.at[0]), lat: String(shape.at[1]) });
            })
          }
        >
          {t('incidents.intake.pick')}
        </button>
      </fieldset>
      <Field label={t('incidents.field.occurredAt')} error={errorOf('occurredAt')}>
        {(id, describedBy) => (
          <input
            id={id}
            type="datetime-local"
            aria-describedby={describedBy}
            data-testid="intake-occurred-at"
            value={form.occurredAt}
            onChange={(e) => set({ occurredAt: e.target.value })}
          />
        )}
      </Field>
      <fieldset className="intake-casualties">
        <legend>{t('incidents.field.casualties')}</legend>
        <div className="field-pair">
          {count('deaths')}
          {count('missing')}
        </div>
        <div className="field-pair">
          {count('seriouslyInjured')}
          {count('injured')}
        </div>
      </fieldset>
      <Field label={t('incidents.field.level')} error={errorOf('level')}>
        {(id, describedBy) => (
          <select
            id={id}
            aria-describedby={describedBy}
            data-testid="intake-level"
            value={form.level}
            onChange={(e) => set({ level: e.target.value })}
          >
            <option value="">
              {suggestion
                ? t('incidents.level.suggested', { level: label(incidentLevels.labels[suggestion.level]) })
                : t('incidents.field.choose')}
            </option>
            {incidentLevels.codes.map((l) => (
              <option key={l} value={l}>
                {label(incidentLevels.labels[l])}
              </option>
            ))}
          </select>
        )}
      </Field>
      {suggestion && (
        <p className="field-hint" data-testid="intake-suggestion">
          {label(suggestion.rule)} · {label(suggestion.basis)}
        </p>
      )}
      {found.length > 0 && (
        <div className="intake-duplicates" role="alert" data-testid="intake-duplicates">
          <p>{t('incidents.duplicates.found', { n: found.length })}</p>
          <ul className="plain-list">
            {found.map((d) => (
              <li key={d.id} data-testid={`intake-duplicate-${d.id}`}>
                <span className="mono">{d.code}</span> {d.title} · {t('incidents.km', { km: d.distanceKm })}
              </li>
            ))}
          </ul>
          <label className="checkbox">
            <input
              type="checkbox"
              data-testid="intake-confirm"
              checked={form.confirmNotDuplicate}
              onChange={(e) => set({ confirmNotDuplicate: e.target.checked })}
            />
            {t('incidents.duplicates.confirm')}
          </label>
          {attempted && !form.confirmNotDuplicate && (
            <span className="field-error">{t('incidents.duplicates.mustConfirm')}</span>
          )}
        </div>
      )}
      <FormError error={takeIn.error} />
      <div className="form-actions">
        <button
          type="submit"
          className="primary-button"
          data-testid="intake-submit"
          disabled={takeIn.isPending}
        >
          {t('incidents.intake.submit')}
        </button>
        <button type="button" className="text-button" onClick={() => onClose()}>
          {t('incidents.cancel')}
        </button>
      </div>
    </form>
  );
}
