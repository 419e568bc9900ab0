import { useEntity } from '@backstage/plugin-catalog-react';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { AlertsView } from '../AlertsView';
import { StatusBanner } from '../StatusBanner';

/** The component's "Alerts" tab. */
export function EntityAlertsContent() {
  const { entity } = useEntity();
  return (
    <>
      <StatusBanner />
      <AlertsView componentRef={stringifyEntityRef(entity).toLowerCase()} />
    </>
  );
}
