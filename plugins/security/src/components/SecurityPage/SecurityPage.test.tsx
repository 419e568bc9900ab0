import { screen } from '@testing-library/react';
import {
  mockSecurityApi,
  renderSecurity,
} from '../../__testUtils__/renderSecurity';
import { SecurityPage } from './SecurityPage';

describe('SecurityPage', () => {
  it('asks the server for the filters in the URL and lists what it answers', async () => {
    const securityApi = mockSecurityApi();
    await renderSecurity(<SecurityPage />, {
      securityApi,
      url: '/security?filters[severity]=critical,high&filters[q]=openssl&filters[overdue]=true',
      mountPath: '/security',
    });
    expect(
      await screen.findByText('CVE-2023-5363', undefined, { timeout: 10_000 }),
    ).toBeInTheDocument();
    expect(securityApi.listFindings).toHaveBeenCalledWith(
      expect.objectContaining({
        severity: 'critical,high',
        q: 'openssl',
        overdue: 'true',
        state: 'open,acknowledged,in_progress',
        limit: 25,
        offset: 0,
      }),
    );
    expect(screen.getByText(/overdue \(/)).toBeInTheDocument();
    expect(
      screen.getByLabelText('Open findings by severity'),
    ).toBeInTheDocument();
  });

  it('offers the report upload only to whoever may ingest', async () => {
    await renderSecurity(<SecurityPage />, {
      securityApi: mockSecurityApi(),
      mountPath: '/security',
      url: '/security',
    });
    await screen.findByText('CVE-2023-5363', undefined, { timeout: 10_000 });
    expect(screen.queryByText('Upload a Trivy report')).not.toBeInTheDocument();
  });
});
