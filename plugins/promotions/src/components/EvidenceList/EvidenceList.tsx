import { InfoCard, Link } from '@backstage/core-components';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemIcon from '@material-ui/core/ListItemIcon';
import ListItemText from '@material-ui/core/ListItemText';
import CheckCircleIcon from '@material-ui/icons/CheckCircle';
import ErrorIcon from '@material-ui/icons/Error';
import HelpIcon from '@material-ui/icons/Help';
import WarningIcon from '@material-ui/icons/Warning';
import type { EvidenceResult, GateStatus } from '@portico/plugin-promotions-common';

const ICONS: Record<GateStatus, React.ReactElement> = {
  pass: <CheckCircleIcon style={{ color: '#2e7d32' }} titleAccess="pass" />,
  fail: <ErrorIcon style={{ color: '#c62828' }} titleAccess="fail" />,
  warn: <WarningIcon style={{ color: '#ef6c00' }} titleAccess="warn" />,
  unknown: <HelpIcon color="disabled" titleAccess="unknown" />,
};

/** What the evidence gates say; a failing blocking gate refuses the approval. */
export function EvidenceList({ evidence }: { evidence: EvidenceResult[] }) {
  return (
    <InfoCard title="Evidence">
      {evidence.length === 0 ? (
        'No evidence gate is configured.'
      ) : (
        <List dense disablePadding aria-label="Evidence">
          {evidence.map(result => (
            <ListItem key={result.gateId} disableGutters>
              <ListItemIcon>{ICONS[result.status]}</ListItemIcon>
              <ListItemText
                primary={`${result.title}${result.blocking ? ' (blocking)' : ''}`}
                secondary={
                  result.link ? <Link to={result.link}>{result.summary}</Link> : result.summary
                }
              />
            </ListItem>
          ))}
        </List>
      )}
    </InfoCard>
  );
}
