import type { LoggerService } from '@backstage/backend-plugin-api';
import type { EvidenceResult, PromotionRequest } from '@portico/plugin-promotions-common';
import type { EvidenceGate } from '@portico/plugin-promotions-node';

/** Runs the enabled gates; a gate that throws says `unknown` instead of breaking the page. */
export class EvidenceService {
  constructor(
    private readonly gates: EvidenceGate[],
    private readonly settings: Map<string, { enabled: boolean; blocking: boolean }>,
    private readonly logger: LoggerService,
  ) {}

  async evaluate(request: PromotionRequest): Promise<EvidenceResult[]> {
    const enabled = this.gates.filter(gate => this.settings.get(gate.id)?.enabled ?? true);
    return Promise.all(
      enabled.map(async gate => {
        const blocking = this.settings.get(gate.id)?.blocking ?? false;
        try {
          const outcome = await gate.evaluate(request);
          return { gateId: gate.id, title: gate.title, blocking, ...outcome };
        } catch (error) {
          this.logger.warn(`Evidence gate ${gate.id} failed on request ${request.id}: ${error}`);
          return {
            gateId: gate.id,
            title: gate.title,
            blocking,
            status: 'unknown' as const,
            summary: `The gate could not be evaluated: ${(error as Error).message}`,
          };
        }
      }),
    );
  }
}
