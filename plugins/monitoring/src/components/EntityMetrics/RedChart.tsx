import { InfoCard } from '@backstage/core-components';
import Typography from '@material-ui/core/Typography';
import { CartesianGrid, Legend, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { DeploymentMarker, RedSeries } from '@portico/plugin-monitoring-common';

function toRows(series: RedSeries[], names: RedSeries['name'][]) {
  const rows = new Map<number, Record<string, number>>();
  for (const s of series.filter(x => names.includes(x.name))) {
    for (const [t, v] of s.points) {
      const row = rows.get(t) ?? { t };
      row[s.name] = v;
      rows.set(t, row);
    }
  }
  return [...rows.values()].sort((a, b) => a.t - b.t);
}

/** Deployment markers: green for a deployment that succeeded, red for one that failed. */
const MARKER_COLORS = { succeeded: '#2e7d32', failed: '#c62828' };

export function RedChart(props: {
  title: string;
  series: RedSeries[];
  names: RedSeries['name'][];
  unit: string;
  scale?: number;
  deployments?: DeploymentMarker[];
}) {
  const rows = toRows(props.series, props.names).map(r => {
    const scaled: Record<string, number> = { t: r.t };
    for (const n of props.names) if (r[n] !== undefined) scaled[n] = Number((r[n] * (props.scale ?? 1)).toFixed(3));
    return scaled;
  });
  const colors = ['#1565c0', '#ef6c00', '#c62828'];
  const markers = (props.deployments ?? []).map(d => ({ ...d, t: Math.round(Date.parse(d.at) / 1000) }));
  const times = [...rows.map(r => r.t), ...markers.map(m => m.t)];
  // A numeric time axis, so that a deployment between two samples sits where it happened.
  const domain = [Math.min(...times), Math.max(...times)];
  return (
    <InfoCard title={props.title}>
      {rows.length === 0 ? (
        <Typography variant="body2" color="textSecondary">No data for this range.</Typography>
      ) : (
        <ResponsiveContainer width="100%" height={220}>
          <LineChart data={rows}>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis dataKey="t" type="number" scale="time" domain={domain} tickFormatter={t => new Date(t * 1000).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })} />
            <YAxis unit={props.unit} width={70} />
            <Tooltip labelFormatter={t => new Date(Number(t) * 1000).toLocaleString()} />
            <Legend />
            {markers.map(m => (
              <ReferenceLine
                key={`${m.requestId}-${m.t}`}
                x={m.t}
                stroke={MARKER_COLORS[m.outcome]}
                strokeDasharray="4 2"
                label={{ value: m.version, position: 'insideTopLeft', fontSize: 11, fill: MARKER_COLORS[m.outcome] }}
              />
            ))}
            {props.names.map((n, i) => (
              <Line key={n} type="monotone" dataKey={n} stroke={colors[i]} dot={false} isAnimationActive={false} />
            ))}
          </LineChart>
        </ResponsiveContainer>
      )}
    </InfoCard>
  );
}

