import { fireEvent, screen } from '@testing-library/react';
import { mockApimApi, responseError } from '../../__testUtils__/mockApimApi';
import { renderApim } from '../../__testUtils__/renderApim';
import { ExportOpenapi30 } from './ExportOpenapi30';

describe('ExportOpenapi30', () => {
  beforeEach(() => {
    // jsdom has no object URLs: the download is a link to one.
    (URL as any).createObjectURL = jest.fn(() => 'blob:x');
    (URL as any).revokeObjectURL = jest.fn();
  });

  it('downloads the 3.0 document and lists what could not be converted', async () => {
    const apimApi = mockApimApi({
      exportOpenapi30: async () => ({
        filename: 'orders-openapi-3.0.yaml',
        yaml: 'openapi: 3.0.3\n',
        converted: ['/components/schemas/Order/properties/note/type: type list → nullable'],
        dropped: ['/webhooks: OpenAPI 3.0 has no webhooks'],
      }),
    });
    await renderApim(<ExportOpenapi30 apiRef="api:default/orders" />, { apimApi });
    fireEvent.click(screen.getByRole('button', { name: 'Export as OpenAPI 3.0' }));
    expect(await screen.findByText(/Downloaded orders-openapi-3\.0\.yaml: 1 change/)).toBeInTheDocument();
    expect(screen.getByRole('list', { name: 'Dropped in OpenAPI 3.0' })).toHaveTextContent('/webhooks');
    expect(apimApi.exportOpenapi30).toHaveBeenCalledWith('api:default/orders');
    expect(URL.createObjectURL).toHaveBeenCalled();
  });

  it('says why an export is refused', async () => {
    const apimApi = mockApimApi({
      exportOpenapi30: async () => {
        throw await responseError(409, 'ConflictError', 'The definition cannot be exported: it refers outside itself');
      },
    });
    await renderApim(<ExportOpenapi30 apiRef="api:default/orders" />, { apimApi });
    fireEvent.click(screen.getByRole('button', { name: 'Export as OpenAPI 3.0' }));
    expect(await screen.findByText(/cannot be exported: it refers outside itself/)).toBeInTheDocument();
  });
});
