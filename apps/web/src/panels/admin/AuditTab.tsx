import { type AuditEntry, type UserRole, userRoles } from '@onemap/domain';
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTRPC, useTRPCClient } from '../../data/trpc';
import { formatDateTime } from '../../i18n/format';
import { useT } from '../../i18n/use-t';
import { AdminTable, Field, FormError } from './fields';
import { type AuditFilter, type AuditOutcome, auditQueryOf, emptyAuditFilter } from './forms';

const PAGE_SIZE = 50;
const outcomes: readonly AuditOutcome[] = ['success', 'denied', 'failure'];

/** 审计日志: who did what, from where, with what outcome; newest first, paged backwards in time. */
export function AuditTab() {
  const { t } = useT();
  const trpc = useTRPC();
  const client = useTRPCClient();
  const [draft, setDraft] = useState<AuditFilter>(emptyAuditFilter);
  const [filter, setFilter] = useState<AuditFilter>(emptyAuditFilter);
  const entries = useInfiniteQuery({
    queryKey: [...trpc.admin.audit.list.queryKey(auditQueryOf(filter)), 'pages'],
    queryFn: ({ pageParam, signal }) =>
      client.admin.audit.list.query(auditQueryOf(filter, pageParam, PAGE_SIZE), { signal }),
    initialPageParam: undefined as number | undefined,
    // A short page is the last one; the next page starts below the oldest entry seen.
    getNextPageParam: (last) => (last.length < PAGE_SIZE ? undefined : last[last.length - 1]?.id),
  });
  const rows = entries.data?.pages.flat() ?? [];
  const set = <K extends keyof AuditFilter>(key: K, value: AuditFilter[K]) =>
    setDraft((f) => ({ ...f, [key]: value }));

  const apply = (e: FormEvent) => {
    e.preventDefault();
    setFilter(draft);
  };

  return (
    <>
      <VerifyChain />
      <form className="admin-form audit-filter" data-testid="audit-filter" onSubmit={apply}>
        <Field label={t('admin.audit.actor')}>
          {(id) => (
            <input
              id={id}
              data-testid="audit-filter-actor"
              value={draft.actor}
              maxLength={64}
              onChange={(e) => set('actor', e.target.value)}
            />
          )}
        </Field>
        <Field label={t('admin.audit.action')}>
          {(id) => (
            <input
              id={id}
              data-testid="audit-filter-action"
              value={draft.action}
              maxLength={64}
              onChange={(e) => set('action', e.target.value)}
            />
          )}
        </Field>
        <Field label={t('admin.audit.outcome')}>
          {(id) => (
            <select
              id={id}
              data-testid="audit-filter-outcome"
              value={draft.outcome}
              onChange={(e) => set('outcome', e.target.value as AuditFilter['outcome'])}
            >
              <option value="">{t('admin.audit.any')}</option>
              {outcomes.map((o) => (
                <option key={o} value={o}>
                  {t(`admin.audit.outcome.${o}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('admin.audit.from')}>
          {(id) => (
            <input
              id={id}
              type="datetime-local"
              data-testid="audit-filter-from"
              value={draft.from}
              onChange={(e) => set('from', e.target.value)}
            />
          )}
        </Field>
        <Field label={t('admin.audit.to')}>
          {(id) => (
            <input
              id={id}
              type="datetime-local"
              data-testid="audit-filter-to"
              value={draft.to}
              onChange={(e) => set('to', e.target.value)}
            />
          )}
        </Field>
        <div className="form-actions">
          <button type="submit" className="primary-button" data-testid="audit-filter-apply">
            {t('admin.audit.apply')}
          </button>
          <button
            type="button"
            className="text-button"
            onClick={() => {
              setDraft(emptyAuditFilter);
              setFilter(emptyAuditFilter);
            }}
          >
            {t('admin.audit.clear')}
          </button>
        </div>
      </form>
      {entries.isPending && <p className="muted">{t('admin.loading')}</p>}
      <FormError error={entries.error} />
      {entries.data && (
        <AdminTable
          className="audit-table"
          testId="audit-list"
          columns={[
            'admin.audit.time',
            'admin.audit.actor',
            'admin.audit.action',
            'admin.audit.target',
            'admin.audit.ip',
            'admin.audit.outcome',
          ]}
          empty="admin.audit.none"
          rowCount={rows.length}
        >
          {rows.map((entry) => (
            <AuditRow key={entry.id} entry={entry} />
          ))}
        </AdminTable>
      )}
      {entries.data &&
        rows.length > 0 &&
        (entries.hasNextPage ? (
          <button
            type="button"
            className="text-button load-older"
            data-testid="audit-load-older"
            disabled={entries.isFetchingNextPage}
            onClick={() => void entries.fetchNextPage()}
          >
            {entries.isFetchingNextPage ? t('admin.loading') : t('admin.audit.loadOlder')}
          </button>
        ) : (
          <p className="muted load-older">{t('admin.audit.end')}</p>
        ))}
    </>
  );
}

function AuditRow({ entry }: { entry: AuditEntry }) {
  const { t, label } = useT();
  const role = entry.actorRole as UserRole | null;
  const roleLabel = role && role in userRoles.labels ? label(userRoles.labels[role]) : entry.actorRole;
  // Details are whatever the action recorded, some of it typed by users: shown as plain text only.
  const details = entry.details ? JSON.stringify(entry.details) : null;
  return (
    <tr data-testid={`audit-row-${entry.id}`} data-outcome={entry.outcome}>
      <td className="mono">{formatDateTime(entry.at)}</td>
      <td>
        {entry.actor}
        {roleLabel && (
          <>
            <br />
            <span className="muted">{roleLabel}</span>
          </>
        )}
      </td>
      <td>
        <span className="mono">{entry.action}</span>
        {details && (
          <span className="audit-details" title={details}>
            {details}
          </span>
        )}
      </td>
      <td className="audit-target">{entry.target ?? '—'}</td>
      <td className="mono">{entry.ip ?? '—'}</td>
      <td>
        <span className={`outcome outcome-${entry.outcome}`}>
          {t(`admin.audit.outcome.${entry.outcome}`)}
        </span>
      </td>
    </tr>
  );
}

/** Re-walks the hash chain on the server: any edited, removed or reordered entry breaks it. */
function VerifyChain() {
  const { t } = useT();
  const trpc = useTRPC();
  const verify = useQuery({
    ...trpc.admin.audit.verify.queryOptions(),
    enabled: false,
    retry: false,
    gcTime: 0,
  });
  const result = verify.data;
  return (
    <div className="audit-verify">
      <button
        type="button"
        className="primary-button"
        data-testid="audit-verify"
        disabled={verify.isFetching}
        onClick={() => void verify.refetch()}
      >
        {verify.isFetching ? t('admin.audit.verifying') : t('admin.audit.verify')}
      </button>
      {!verify.isFetching && verify.isError && (
        <output data-testid="audit-verify-result" data-ok="false" className="is-bad">
          {t('admin.error', { message: verify.error.message })}
        </output>
      )}
      {!verify.isFetching && !verify.isError && result && (
        <output
          data-testid="audit-verify-result"
          data-ok={result.ok}
          className={result.ok ? 'is-ok' : 'is-bad'}
        >
          {result.ok
            ? t('admin.audit.intact', { count: result.checked })
            : t('admin.audit.broken', {
                id: result.firstBroken?.id ?? '?',
                reason: result.firstBroken?.reason ?? '—',
              })}
        </output>
      )}
    </div>
  );
}
