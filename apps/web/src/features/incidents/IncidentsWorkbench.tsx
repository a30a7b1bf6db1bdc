import { useMay } from '../../data/session';
import { useT } from '../../i18n/use-t';
import { IncidentCard } from './IncidentCard';
import { IncidentDetails } from './IncidentDetails';
import { IntakeForm } from './IntakeForm';
import { useIncidentsUi } from './store';
import { bySeverityThenLatest, useOpenIncidents } from './use-incidents';
import './incidents.css';

/** 事件处置台: the open incidents (most severe, then latest, first), an intake, or one incident. */
export function IncidentsWorkbench() {
  const { t } = useT();
  const mayManage = useMay('incidents.manage');
  const intake = useIncidentsUi((s) => s.intake);
  const startIntake = useIncidentsUi((s) => s.startIntake);
  const endIntake = useIncidentsUi((s) => s.endIntake);
  const focused = useIncidentsUi((s) => s.focused);
  const focus = useIncidentsUi((s) => s.focus);
  const list = useOpenIncidents();

  if (intake && mayManage) {
    return (
      <IntakeForm
        seed={intake}
        onClose={(created) => {
          endIntake();
          if (created) focus(created.id);
        }}
      />
    );
  }
  if (focused !== null) return <IncidentDetails id={focused} onClose={() => focus(null)} />;

  const incidents = [...(list.data ?? [])].sort(bySeverityThenLatest);
  return (
    <div className="incidents-workbench" data-testid="incidents-workbench">
      {mayManage && (
        <div className="form-actions">
          <button
            type="button"
            className="primary-button"
            data-testid="incident-new"
            onClick={() => startIntake({ source: 'phone' })}
          >
            {t('incidents.new')}
          </button>
        </div>
      )}
      {incidents.length === 0 ? (
        <p className="muted">{list.isPending ? t('detail.loading') : t('incidents.none')}</p>
      ) : (
        <ul className="plain-list incident-list" data-testid="incident-list">
          {incidents.map((i) => (
            <li key={i.id}>
              <button
                type="button"
                className="incident-open"
                onClick={() => focus(i.id)}
                data-testid={`incident-open-${i.code}`}
              >
                <IncidentCard incident={i} />
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
