import { screen } from '@testing-library/react';
import {
  mockSecurityApi,
  renderSecurity,
} from '../../__testUtils__/renderSecurity';
import { SecurityPage } from './SecurityPage';

// A file of its own: permission answers are cached per module (SWR), so a denial rendered by
// another test of the same file could be what this one reads first.
describe('SecurityPage for the security team', () => {
  it('shows the upload button to security', async () => {
    await renderSecurity(<SecurityPage />, {
      securityApi: mockSecurityApi(),
      mountPath: '/security',
      url: '/security',
      allowed: ['security.report.ingest'],
    });
    // The permission answer arrives after the findings; all packages' tests share two cores in CI.
    expect(
      await screen.findByText('Upload a Trivy report', undefined, {
        timeout: 15_000,
      }),
    ).toBeInTheDocument();
  });
});
