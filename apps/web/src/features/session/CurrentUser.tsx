import { userRoles } from '@onemap/domain';
import { useState } from 'react';
import { useSessionUser } from '../../data/session';
import { useT } from '../../i18n/use-t';
import { useSignOut } from './session';

/** Who is at the console, in which role and over which region, and the way out. */
export function CurrentUser() {
  const { t, label } = useT();
  const user = useSessionUser();
  const signOut = useSignOut();
  const [leaving, setLeaving] = useState(false);
  if (!user) return null;
  const role = label(userRoles.labels[user.role]);
  return (
    <div className="current-user">
      <span
        className="user-chip"
        data-testid="current-user"
        data-username={user.username}
        data-role={user.role}
        title={`${t('session.label')}: ${user.displayName} (${user.username}) · ${role} · ${user.regionName}`}
      >
        <span className="user-name">{user.displayName}</span>
        <span className="user-meta">
          {role} · {user.regionName}
        </span>
      </span>
      <button
        type="button"
        className="sign-out"
        data-testid="sign-out"
        disabled={leaving}
        onClick={() => {
          setLeaving(true);
          void signOut();
        }}
      >
        {t('session.signOut')}
      </button>
    </div>
  );
}
