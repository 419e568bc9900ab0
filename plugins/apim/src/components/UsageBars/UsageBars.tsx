import Box from '@material-ui/core/Box';
import Tooltip from '@material-ui/core/Tooltip';

export interface UsagePoint {
  day: string;
  requests: number;
}

/**
 * Requests per day as bars: enough to see a trend or a spike at a glance. `max` puts several
 * rows on one scale; the label reads the numbers out for screen readers.
 */
export function UsageBars(props: { points: UsagePoint[]; label: string; height?: number; max?: number }) {
  const { points } = props;
  const max = Math.max(1, props.max ?? 0, ...points.map(p => p.requests));
  return (
    <Box
      display="flex"
      alignItems="flex-end"
      height={props.height ?? 64}
      role="img"
      aria-label={`${props.label}: ${points.map(p => `${p.day} ${p.requests}`).join(', ')}`}
    >
      {points.map(({ day, requests }) => (
        <Tooltip key={day} title={`${day}: ${requests.toLocaleString('en-US')} requests`}>
          <Box
            flex="1 1 0"
            maxWidth={24}
            mx="1px"
            bgcolor={requests > 0 ? 'primary.main' : 'grey.300'}
            style={{ height: requests > 0 ? `${Math.max(4, (requests / max) * 100)}%` : 2 }}
          />
        </Tooltip>
      ))}
    </Box>
  );
}

/** Hands a CSV text to the browser as a download. */
export function saveCsv(filename: string, csv: string) {
  const url = URL.createObjectURL(new Blob([csv], { type: 'text/csv' }));
  const anchor = document.createElement('a');
  anchor.href = url;
  anchor.download = filename;
  anchor.click();
  URL.revokeObjectURL(url);
}
