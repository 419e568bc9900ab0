import Chip from '@material-ui/core/Chip';
import type { FindingState, Severity } from '@portico/plugin-security-common';

// White text on each of these is at least 4.5:1 (WCAG AA), also on the tables' striped rows.
export const SEVERITY_COLORS: Record<Severity, string> = {
  critical: '#b71c1c',
  high: '#bf360c',
  medium: '#8a6d00',
  low: '#1565c0',
  unknown: '#616161',
};

export function SeverityChip({ severity }: { severity: Severity }) {
  return (
    <Chip
      size="small"
      label={severity}
      style={{
        backgroundColor: SEVERITY_COLORS[severity],
        color: '#fff',
        textTransform: 'uppercase',
        fontWeight: 600,
      }}
    />
  );
}

const STATE_LABELS: Record<FindingState, string> = {
  open: 'Open',
  acknowledged: 'Acknowledged',
  in_progress: 'In progress',
  fixed: 'Fixed',
  risk_accepted: 'Risk accepted',
  false_positive: 'False positive',
};

export function stateLabel(state: FindingState): string {
  return STATE_LABELS[state];
}

export function StateChip({ state }: { state: FindingState }) {
  const done =
    state === 'fixed' ||
    state === 'risk_accepted' ||
    state === 'false_positive';
  return (
    <Chip
      size="small"
      variant={done ? 'outlined' : 'default'}
      label={stateLabel(state)}
    />
  );
}
