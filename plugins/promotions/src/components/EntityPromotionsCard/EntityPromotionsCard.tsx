import { useState } from 'react';
import { InfoCard, Link, ResponseErrorPanel } from '@backstage/core-components';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { useApi, useRouteRef } from '@backstage/frontend-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import { usePermission } from '@backstage/plugin-permission-react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemSecondaryAction from '@material-ui/core/ListItemSecondaryAction';
import ListItemText from '@material-ui/core/ListItemText';
import { useNavigate } from 'react-router-dom';
import useAsync from 'react-use/esm/useAsync';
import { promotionsRequestCreatePermission } from '@portico/plugin-promotions-common';
import { promotionsApiRef } from '../../api';
import { promotionRequestRouteRef, promotionsRouteRef } from '../../routes';
import { NewPromotionDialog } from '../NewPromotionDialog';
import { PromotionStateChip } from '../PromotionStateChip';
import { formatDate } from '../PromotionsTable';

const SHOWN = 5;

/** On a component's page: its latest promotions and a button to request one. */
export function EntityPromotionsCard() {
  const { entity } = useEntity();
  const componentRef = stringifyEntityRef(entity).toLocaleLowerCase('en-US');
  const promotionsApi = useApi(promotionsApiRef);
  const navigate = useNavigate();
  const requestLink = useRouteRef(promotionRequestRouteRef);
  const listLink = useRouteRef(promotionsRouteRef);
  const canCreate = usePermission({ permission: promotionsRequestCreatePermission }).allowed;
  const [creating, setCreating] = useState(false);
  const promotions = useAsync(
    () => promotionsApi.listRequests({ componentRef, limit: SHOWN }),
    [promotionsApi, componentRef],
  );
  const linkTo = (id: string) => requestLink?.({ id }) ?? `/promotions/${id}`;
  const all = `${listLink?.() ?? '/promotions'}?component=${encodeURIComponent(componentRef)}`;

  return (
    <InfoCard
      title="Promotions"
      subheader="Versions promoted to the next environment"
      deepLink={promotions.value?.totalCount ? { title: 'All promotions of this component', link: all } : undefined}
    >
      {promotions.error && <ResponseErrorPanel error={promotions.error} />}
      {promotions.value && promotions.value.items.length === 0 && <Box mb={1}>No promotion requested yet.</Box>}
      {promotions.value && promotions.value.items.length > 0 && (
        <List dense disablePadding aria-label="Promotions">
          {promotions.value.items.map(request => (
            <ListItem key={request.id} disableGutters>
              <ListItemText
                primary={
                  <Link to={linkTo(request.id)}>
                    {request.version} → {request.toEnvironment}
                  </Link>
                }
                secondary={`${request.requestedBy.replace(/^user:default\//, '')}, ${formatDate(request.createdAt)}`}
              />
              <ListItemSecondaryAction>
                <PromotionStateChip state={request.state} />
              </ListItemSecondaryAction>
            </ListItem>
          ))}
        </List>
      )}
      {canCreate && (
        <Box mt={1}>
          <Button variant="outlined" color="primary" onClick={() => setCreating(true)}>
            Request a promotion
          </Button>
        </Box>
      )}
      <NewPromotionDialog
        open={creating}
        componentRef={componentRef}
        onClose={() => setCreating(false)}
        onCreated={created => navigate(linkTo(created.id))}
      />
    </InfoCard>
  );
}
