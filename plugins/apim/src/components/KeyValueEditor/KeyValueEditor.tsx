import Button from '@material-ui/core/Button';
import Grid from '@material-ui/core/Grid';
import IconButton from '@material-ui/core/IconButton';
import TextField from '@material-ui/core/TextField';
import AddIcon from '@material-ui/icons/Add';
import CloseIcon from '@material-ui/icons/Close';
import type { KeyValue } from '../TryItConsole/request';

/** Extra name/value pairs (query parameters or headers) the definition does not declare. */
export function KeyValueEditor(props: {
  label: string;
  rows: KeyValue[];
  onChange: (rows: KeyValue[]) => void;
}) {
  const { label, rows } = props;
  const update = (index: number, row: KeyValue) =>
    props.onChange(rows.map((r, i) => (i === index ? row : r)));
  return (
    <>
      {rows.map((row, index) => (
        <Grid container spacing={1} key={index} alignItems="center">
          <Grid item xs={5}>
            <TextField
              label={`${label} name`}
              value={row.name}
              onChange={event =>
                update(index, { ...row, name: event.target.value })
              }
              variant="outlined"
              size="small"
              fullWidth
              margin="dense"
            />
          </Grid>
          <Grid item xs={6}>
            <TextField
              label={`${label} value`}
              value={row.value}
              onChange={event =>
                update(index, { ...row, value: event.target.value })
              }
              variant="outlined"
              size="small"
              fullWidth
              margin="dense"
            />
          </Grid>
          <Grid item xs={1}>
            <IconButton
              size="small"
              aria-label={`Remove ${label.toLowerCase()} ${row.name}`}
              onClick={() => props.onChange(rows.filter((_, i) => i !== index))}
            >
              <CloseIcon fontSize="small" />
            </IconButton>
          </Grid>
        </Grid>
      ))}
      <Button
        size="small"
        startIcon={<AddIcon />}
        onClick={() => props.onChange([...rows, { name: '', value: '' }])}
      >
        Add {label.toLowerCase()}
      </Button>
    </>
  );
}
