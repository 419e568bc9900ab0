import { SidebarItem } from '@backstage/core-components';
import { useApi, useRouteRef } from '@backstage/frontend-plugin-api';
import Chip from '@material-ui/core/Chip';
import PublishIcon from '@material-ui/icons/Publish';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import useInterval from 'react-use/esm/useInterval';
import { promotionsApiRef } from '../../api';
import { promotionsRouteRef } from '../../routes';

/** How often the count is asked again; approvals are not chat, a minute is fresh enough. */
const REFRESH_MS = 60_000;

/**
 * The sidebar's Promotions item with the number of requests awaiting the user's approval;
 * with some waiting, it opens that view. A failed count shows no badge, never an error.
 */
export function PromotionsSidebarItem() {
  const promotionsApi = useApi(promotionsApiRef);
  const listLink = useRouteRef(promotionsRouteRef);
  const awaiting = useAsyncRetry(
    () => promotionsApi.countAwaitingMyApproval(),
    [promotionsApi],
  );
  useInterval(awaiting.retry, REFRESH_MS);

  const count = awaiting.error ? 0 : awaiting.value ?? 0;
  const to = listLink?.() ?? '/promotions';
  return (
    <SidebarItem
      icon={PublishIcon}
      to={count > 0 ? `${to}?view=awaiting` : to}
      text="Promotions"
    >
      {count > 0 && (
        <Chip
          size="small"
          color="secondary"
          label={count > 99 ? '99+' : count}
          aria-label={`${count} awaiting my approval`}
        />
      )}
    </SidebarItem>
  );
}
