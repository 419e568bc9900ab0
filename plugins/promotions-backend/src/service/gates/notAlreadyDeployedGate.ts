import type { PromotionStore } from '../../database/PromotionStore';
import type { EvidenceGate } from '@portico/plugin-promotions-node';

export const NOT_ALREADY_DEPLOYED_GATE = 'version-not-deployed';

/** Promoting what is already there is a mistake (or a rollback that should say so). */
export function notAlreadyDeployedGate(requests: Pick<PromotionStore, 'hasDeployed'>): EvidenceGate {
  return {
    id: NOT_ALREADY_DEPLOYED_GATE,
    title: 'Version not already deployed',
    async evaluate(request) {
      const deployed = await requests.hasDeployed(
        request.componentRef,
        request.version,
        request.toEnvironment,
        request.id,
      );
      return deployed
        ? {
            status: 'fail',
            summary: `${request.version} of ${request.componentRef} is already deployed to ${request.toEnvironment} by another request`,
          }
        : {
            status: 'pass',
            summary: `No earlier request deployed ${request.version} to ${request.toEnvironment}`,
          };
    },
  };
}
