import type { WarningQuery, WarningSummary } from '@onemap/domain';
import { useEffect, useState } from 'react';
import { useMay } from '../../data/session';
import type { MessageKey } from '../../i18n/messages';
import { useT } from '../../i18n/use-t';
import { CloseButton } from '../../panels/CloseButton';
import { useWarningsUi } from './store';
import { useWarning, useWarningList } from './use-warnings';
import { WarningDetails } from './WarningDetails';
import { WarningEditor } from './WarningEditor';
import { WarningList } from './WarningList';
import './warnings.css';

type Scope = NonNullable<WarningQuery['scope']>;

const scopes: ReadonlyArray<{ id: Scope; title: MessageKey }> = [
  { id: 'active', title: 'warnings.scope.active' },
  { id: 'drafts', title: 'warnings.scope.drafts' },
  { id: 'all', title: 'warnings.scope.all' },
];

/**
 * 预警发布: the warnings in force, the drafts and the history; for those who may publish, the
 * editor to draft, publish, update and cancel them. Imported warnings are shown, never edited.
 */
export function WarningsWorkbench() {
  const { t } = useT();
  const mayPublish = useMay('warnings.publish');
  const [scope, setScope] = useState<Scope>('active');
  // null: a new warning; a warning: editing it. Undefined: the list.
  const [editing, setEditing] = useState<WarningSummary | null | undefined>(undefined);
  const list = useWarningList(scope);
  const focused = useWarningsUi((s) => s.focused);
  const focus = useWarningsUi((s) => s.focus);

  useEffect(() => useWarningsUi.getState().mountWorkbench(), []);

  // A warning just saved, published or cancelled stays open, in the list that now holds it.
  const show = (w: WarningSummary) => {
    if (w.status !== 'cancelled') setScope(w.status === 'draft' ? 'drafts' : 'active');
    focus(w.id);
  };

  if (editing !== undefined && mayPublish) {
    return (
      <WarningEditor
        warning={editing}
        onClose={(saved) => {
          setEditing(undefined);
          if (saved) show(saved);
        }}
      />
    );
  }

  const inList = list.data?.some((w) => w.id === focused) ?? false;
  return (
    <div className="warnings-workbench" data-testid="warnings-workbench">
      <div className="warnings-toolbar">
        <fieldset className="segmented" aria-label={t('warnings.scope')}>
          {scopes.map((s) => (
            <button
              key={s.id}
              type="button"
              aria-pressed={scope === s.id}
              data-testid={`warnings-scope-${s.id}`}
              onClick={() => setScope(s.id)}
            >
              {t(s.title)}
            </button>
          ))}
        </fieldset>
        {mayPublish && (
          <button
            type="button"
            className="primary-button"
            data-testid="warning-new"
            onClick={() => setEditing(null)}
          >
            {t('warnings.new')}
          </button>
        )}
      </div>
      {focused !== null && list.data && !inList && (
        <FocusedWarning id={focused} mayPublish={mayPublish} onEdit={setEditing} onChanged={show} />
      )}
      {list.isPending && <p className="muted">{t('warnings.loading')}</p>}
      {list.isError && <p className="form-error">{t('warnings.loadError')}</p>}
      {list.data && (
        <WarningList warnings={list.data} mayPublish={mayPublish} onEdit={setEditing} onChanged={show} />
      )}
    </div>
  );
}

/** A warning picked on the map that the chosen list does not hold (a draft, an expired one). */
function FocusedWarning({
  id,
  mayPublish,
  onEdit,
  onChanged,
}: {
  id: number;
  mayPublish: boolean;
  onEdit(warning: WarningSummary): void;
  onChanged(warning: WarningSummary): void;
}) {
  const { t } = useT();
  const warning = useWarning(id);
  const focus = useWarningsUi((s) => s.focus);
  if (!warning.data) return null;
  return (
    <section className="warning-focused card" aria-label={warning.data.headline}>
      <header className="card-header">
        <h3>{warning.data.headline}</h3>
        <CloseButton label={t('detail.close')} onClick={() => focus(null)} />
      </header>
      <WarningDetails warning={warning.data} mayPublish={mayPublish} onEdit={onEdit} onChanged={onChanged} />
    </section>
  );
}
