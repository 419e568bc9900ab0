import Link from '@material-ui/core/Link';
import Typography from '@material-ui/core/Typography';
import type { DeploymentMarker } from '@portico/plugin-monitoring-common';

/** The deployments the chart markers stand for, as text (and links to their promotion requests). */
export function DeploymentList(props: { deployments: DeploymentMarker[] }) {
  if (props.deployments.length === 0) {
    return (
      <Typography variant="caption" color="textSecondary">
        No deployment of this component in the range (markers come from the promotions plugin).
      </Typography>
    );
  }
  return (
    <Typography variant="caption" component="div" aria-label="Deployments in range">
      Deployments in range (dashed lines):{' '}
      {props.deployments.map((d, i) => (
        <span key={`${d.requestId}-${d.at}`}>
          {i > 0 && ' · '}
          <Link href={`/promotions/${encodeURIComponent(d.requestId)}`}>
            {d.version} to {d.environment}
          </Link>{' '}
          {d.outcome === 'failed' ? 'failed' : 'deployed'} {new Date(d.at).toLocaleString()}
        </span>
      ))}
    </Typography>
  );
}
