import TextField from '@material-ui/core/TextField';
import type { ApiOperation } from '@portico/plugin-apim-common';

export const operationKey = (
  operation: Pick<ApiOperation, 'method' | 'path'>,
) => `${operation.method.toUpperCase()} ${operation.path}`;

/** One of the operations the definition declares. */
export function OperationPicker(props: {
  operations: ApiOperation[];
  value: string;
  onChange: (operation: ApiOperation) => void;
}) {
  const { operations, value } = props;
  return (
    <TextField
      id="apim-tryit-operation"
      select
      label="Operation"
      value={value}
      onChange={event => {
        const operation = operations.find(
          o => operationKey(o) === event.target.value,
        );
        if (operation) props.onChange(operation);
      }}
      SelectProps={{ native: true }}
      InputLabelProps={{ shrink: true }}
      variant="outlined"
      fullWidth
      margin="dense"
    >
      {operations.map(operation => (
        <option key={operationKey(operation)} value={operationKey(operation)}>
          {operationKey(operation)}
          {operation.summary ? ` — ${operation.summary}` : ''}
        </option>
      ))}
    </TextField>
  );
}
