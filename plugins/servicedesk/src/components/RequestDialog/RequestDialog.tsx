import { useState } from 'react';
import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import MenuItem from '@material-ui/core/MenuItem';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import Box from '@material-ui/core/Box';
import Alert from '@material-ui/lab/Alert';
import Form from '@rjsf/material-ui';
import validator from '@rjsf/validator-ajv8';
import type { RJSFSchema } from '@rjsf/utils';
import { useApi } from '@backstage/frontend-plugin-api';
import {
  PRIORITIES,
  Priority,
  ServiceDefinition,
  ServiceRequest,
} from '@portico/plugin-servicedesk-common';
import { servicedeskApiRef } from '../../api';

/**
 * The request form of a service: a summary, a priority, a description, then the service's
 * own fields rendered from its JSON schema. The server validates the same schema again.
 */
export function RequestDialog(props: {
  service: ServiceDefinition;
  onClose: () => void;
  onFiled: (request: ServiceRequest) => void;
}) {
  const api = useApi(servicedeskApiRef);
  const { service } = props;
  const [title, setTitle] = useState('');
  const [priority, setPriority] = useState<Priority>('medium');
  const [description, setDescription] = useState('');
  const [formData, setFormData] = useState<Record<string, unknown>>({});
  const [error, setError] = useState<string>();
  const [submitting, setSubmitting] = useState(false);

  const submit = async (data: Record<string, unknown>) => {
    if (title.trim().length < 3) {
      setError('title: at least 3 characters');
      return;
    }
    setSubmitting(true);
    setError(undefined);
    try {
      const filed = await api.createRequest({
        service: service.slug,
        title: title.trim(),
        priority,
        ...(description.trim() ? { description: description.trim() } : {}),
        formData: data,
      });
      props.onFiled(filed);
    } catch (e) {
      setError((e as Error).message);
      setSubmitting(false);
    }
  };

  return (
    <Dialog open onClose={props.onClose} maxWidth="sm" fullWidth aria-labelledby="request-dialog-title">
      <DialogTitle id="request-dialog-title">{service.name}</DialogTitle>
      <DialogContent>
        <Typography variant="body2" color="textSecondary" paragraph>
          {service.description} {service.autoExecutable ? 'Done automatically;' : 'Worked by the team;'} SLA{' '}
          {service.slaHours} h.
        </Typography>
        {error && (
          <Box mb={2}>
            <Alert severity="error">{error}</Alert>
          </Box>
        )}
        <TextField
          label="Summary"
          required
          fullWidth
          margin="dense"
          value={title}
          onChange={e => setTitle(e.target.value)}
          inputProps={{ 'aria-label': 'Summary', maxLength: 200 }}
        />
        <TextField
          id="servicedesk-request-priority"
          select
          label="Priority"
          fullWidth
          margin="dense"
          value={priority}
          onChange={e => setPriority(e.target.value as Priority)}
        >
          {PRIORITIES.map(p => (
            <MenuItem key={p} value={p}>
              {p}
            </MenuItem>
          ))}
        </TextField>
        <TextField
          id="servicedesk-request-description"
          label="Description"
          fullWidth
          multiline
          minRows={2}
          margin="dense"
          value={description}
          onChange={e => setDescription(e.target.value)}
        />
        <Box mt={2}>
          <Form
            schema={service.formSchema as RJSFSchema}
            validator={validator}
            formData={formData}
            onChange={e => setFormData(e.formData)}
            onSubmit={e => submit(e.formData ?? {})}
            showErrorList={false}
            noHtml5Validate
          >
            <Box display="flex" justifyContent="flex-end" mt={2} mb={1} style={{ gap: 8 }}>
              <Button onClick={props.onClose}>Cancel</Button>
              <Button type="submit" color="primary" variant="contained" disabled={submitting}>
                Submit request
              </Button>
            </Box>
          </Form>
        </Box>
      </DialogContent>
    </Dialog>
  );
}
