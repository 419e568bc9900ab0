import { Link, ResponseErrorPanel } from '@backstage/core-components';
import { useApi, useRouteRef } from '@backstage/frontend-plugin-api';
import Box from '@material-ui/core/Box';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemText from '@material-ui/core/ListItemText';
import Typography from '@material-ui/core/Typography';
import useAsync from 'react-use/esm/useAsync';
import { promotionsApiRef } from '../../api';
import { promotionRequestRouteRef, promotionsRouteRef } from '../../routes';

const SHOWN = 5;

/** The home page's count of promotions awaiting the signed-in user's approval, with the oldest few. */
export function AwaitingApprovalWidget() {
  const promotionsApi = useApi(promotionsApiRef);
  const listLink = useRouteRef(promotionsRouteRef);
  const requestLink = useRouteRef(promotionRequestRouteRef);
  const awaiting = useAsync(
    () => promotionsApi.listRequests({ awaitingMyApproval: true, limit: SHOWN }),
    [promotionsApi],
  );
  if (awaiting.error) return <ResponseErrorPanel error={awaiting.error} />;
  const count = awaiting.value?.totalCount;
  return (
    <Box>
      <Box display="flex" alignItems="baseline" style={{ gap: 8 }}>
        <Typography variant="h3" component="span" aria-label="Awaiting my approval count">
          {count ?? '…'}
        </Typography>
        <Typography variant="body1" component="span">
          {count === 1 ? 'promotion awaits' : 'promotions await'} your approval
        </Typography>
      </Box>
      {awaiting.value && awaiting.value.items.length > 0 && (
        <List dense disablePadding>
          {awaiting.value.items.map(request => (
            <ListItem key={request.id} disableGutters>
              <ListItemText
                primary={
                  <Link to={requestLink?.({ id: request.id }) ?? `/promotions/${request.id}`}>
                    {request.componentTitle ?? request.componentRef} {request.version} → {request.toEnvironment}
                  </Link>
                }
                secondary={`tenant ${request.tenant}, by ${request.requestedBy.replace(/^user:default\//, '')}`}
              />
            </ListItem>
          ))}
        </List>
      )}
      <Link to={`${listLink?.() ?? '/promotions'}?view=awaiting`}>All promotions awaiting my approval</Link>
    </Box>
  );
}
