import { useApi } from '@backstage/frontend-plugin-api';
import { InfoCard, Progress } from '@backstage/core-components';
import { useEntity } from '@backstage/plugin-catalog-react';
import { stringifyEntityRef } from '@backstage/catalog-model';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import useAsync from 'react-use/esm/useAsync';
import { monitoringApiRef } from '../../api';

/** Overview card: what is firing on this component now. */
export function EntityAlertsCard() {
  const { entity } = useEntity();
  const ref = stringifyEntityRef(entity).toLowerCase();
  const api = useApi(monitoringApiRef);
  const { value, loading, error } = useAsync(() => api.stats({ component: ref }), [api, ref]);
  return (
    <InfoCard title="Alerts" deepLink={{ title: 'All alerts of this component', link: 'alerts' }}>
      {loading && <Progress />}
      {error && <Typography color="error">{error.message}</Typography>}
      {value && (
        <Box display="flex" style={{ gap: 24 }}>
          <div>
            <Typography variant="h4" aria-label="firing">
              {value.byState.firing}
            </Typography>
            <Typography variant="caption">firing</Typography>
          </div>
          <div>
            <Typography variant="h4">{value.byState.acknowledged}</Typography>
            <Typography variant="caption">acknowledged</Typography>
          </div>
          <div>
            <Typography variant="h4" color={value.bySeverity.critical ? 'error' : 'initial'}>
              {value.bySeverity.critical}
            </Typography>
            <Typography variant="caption">critical open</Typography>
          </div>
        </Box>
      )}
    </InfoCard>
  );
}
