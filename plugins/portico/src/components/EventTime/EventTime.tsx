import Tooltip from '@material-ui/core/Tooltip';
import { formatAbsoluteTime, formatRelativeTime } from './formatTime';

/** A time shown relative to now, with the absolute time on hover. */
export function EventTime(props: { time: string }) {
  const { time } = props;
  return (
    <Tooltip title={formatAbsoluteTime(time)}>
      <time dateTime={time}>{formatRelativeTime(time)}</time>
    </Tooltip>
  );
}
