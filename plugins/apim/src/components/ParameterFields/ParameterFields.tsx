import Grid from '@material-ui/core/Grid';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import type { OperationParameter } from '../../definition';

const PLACES: Array<{ place: OperationParameter['in']; title: string }> = [
  { place: 'path', title: 'Path parameters' },
  { place: 'query', title: 'Query parameters' },
  { place: 'header', title: 'Headers' },
];

/** The operation's declared parameters, grouped by where they go. */
export function ParameterFields(props: {
  parameters: OperationParameter[];
  values: Record<OperationParameter['in'], Record<string, string>>;
  missing: string[];
  onChange: (
    place: OperationParameter['in'],
    name: string,
    value: string,
  ) => void;
}) {
  const { parameters, values, missing } = props;
  return (
    <>
      {PLACES.map(({ place, title }) => {
        const declared = parameters.filter(p => p.in === place);
        if (declared.length === 0) return null;
        return (
          <div key={place}>
            <Typography
              variant="subtitle2"
              component="h4"
              style={{ marginTop: 16 }}
            >
              {title}
            </Typography>
            <Grid container spacing={1}>
              {declared.map(parameter => {
                const value = values[place][parameter.name] ?? '';
                const isMissing =
                  place === 'path' && missing.includes(parameter.name);
                return (
                  <Grid item xs={12} sm={6} key={`${place}:${parameter.name}`}>
                    <TextField
                      id={`apim-tryit-${place}-${parameter.name}`}
                      label={parameter.name}
                      value={value}
                      required={parameter.required}
                      error={isMissing}
                      select={Boolean(parameter.enum)}
                      SelectProps={
                        parameter.enum ? { native: true } : undefined
                      }
                      InputLabelProps={
                        parameter.enum ? { shrink: true } : undefined
                      }
                      helperText={
                        isMissing ? 'required' : parameter.description
                      }
                      placeholder={
                        parameter.example
                          ? `e.g. ${parameter.example}`
                          : undefined
                      }
                      onChange={event =>
                        props.onChange(
                          place,
                          parameter.name,
                          event.target.value,
                        )
                      }
                      variant="outlined"
                      size="small"
                      fullWidth
                      margin="dense"
                    >
                      {parameter.enum && (
                        <>
                          <option value="">—</option>
                          {parameter.enum.map(option => (
                            <option key={option} value={option}>
                              {option}
                            </option>
                          ))}
                        </>
                      )}
                    </TextField>
                  </Grid>
                );
              })}
            </Grid>
          </div>
        );
      })}
    </>
  );
}
