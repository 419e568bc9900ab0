import Box from '@material-ui/core/Box';
import Paper from '@material-ui/core/Paper';
import Typography from '@material-ui/core/Typography';
import type { AlertStats } from '@portico/plugin-monitoring-common';

export function formatDuration(ms: number | undefined): string {
  if (ms === undefined) return '—';
  const minutes = Math.round(ms / 60_000);
  if (minutes < 60) return `${minutes} min`;
  const hours = minutes / 60;
  return hours < 48 ? `${hours.toFixed(1)} h` : `${(hours / 24).toFixed(1)} d`;
}

function Stat(props: { label: string; value: string | number; hint?: string }) {
  return (
    <Paper variant="outlined" style={{ padding: 12, minWidth: 120 }}>
      <Typography variant="caption" color="textSecondary">
        {props.label}
      </Typography>
      <Typography variant="h5">{props.value}</Typography>
      {props.hint && (
        <Typography variant="caption" color="textSecondary">
          {props.hint}
        </Typography>
      )}
    </Paper>
  );
}

/** Counts by state and by severity (open alerts), MTTA and MTTR over 7 and 30 days. */
export function StatsCards(props: { stats: AlertStats }) {
  const { stats } = props;
  return (
    <Box display="flex" flexWrap="wrap" style={{ gap: 12 }} mb={2} aria-label="Alert statistics">
      <Stat label="Firing" value={stats.byState.firing} />
      <Stat label="Acknowledged" value={stats.byState.acknowledged} />
      <Stat label="Resolved" value={stats.byState.resolved} />
      <Stat label="Critical (open)" value={stats.bySeverity.critical} />
      <Stat label="High/warning (open)" value={stats.bySeverity.high + stats.bySeverity.warning} />
      <Stat label="Info (open)" value={stats.bySeverity.info} />
      <Stat label="MTTA" value={formatDuration(stats.mtta.days7)} hint={`7 d · 30 d ${formatDuration(stats.mtta.days30)}`} />
      <Stat label="MTTR" value={formatDuration(stats.mttr.days7)} hint={`7 d · 30 d ${formatDuration(stats.mttr.days30)}`} />
    </Box>
  );
}
