import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';

function jsonProblem(
  body: string,
  contentType: string | undefined,
): string | undefined {
  if (!contentType || !/json/.test(contentType) || !body.trim())
    return undefined;
  try {
    JSON.parse(body);
    return undefined;
  } catch (e) {
    return `Not valid JSON: ${(e as Error).message}`;
  }
}

/** The request body, prefilled from the definition's example, with a JSON check as you type. */
export function RequestBodyEditor(props: {
  value: string;
  contentType?: string;
  required: boolean;
  example?: string;
  onChange: (value: string) => void;
}) {
  const { value, contentType, example } = props;
  const problem = jsonProblem(value, contentType);
  return (
    <Box mt={2}>
      <Box display="flex" alignItems="center" justifyContent="space-between">
        <Typography variant="subtitle2" component="h4">
          Body{contentType ? ` (${contentType})` : ''}
          {props.required ? ' *' : ''}
        </Typography>
        {example !== undefined && example !== value && (
          <Button size="small" onClick={() => props.onChange(example)}>
            Reset to the example
          </Button>
        )}
      </Box>
      <TextField
        id="apim-tryit-body"
        value={value}
        onChange={event => props.onChange(event.target.value)}
        multiline
        minRows={6}
        maxRows={24}
        variant="outlined"
        fullWidth
        error={Boolean(problem)}
        helperText={problem}
        inputProps={{
          'aria-label': 'Request body',
          spellCheck: false,
          style: { fontFamily: 'monospace', fontSize: '0.85rem' },
        }}
      />
    </Box>
  );
}
