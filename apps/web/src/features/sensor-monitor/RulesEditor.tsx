import { kindRules, type SensorRuleKey, type SensorStatus, sensorRuleKeys } from '@onemap/domain';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useId, useState } from 'react';
import { fieldErrorsOf } from '../../data/errors';
import { useTRPC } from '../../data/trpc';
import type { MessageKey } from '../../i18n/messages';
import { useT } from '../../i18n/use-t';
import { ruleText, ruleTitles } from './rule-text';
import { draftOf, followAll, parseRulesDraft, type RulesDraft } from './rules-form';

/**
 * Editing a sensor's own rules: each rule follows its kind or takes the sensor's own value; a blank
 * value switches the rule off. "Reset" hands every rule back to the kind.
 */
export function RulesEditor({ sensor, onDone }: { sensor: SensorStatus; onDone(): void }) {
  const { t, language } = useT();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const base = useId();
  const [draft, setDraft] = useState<RulesDraft>(() => draftOf(sensor.rules, sensor.overridden));
  const [errors, setErrors] = useState<Partial<Record<SensorRuleKey, MessageKey>>>({});
  const kind = kindRules[sensor.kind];
  const save = useMutation(
    trpc.monitoring.setSensorRules.mutationOptions({
      onSuccess: (updated) => {
        queryClient.setQueryData(trpc.monitoring.sensor.queryKey({ code: sensor.code }), updated);
        // New rules may raise or clear alarms at once.
        void queryClient.invalidateQueries({ queryKey: trpc.monitoring.alarms.pathKey() });
        onDone();
      },
    }),
  );
  const serverErrors = fieldErrorsOf(save.error);

  const send = (next: RulesDraft) => {
    const parsed = parseRulesDraft(sensor.code, next, kind);
    if (!parsed.ok) {
      setErrors(parsed.errors);
      return;
    }
    setErrors({});
    save.mutate(parsed.input);
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    send(draft);
  };
  const set = (key: SensorRuleKey, change: Partial<RulesDraft[SensorRuleKey]>) =>
    setDraft((d) => ({ ...d, [key]: { ...d[key], ...change } }));

  return (
    <form className="rules-editor" onSubmit={submit} data-testid="rules-editor" noValidate>
      {sensorRuleKeys.map((key) => {
        const field = draft[key];
        const error = errors[key] ? t(errors[key]) : serverErrors[key];
        return (
          <fieldset key={key} className={`rules-field${error ? ' has-error' : ''}`} data-rule={key}>
            <legend>{t(ruleTitles[key])}</legend>
            <label className="check-field">
              <input
                type="checkbox"
                checked={field.followKind}
                data-testid={`rules-follow-${key}`}
                onChange={(e) => set(key, { followKind: e.target.checked })}
              />
              {t('monitor.rules.followKind', { value: ruleText(key, kind[key], sensor.unit, language, t) })}
            </label>
            {!field.followKind && (
              <>
                <label className="visually-hidden" htmlFor={`${base}-${key}`}>
                  {t(ruleTitles[key])}
                </label>
                <input
                  id={`${base}-${key}`}
                  className="rules-input mono"
                  inputMode="decimal"
                  data-testid={`rules-input-${key}`}
                  value={field.text}
                  placeholder={
                    key === 'offlineAfterIntervals' ? t('monitor.rules.kindValue') : t('monitor.rules.off')
                  }
                  aria-invalid={error ? true : undefined}
                  aria-describedby={error ? `${base}-${key}-error` : undefined}
                  onChange={(e) => set(key, { text: e.target.value })}
                />
              </>
            )}
            {error && (
              <span id={`${base}-${key}-error`} className="field-error">
                {error}
              </span>
            )}
          </fieldset>
        );
      })}
      <p className="field-hint">{t('monitor.rules.hint')}</p>
      {save.isError && Object.keys(serverErrors).length === 0 && (
        <p className="form-error" role="alert">
          {t('admin.error', { message: save.error.message })}
        </p>
      )}
      <div className="form-actions">
        <button type="submit" className="primary-button" data-testid="rules-save" disabled={save.isPending}>
          {t('admin.save')}
        </button>
        <button
          type="button"
          className="text-button"
          data-testid="rules-reset"
          disabled={save.isPending}
          onClick={() => {
            const all = followAll(draft);
            setDraft(all);
            send(all);
          }}
        >
          {t('monitor.rules.reset')}
        </button>
        <button type="button" className="text-button" onClick={onDone}>
          {t('admin.cancel')}
        </button>
      </div>
    </form>
  );
}
