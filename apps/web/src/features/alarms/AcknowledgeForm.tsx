import type { AlarmSummary } from '@onemap/domain';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useId, useState } from 'react';
import { useTRPC } from '../../data/trpc';
import { useT } from '../../i18n/use-t';

const MAX_COMMENT = 500;

/**
 * Acknowledging an alarm: who took it and what they did, in a line or two. The alarm stays open
 * until its readings return to normal; acknowledging only says a person has it in hand.
 */
export function AcknowledgeForm({ alarm }: { alarm: AlarmSummary }) {
  const { t } = useT();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const id = useId();
  const [open, setOpen] = useState(false);
  const [comment, setComment] = useState('');
  const acknowledge = useMutation(
    trpc.monitoring.acknowledgeAlarm.mutationOptions({
      onSuccess: (updated) => {
        // Every list showing this alarm shows who took it at once; the refetch confirms.
        queryClient.setQueriesData<AlarmSummary[]>({ queryKey: trpc.monitoring.alarms.pathKey() }, (old) =>
          old?.map((a) => (a.id === updated.id ? updated : a)),
        );
        void queryClient.invalidateQueries({ queryKey: trpc.monitoring.alarms.pathKey() });
        setOpen(false);
      },
    }),
  );

  if (!open) {
    return (
      <button
        type="button"
        className="text-button alarm-ack-open"
        data-testid="alarm-ack"
        onClick={() => setOpen(true)}
      >
        {t('alarm.ack')}
      </button>
    );
  }
  const submit = (e: FormEvent) => {
    e.preventDefault();
    acknowledge.mutate({ id: alarm.id, comment: comment.trim() });
  };
  return (
    <form className="alarm-ack-form" onSubmit={submit} data-testid="alarm-ack-form">
      <label htmlFor={`${id}-comment`}>{t('alarm.ack.comment')}</label>
      <textarea
        id={`${id}-comment`}
        data-testid="alarm-ack-comment"
        rows={2}
        maxLength={MAX_COMMENT}
        value={comment}
        placeholder={t('alarm.ack.placeholder')}
        onChange={(e) => setComment(e.target.value)}
        // biome-ignore lint/a11y/noAutofocus: the form opens on the officer's own click, to be typed in.
        autoFocus
      />
      {acknowledge.isError && (
        <p className="form-error" role="alert">
          {t('alarm.ack.failed', { message: acknowledge.error.message })}
        </p>
      )}
      <div className="form-actions">
        <button
          type="submit"
          className="primary-button"
          data-testid="alarm-ack-submit"
          disabled={acknowledge.isPending}
        >
          {acknowledge.isPending ? t('alarm.ack.saving') : t('alarm.ack.submit')}
        </button>
        <button type="button" className="text-button" onClick={() => setOpen(false)}>
          {t('admin.cancel')}
        </button>
      </div>
    </form>
  );
}
