import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import TextField from '@material-ui/core/TextField';
import { FormDialog } from './FormDialog';

function renderDialog(props: Partial<Parameters<typeof FormDialog>[0]> = {}) {
  const onSubmit = jest.fn();
  const onCancel = jest.fn();
  render(
    <FormDialog
      open
      titleId="test-title"
      title="Rename the thing"
      intro="Names are unique."
      submitLabel="Rename"
      busy={false}
      onSubmit={onSubmit}
      onCancel={onCancel}
      {...props}
    >
      <TextField id="test-name" label="Name" />
    </FormDialog>,
  );
  return { onSubmit, onCancel };
}

describe('FormDialog', () => {
  it('is labelled by its title and submits on Enter and on the button', async () => {
    const { onSubmit } = renderDialog();
    expect(
      screen.getByRole('dialog', { name: 'Rename the thing' }),
    ).toBeInTheDocument();
    expect(screen.getByText('Names are unique.')).toBeInTheDocument();

    await userEvent.type(screen.getByLabelText('Name'), 'x{Enter}');
    expect(onSubmit).toHaveBeenCalledTimes(1);
    await userEvent.click(screen.getByRole('button', { name: 'Rename' }));
    expect(onSubmit).toHaveBeenCalledTimes(2);
  });

  it('shows the form error as an alert', () => {
    renderDialog({ error: 'That name is taken' });
    expect(screen.getByRole('alert')).toHaveTextContent('That name is taken');
  });

  it('neither submits again nor cancels while its request runs', async () => {
    const { onSubmit, onCancel } = renderDialog({ busy: true });
    expect(screen.getByRole('button', { name: /Rename/ })).toBeDisabled();
    expect(screen.getByRole('button', { name: 'Cancel' })).toBeDisabled();
    await userEvent.type(screen.getByLabelText('Name'), 'x{Enter}');
    await userEvent.keyboard('{Escape}');
    expect(onSubmit).not.toHaveBeenCalled();
    expect(onCancel).not.toHaveBeenCalled();
  });

  it('cancels, and keeps submit off when told to', async () => {
    const { onCancel } = renderDialog({ submitDisabled: true });
    expect(screen.getByRole('button', { name: 'Rename' })).toBeDisabled();
    await userEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(onCancel).toHaveBeenCalledTimes(1);
  });
});
