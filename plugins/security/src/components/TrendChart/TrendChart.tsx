import {
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import Typography from '@material-ui/core/Typography';
import { SEVERITY_COLORS } from '../SeverityChip';
import {
  SEVERITIES,
  type FindingsTrend,
} from '@portico/plugin-security-common';

/** Open findings at the end of each day, one line per severity; mean time to fix below. */
export function TrendChart({
  trend,
  width = 860,
}: {
  trend: FindingsTrend;
  width?: number;
}) {
  const mttf = SEVERITIES.filter(
    s => trend.meanTimeToFixHours[s] !== undefined,
  );
  return (
    <figure aria-label="Open findings over time" style={{ margin: 0 }}>
      <LineChart
        width={width}
        height={240}
        data={trend.days.map(d => ({ ...d, date: d.date.slice(5) }))}
        margin={{ top: 8, right: 16, bottom: 8, left: 0 }}
      >
        <CartesianGrid strokeDasharray="3 3" />
        <XAxis dataKey="date" minTickGap={16} />
        <YAxis allowDecimals={false} />
        <Tooltip />
        <Legend itemSorter={null} />
        {SEVERITIES.filter(s => s !== 'unknown').map(severity => (
          <Line
            key={severity}
            type="linear"
            dataKey={severity}
            stroke={SEVERITY_COLORS[severity]}
            strokeWidth={2}
            dot={false}
            isAnimationActive={false}
          />
        ))}
      </LineChart>
      <Typography component="figcaption" variant="body2" color="textSecondary">
        Mean time to fix over the period:{' '}
        {mttf.length
          ? mttf.map(s => `${s} ${trend.meanTimeToFixHours[s]} h`).join(' · ')
          : 'nothing fixed yet'}
      </Typography>
    </figure>
  );
}
