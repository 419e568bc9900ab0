import { screen } from '@testing-library/react';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { DeploymentList } from './DeploymentList';
import { RedChart } from './RedChart';

describe('deployment markers', () => {
  const deployments = [
    { at: '2026-12-01T08:30:00Z', version: '2.0.0', environment: 'PROD', outcome: 'succeeded' as const, requestId: 'r1' },
    { at: '2026-12-01T08:45:00Z', version: '2.0.1', environment: 'PROD', outcome: 'failed' as const, requestId: 'r2' },
  ];

  it('lists the deployments of the range with links to their promotion requests', async () => {
    await renderInTestApp(<DeploymentList deployments={deployments} />);
    expect(screen.getByRole('link', { name: '2.0.0 to PROD' })).toHaveAttribute('href', '/promotions/r1');
    expect(screen.getByLabelText('Deployments in range')).toHaveTextContent(/2\.0\.1 to PROD failed/);
  });

  it('says where markers come from when there is none', async () => {
    await renderInTestApp(<DeploymentList deployments={[]} />);
    expect(screen.getByText(/No deployment of this component in the range/)).toBeInTheDocument();
  });

  it('draws a chart with markers without failing, and says when a range has no data', async () => {
    await renderInTestApp(<RedChart title="Request rate" series={[]} names={['rate']} unit=" rps" deployments={deployments} />);
    expect(screen.getByText('No data for this range.')).toBeInTheDocument();
  });
});
