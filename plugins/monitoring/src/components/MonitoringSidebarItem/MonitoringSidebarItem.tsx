import { SidebarItem } from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import Chip from '@material-ui/core/Chip';
import NotificationsActiveIcon from '@material-ui/icons/NotificationsActive';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import useInterval from 'react-use/esm/useInterval';
import { monitoringApiRef } from '../../api';

/** The sidebar's Monitoring item with the number of alerts firing on my teams' components. */
export function MonitoringSidebarItem() {
  const api = useApi(monitoringApiRef);
  const firing = useAsyncRetry(() => api.myFiring(), [api]);
  useInterval(firing.retry, 30_000);
  const count = firing.error ? 0 : firing.value ?? 0;
  return (
    <SidebarItem icon={NotificationsActiveIcon} to="/monitoring" text="Monitoring">
      {count > 0 && (
        <Chip size="small" color="secondary" label={count > 99 ? '99+' : count} aria-label={`${count} firing for my teams`} />
      )}
    </SidebarItem>
  );
}
