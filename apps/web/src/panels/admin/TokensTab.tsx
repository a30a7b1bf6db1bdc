import { type ApiTokenSummary, userRoles } from '@onemap/domain';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTRPC } from '../../data/trpc';
import { formatDateTime } from '../../i18n/format';
import { useT } from '../../i18n/use-t';
import {
  AdminTable,
  Field,
  FormError,
  RegionSelect,
  RoleSelect,
  useFieldErrors,
  useRegionNames,
} from './fields';
import { emptyTokenCreateForm, type FormErrors, parseTokenCreate, type TokenCreateForm } from './forms';

type TokenState = 'active' | 'expired' | 'revoked';

function stateOf(token: ApiTokenSummary, now: number): TokenState {
  if (token.revokedAt) return 'revoked';
  if (token.expiresAt && Date.parse(token.expiresAt) <= now) return 'expired';
  return 'active';
}

/** API 令牌: credentials for machine clients (feeds, exchange partners), each with a role and a region. */
export function TokensTab() {
  const { t, label } = useT();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const tokens = useQuery(trpc.admin.tokens.list.queryOptions());
  const regionNames = useRegionNames();
  const [issued, setIssued] = useState<{ name: string; token: string } | null>(null);
  const invalidate = () => queryClient.invalidateQueries({ queryKey: trpc.admin.tokens.list.queryKey() });
  const revoke = useMutation(trpc.admin.tokens.revoke.mutationOptions({ onSuccess: invalidate }));
  const now = Date.now();

  return (
    <>
      {issued && <IssuedToken name={issued.name} token={issued.token} onDismiss={() => setIssued(null)} />}
      {tokens.isPending && <p className="muted">{t('admin.loading')}</p>}
      <FormError error={tokens.error} />
      <FormError error={revoke.error} />
      {tokens.data && (
        <AdminTable
          columns={[
            'admin.token.name',
            'admin.token.scope',
            'admin.token.created',
            'admin.token.expires',
            'admin.token.lastUsed',
            'admin.token.state',
            null,
          ]}
          empty="admin.token.none"
          rowCount={tokens.data.length}
        >
          {tokens.data.map((tk) => {
            const state = stateOf(tk, now);
            return (
              <tr
                key={tk.id}
                data-testid={`token-row-${tk.id}`}
                className={state === 'active' ? '' : 'is-inactive'}
              >
                <td>{tk.name}</td>
                <td>
                  {label(userRoles.labels[tk.role])}
                  <br />
                  <span className="muted">{regionNames.get(tk.regionCode) ?? tk.regionCode}</span>
                </td>
                <td>
                  {tk.createdBy}
                  <br />
                  <span className="muted mono">{formatDateTime(tk.createdAt, false)}</span>
                </td>
                <td className="mono">
                  {tk.expiresAt ? formatDateTime(tk.expiresAt, false) : t('admin.token.never')}
                </td>
                <td className="mono">
                  {tk.lastUsedAt ? formatDateTime(tk.lastUsedAt, false) : t('admin.token.unused')}
                </td>
                <td data-state={state}>
                  {t(`admin.token.${state}`)}
                  {tk.revokedAt && (
                    <>
                      <br />
                      <span className="muted mono">{formatDateTime(tk.revokedAt, false)}</span>
                    </>
                  )}
                </td>
                <td>
                  {state !== 'revoked' && (
                    <button
                      type="button"
                      className="text-button is-danger"
                      data-testid={`token-revoke-${tk.id}`}
                      disabled={revoke.isPending}
                      onClick={() => revoke.mutate({ id: tk.id })}
                    >
                      {t('admin.token.revoke')}
                    </button>
                  )}
                </td>
              </tr>
            );
          })}
        </AdminTable>
      )}
      <IssueTokenForm
        onIssued={(name, token) => {
          setIssued({ name, token });
          void invalidate();
        }}
      />
    </>
  );
}

/** The new token, once: the server keeps only its hash, so nobody can show it again. */
function IssuedToken({ name, token, onDismiss }: { name: string; token: string; onDismiss(): void }) {
  const { t } = useT();
  const [copied, setCopied] = useState(false);
  const copy = () => {
    navigator.clipboard.writeText(token).then(
      () => setCopied(true),
      () => setCopied(false),
    );
  };
  return (
    <section className="token-secret" role="alert">
      <h3>{t('admin.token.secretTitle', { name })}</h3>
      <p>{t('admin.token.secretWarning')}</p>
      <div className="token-secret-value">
        <code data-testid="token-secret">{token}</code>
        <button type="button" className="primary-button" data-testid="token-copy" onClick={copy}>
          {copied ? t('admin.token.copied') : t('admin.token.copy')}
        </button>
      </div>
      <button type="button" className="text-button" data-testid="token-secret-dismiss" onClick={onDismiss}>
        {t('admin.token.dismiss')}
      </button>
    </section>
  );
}

function IssueTokenForm({ onIssued }: { onIssued(name: string, token: string): void }) {
  const { t } = useT();
  const trpc = useTRPC();
  const [form, setForm] = useState<TokenCreateForm>(emptyTokenCreateForm);
  const [errors, setErrors] = useState<FormErrors>({});
  const create = useMutation(
    trpc.admin.tokens.create.mutationOptions({
      onSuccess: (result) => {
        setForm(emptyTokenCreateForm);
        onIssued(result.summary.name, result.token);
      },
    }),
  );
  const errorOf = useFieldErrors(errors, create.error);
  const set = <K extends keyof TokenCreateForm>(key: K, value: TokenCreateForm[K]) =>
    setForm((f) => ({ ...f, [key]: value }));

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const parsed = parseTokenCreate(form);
    setErrors(parsed.ok ? {} : parsed.errors);
    if (parsed.ok) create.mutate(parsed.value);
  };

  return (
    <form className="admin-form" data-testid="token-create-form" onSubmit={submit} noValidate>
      <h3>{t('admin.token.create')}</h3>
      <Field label={t('admin.token.name')} error={errorOf('name')}>
        {(id, d) => (
          <input
            id={id}
            data-testid="token-create-name"
            value={form.name}
            maxLength={64}
            aria-describedby={d}
            onChange={(e) => set('name', e.target.value)}
          />
        )}
      </Field>
      <Field label={t('admin.user.role')} error={errorOf('role')}>
        {(id, d) => (
          <RoleSelect
            id={id}
            testId="token-create-role"
            value={form.role}
            describedBy={d}
            onChange={(r) => set('role', r)}
          />
        )}
      </Field>
      <Field label={t('admin.user.region')} error={errorOf('regionCode')}>
        {(id, d) => (
          <RegionSelect
            id={id}
            testId="token-create-region"
            value={form.regionCode}
            describedBy={d}
            onChange={(c) => set('regionCode', c)}
          />
        )}
      </Field>
      <Field label={t('admin.token.days')} error={errorOf('expiresInDays')} hint={t('admin.token.daysHint')}>
        {(id, d) => (
          <input
            id={id}
            type="number"
            inputMode="numeric"
            min={1}
            max={3650}
            step={1}
            data-testid="token-create-days"
            value={form.days}
            aria-describedby={d}
            onChange={(e) => set('days', e.target.value)}
          />
        )}
      </Field>
      <div className="form-actions">
        <button
          type="submit"
          className="primary-button"
          data-testid="token-create-submit"
          disabled={create.isPending}
        >
          {t('admin.token.createSubmit')}
        </button>
      </div>
      <FormError error={create.error} />
    </form>
  );
}
