import Chip from '@material-ui/core/Chip';
import { makeStyles, Theme } from '@material-ui/core/styles';
import type { ApiKeyStatus } from '@portico/plugin-apim-common';

const colourOf = (theme: Theme): Record<ApiKeyStatus, string> => ({
  active: theme.palette.success.main,
  expiring: theme.palette.warning.main,
  revoked: theme.palette.grey[600],
  expired: theme.palette.grey[600],
});

const useStyles = makeStyles(theme => ({
  chip: (props: { status: ApiKeyStatus }) => ({
    backgroundColor: colourOf(theme)[props.status],
    color: theme.palette.getContrastText(colourOf(theme)[props.status]),
    minWidth: 72,
  }),
}));

export function KeyStatusChip(props: { status: ApiKeyStatus }) {
  const classes = useStyles(props);
  return <Chip size="small" label={props.status} className={classes.chip} />;
}
