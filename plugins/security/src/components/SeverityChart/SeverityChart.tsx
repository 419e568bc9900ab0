import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { SEVERITIES, type Counts } from '@portico/plugin-security-common';
import { SEVERITY_COLORS } from '../SeverityChip';

/** Open findings by severity, the overdue part stacked on top. */
export function SeverityChart({
  open,
  overdue,
  width = 420,
}: {
  open: Counts;
  overdue: Counts;
  width?: number;
}) {
  const data = SEVERITIES.map(severity => ({
    severity,
    'within SLA': open[severity] - overdue[severity],
    overdue: overdue[severity],
    fill: SEVERITY_COLORS[severity],
  }));
  return (
    <figure aria-label="Open findings by severity" style={{ margin: 0 }}>
      <BarChart
        width={width}
        height={220}
        data={data}
        margin={{ top: 8, right: 8, bottom: 8, left: 0 }}
      >
        <CartesianGrid strokeDasharray="3 3" />
        <XAxis dataKey="severity" />
        <YAxis allowDecimals={false} />
        <Tooltip />
        <Legend />
        <Bar dataKey="within SLA" stackId="open" fill="#78909c" />
        <Bar dataKey="overdue" stackId="open" fill="#c62828" />
      </BarChart>
    </figure>
  );
}
