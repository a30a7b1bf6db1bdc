import { type UserRole, userRoles } from '@onemap/domain';
import { useQuery } from '@tanstack/react-query';
import { type ReactNode, useId, useMemo } from 'react';
import { fieldErrorsOf } from '../../data/errors';
import { useTRPC } from '../../data/trpc';
import type { MessageKey } from '../../i18n/messages';
import { useT } from '../../i18n/use-t';
import { type FormErrors, groupRegions } from './forms';

/** A labelled form control with the reason it was refused, if it was. */
export function Field({
  label,
  error,
  hint,
  children,
}: {
  label: string;
  error?: string | undefined;
  hint?: string;
  children: (id: string, describedBy: string | undefined) => ReactNode;
}) {
  const id = useId();
  const messageId = `${id}-message`;
  return (
    <div className={`form-field${error ? ' has-error' : ''}`}>
      <label htmlFor={id}>{label}</label>
      {children(id, error || hint ? messageId : undefined)}
      {error ? (
        <span id={messageId} className="field-error" role="alert">
          {error}
        </span>
      ) : (
        hint && (
          <span id={messageId} className="field-hint">
            {hint}
          </span>
        )
      )}
    </div>
  );
}

/**
 * Field messages for a form: this page's own check first (in the user's language), then what the
 * server said about the field.
 */
export function useFieldErrors(clientErrors: FormErrors, serverError: unknown) {
  const { t } = useT();
  const server = fieldErrorsOf(serverError);
  return (field: string): string | undefined => {
    const key: MessageKey | undefined = clientErrors[field];
    return key ? t(key) : server[field];
  };
}

/** A failed request's message, unless it was about single fields (shown beside them). */
export function FormError({ error }: { error: unknown }) {
  const { t } = useT();
  if (!error || Object.keys(fieldErrorsOf(error)).length > 0) return null;
  const message = error instanceof Error ? error.message : String(error);
  return (
    <p className="form-error" role="alert">
      {t('admin.error', { message })}
    </p>
  );
}

export function RoleSelect({
  id,
  value,
  onChange,
  testId,
  describedBy,
}: {
  id: string;
  value: UserRole | '';
  onChange(role: UserRole): void;
  testId?: string;
  describedBy?: string | undefined;
}) {
  const { t, label } = useT();
  return (
    <select
      id={id}
      value={value}
      data-testid={testId}
      aria-describedby={describedBy}
      onChange={(e) => onChange(e.target.value as UserRole)}
    >
      {value === '' && <option value="">{t('admin.choose')}</option>}
      {userRoles.codes.map((code) => (
        <option key={code} value={code}>
          {label(userRoles.labels[code])}
        </option>
      ))}
    </select>
  );
}

/** The regions an admin can scope users and tokens to, from the server's list. */
export function useRegions() {
  const trpc = useTRPC();
  return useQuery({ ...trpc.admin.regions.queryOptions(), staleTime: 10 * 60_000 });
}

/** Region names by code, for records that carry only the code. */
export function useRegionNames(): ReadonlyMap<string, string> {
  const regions = useRegions();
  return useMemo(() => new Map((regions.data ?? []).map((r) => [r.code, r.name])), [regions.data]);
}

export function RegionSelect({
  id,
  value,
  onChange,
  testId,
  describedBy,
}: {
  id: string;
  value: string;
  onChange(code: string): void;
  testId?: string;
  describedBy?: string | undefined;
}) {
  const { t } = useT();
  const regions = useRegions();
  const grouped = useMemo(() => groupRegions(regions.data ?? []), [regions.data]);
  return (
    <select
      id={id}
      value={value}
      data-testid={testId}
      aria-describedby={describedBy}
      aria-busy={regions.isPending}
      onChange={(e) => onChange(e.target.value)}
    >
      {value === '' && <option value="">{regions.isPending ? t('admin.loading') : t('admin.choose')}</option>}
      {grouped.top.map((r) => (
        <option key={r.code} value={r.code}>
          {r.name}
        </option>
      ))}
      {grouped.groups.map(({ province, children }) => (
        <optgroup key={province.code} label={province.name}>
          <option value={province.code}>{province.name}</option>
          {children.map((r) => (
            <option key={r.code} value={r.code}>
              {r.name}
            </option>
          ))}
        </optgroup>
      ))}
    </select>
  );
}

/**
 * The admin tabs' list: column headings, a row saying the list is empty, and the caller's rows.
 * An empty heading key leaves a column (for row actions) without a title.
 */
export function AdminTable({
  columns,
  empty,
  className,
  testId,
  rowCount,
  children,
}: {
  columns: ReadonlyArray<MessageKey | null>;
  empty: MessageKey;
  className?: string;
  testId?: string;
  rowCount: number;
  children: ReactNode;
}) {
  const { t } = useT();
  return (
    <div className="admin-table-wrap">
      <table className={`admin-table${className ? ` ${className}` : ''}`} data-testid={testId}>
        <thead>
          <tr>
            {columns.map((key, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: columns are fixed per table
              <th key={i} scope="col">
                {key ? t(key) : null}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rowCount === 0 && (
            <tr>
              <td colSpan={columns.length} className="muted">
                {t(empty)}
              </td>
            </tr>
          )}
          {children}
        </tbody>
      </table>
    </div>
  );
}
