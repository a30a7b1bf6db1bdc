import { type UserSummary, userRoles } from '@onemap/domain';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTRPC } from '../../data/trpc';
import { useT } from '../../i18n/use-t';
import { AdminTable, Field, FormError, RegionSelect, RoleSelect, useFieldErrors } from './fields';
import {
  emptyUserCreateForm,
  type FormErrors,
  parseUserCreate,
  parseUserUpdate,
  type UserCreateForm,
  type UserEditForm,
  userEditFormOf,
} from './forms';

/** 用户: who may sign in, with which role and over which region. */
export function UsersTab() {
  const { t, label } = useT();
  const trpc = useTRPC();
  const users = useQuery(trpc.admin.users.list.queryOptions());
  const [editing, setEditing] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);

  return (
    <>
      {users.isPending && <p className="muted">{t('admin.loading')}</p>}
      <FormError error={users.error} />
      {users.data && (
        <AdminTable
          columns={[
            'admin.user.username',
            'admin.user.displayName',
            'admin.user.role',
            'admin.user.region',
            'admin.user.active',
            null,
          ]}
          empty="admin.user.none"
          rowCount={users.data.length}
        >
          {users.data.map((u) => (
            <UserRow
              key={u.username}
              user={u}
              roleLabel={label(userRoles.labels[u.role])}
              editing={editing === u.username}
              onEdit={() => setEditing(editing === u.username ? null : u.username)}
              onSaved={() => {
                setEditing(null);
                setDone(t('admin.user.updated', { username: u.username }));
              }}
            />
          ))}
        </AdminTable>
      )}
      {done && (
        <p className="form-done" role="status">
          {done}
        </p>
      )}
      <CreateUserForm onCreated={(username) => setDone(t('admin.user.created', { username }))} />
    </>
  );
}

function UserRow({
  user,
  roleLabel,
  editing,
  onEdit,
  onSaved,
}: {
  user: UserSummary;
  roleLabel: string;
  editing: boolean;
  onEdit(): void;
  onSaved(): void;
}) {
  const { t } = useT();
  return (
    <>
      <tr data-testid={`user-row-${user.username}`} className={user.active ? '' : 'is-inactive'}>
        <td className="mono">{user.username}</td>
        <td>{user.displayName}</td>
        <td>{roleLabel}</td>
        <td>{user.regionName}</td>
        <td>{user.active ? t('admin.user.isActive') : t('admin.user.isInactive')}</td>
        <td>
          <button
            type="button"
            className="text-button"
            data-testid={`user-edit-${user.username}`}
            aria-expanded={editing}
            onClick={onEdit}
          >
            {t('admin.user.edit')}
          </button>
        </td>
      </tr>
      {editing && (
        <tr className="admin-edit-row">
          <td colSpan={6}>
            <EditUserForm user={user} onSaved={onSaved} onCancel={onEdit} />
          </td>
        </tr>
      )}
    </>
  );
}

function useInvalidateUsers() {
  const queryClient = useQueryClient();
  const trpc = useTRPC();
  return () => queryClient.invalidateQueries({ queryKey: trpc.admin.users.list.queryKey() });
}

function EditUserForm({ user, onSaved, onCancel }: { user: UserSummary; onSaved(): void; onCancel(): void }) {
  const { t } = useT();
  const trpc = useTRPC();
  const invalidate = useInvalidateUsers();
  const [form, setForm] = useState<UserEditForm>(() => userEditFormOf(user));
  const [errors, setErrors] = useState<FormErrors>({});
  const update = useMutation(
    trpc.admin.users.update.mutationOptions({
      onSuccess: async () => {
        await invalidate();
        onSaved();
      },
    }),
  );
  const errorOf = useFieldErrors(errors, update.error);
  const set = <K extends keyof UserEditForm>(key: K, value: UserEditForm[K]) =>
    setForm((f) => ({ ...f, [key]: value }));

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const parsed = parseUserUpdate(user, form);
    setErrors(parsed.ok ? {} : parsed.errors);
    if (parsed.ok) update.mutate(parsed.value);
  };

  return (
    <form
      className="admin-form is-inline"
      data-testid={`user-edit-form-${user.username}`}
      onSubmit={submit}
      noValidate
    >
      <Field label={t('admin.user.displayName')} error={errorOf('displayName')}>
        {(id, d) => (
          <input
            id={id}
            value={form.displayName}
            maxLength={64}
            aria-describedby={d}
            onChange={(e) => set('displayName', e.target.value)}
          />
        )}
      </Field>
      <Field label={t('admin.user.role')} error={errorOf('role')}>
        {(id, d) => <RoleSelect id={id} value={form.role} describedBy={d} onChange={(r) => set('role', r)} />}
      </Field>
      <Field label={t('admin.user.region')} error={errorOf('regionCode')}>
        {(id, d) => (
          <RegionSelect
            id={id}
            value={form.regionCode}
            describedBy={d}
            onChange={(c) => set('regionCode', c)}
          />
        )}
      </Field>
      <Field label={t('admin.user.newPassword')} error={errorOf('password')}>
        {(id, d) => (
          <input
            id={id}
            type="password"
            autoComplete="new-password"
            value={form.password}
            aria-describedby={d}
            onChange={(e) => set('password', e.target.value)}
          />
        )}
      </Field>
      <label className="check-field">
        <input type="checkbox" checked={form.active} onChange={(e) => set('active', e.target.checked)} />
        {t('admin.user.activeLabel')}
      </label>
      <div className="form-actions">
        <button type="submit" className="primary-button" disabled={update.isPending}>
          {t('admin.save')}
        </button>
        <button type="button" className="text-button" onClick={onCancel}>
          {t('admin.cancel')}
        </button>
      </div>
      <FormError error={update.error} />
    </form>
  );
}

function CreateUserForm({ onCreated }: { onCreated(username: string): void }) {
  const { t } = useT();
  const trpc = useTRPC();
  const invalidate = useInvalidateUsers();
  const [form, setForm] = useState<UserCreateForm>(emptyUserCreateForm);
  const [errors, setErrors] = useState<FormErrors>({});
  const create = useMutation(
    trpc.admin.users.create.mutationOptions({
      onSuccess: async (user) => {
        await invalidate();
        setForm(emptyUserCreateForm);
        onCreated(user.username);
      },
    }),
  );
  const errorOf = useFieldErrors(errors, create.error);
  const set = <K extends keyof UserCreateForm>(key: K, value: UserCreateForm[K]) =>
    setForm((f) => ({ ...f, [key]: value }));

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const parsed = parseUserCreate(form);
    setErrors(parsed.ok ? {} : parsed.errors);
    if (parsed.ok) create.mutate(parsed.value);
  };

  return (
    <form className="admin-form" data-testid="user-create-form" onSubmit={submit} noValidate>
      <h3>{t('admin.user.create')}</h3>
      <Field label={t('admin.user.username')} error={errorOf('username')}>
        {(id, d) => (
          <input
            id={id}
            data-testid="user-create-username"
            value={form.username}
            autoComplete="off"
            spellCheck={false}
            maxLength={32}
            aria-describedby={d}
            onChange={(e) => set('username', e.target.value)}
          />
        )}
      </Field>
      <Field label={t('admin.user.displayName')} error={errorOf('displayName')}>
        {(id, d) => (
          <input
            id={id}
            data-testid="user-create-displayname"
            value={form.displayName}
            maxLength={64}
            aria-describedby={d}
            onChange={(e) => set('displayName', e.target.value)}
          />
        )}
      </Field>
      <Field label={t('admin.user.password')} error={errorOf('password')}>
        {(id, d) => (
          <input
            id={id}
            type="password"
            data-testid="user-create-password"
            autoComplete="new-password"
            value={form.password}
            aria-describedby={d}
            onChange={(e) => set('password', e.target.value)}
          />
        )}
      </Field>
      <Field label={t('admin.user.role')} error={errorOf('role')}>
        {(id, d) => (
          <RoleSelect
            id={id}
            testId="user-create-role"
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
            testId="user-create-region"
            value={form.regionCode}
            describedBy={d}
            onChange={(c) => set('regionCode', c)}
          />
        )}
      </Field>
      <div className="form-actions">
        <button
          type="submit"
          className="primary-button"
          data-testid="user-create-submit"
          disabled={create.isPending}
        >
          {t('admin.user.createSubmit')}
        </button>
      </div>
      <FormError error={create.error} />
    </form>
  );
}
