import Chip from '@material-ui/core/Chip';
import Tooltip from '@material-ui/core/Tooltip';
import LockIcon from '@material-ui/icons/Lock';
import FlashOnIcon from '@material-ui/icons/FlashOn';
import type { Plan } from '@portico/plugin-apim-common';
import { ENVIRONMENT_LABELS, formatPlanLimits, planLabel } from '../../format';

/** A plan as a chip: a bolt for plans that activate at once, a lock for those that need approval. */
export function PlanChip(props: { plan: Plan }) {
  const { plan } = props;
  const approval =
    plan.approval === 'auto' ? 'instant access' : 'approval by the owners';
  return (
    <Tooltip
      title={`${formatPlanLimits(plan)} · ${plan.environments
        .map(environment => ENVIRONMENT_LABELS[environment])
        .join(', ')}`}
    >
      <Chip
        size="small"
        icon={plan.approval === 'auto' ? <FlashOnIcon /> : <LockIcon />}
        label={`${planLabel(plan)} · ${plan.approval}`}
        aria-label={`${planLabel(plan)} plan, ${approval}`}
      />
    </Tooltip>
  );
}
