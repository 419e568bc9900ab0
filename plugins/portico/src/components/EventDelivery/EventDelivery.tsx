import { ReactNode } from 'react';
import Box from '@material-ui/core/Box';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import type { OutboxEventView } from '@portico/plugin-portico-common';
import { DeliveryStateChip } from '../DeliveryStateChip';
import { EventTime } from '../EventTime';

function Fact(props: { label: string; children: ReactNode }) {
  return (
    <TableRow>
      <TableCell component="th" scope="row">
        {props.label}
      </TableCell>
      <TableCell>{props.children}</TableCell>
    </TableRow>
  );
}

function TimeOrNote(props: { time?: string | null; note: string }) {
  return props.time ? <EventTime time={props.time} /> : <>{props.note}</>;
}

/** Where an event went: its state, attempts, each target's delivery time, the last error. */
export function EventDelivery(props: { item: OutboxEventView }) {
  const { item } = props;
  const targets = Object.entries(item.targets);
  return (
    <>
      <Table size="small" aria-label="Delivery">
        <TableBody>
          <Fact label="State">
            <DeliveryStateChip state={item.state} attempts={item.attempts} />
          </Fact>
          <Fact label="Failed attempts">{item.attempts}</Fact>
          <Fact label="Next attempt">
            <TimeOrNote
              time={item.nextAttemptAt}
              note={item.state === 'delivered' ? '—' : 'not scheduled'}
            />
          </Fact>
          <Fact label="Delivered">
            <TimeOrNote time={item.deliveredAt} note="not yet" />
          </Fact>
        </TableBody>
      </Table>

      <Box mt={2}>
        <Typography variant="subtitle2" component="h3">
          Targets
        </Typography>
        <Table size="small" aria-label="Targets">
          <TableBody>
            {targets.map(([target, deliveredAt]) => (
              <Fact key={target} label={target}>
                <TimeOrNote time={deliveredAt} note="not yet" />
              </Fact>
            ))}
          </TableBody>
        </Table>
      </Box>

      {item.lastError && (
        <Box mt={2}>
          <Typography variant="subtitle2" component="h3">
            Last error
          </Typography>
          <Typography
            component="pre"
            variant="body2"
            style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}
          >
            {item.lastError}
          </Typography>
        </Box>
      )}
    </>
  );
}
