import { useState } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Checkbox from '@material-ui/core/Checkbox';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import TextField from '@material-ui/core/TextField';
import Alert from '@material-ui/lab/Alert';
import { ResponseErrorPanel, Table, TableColumn } from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import type { ServiceDefinition } from '@portico/plugin-servicedesk-common';
import { servicedeskApiRef } from '../../api';
import { shortRef } from '../../format';

const EMPTY: ServiceDefinition = {
  slug: '',
  name: '',
  description: '',
  category: 'IT',
  team: 'group:default/servicedesk-agents',
  slaHours: 8,
  autoExecutable: false,
  formSchema: { type: 'object', required: [], properties: {} },
  requiredPermissions: [],
  active: true,
  updatedAt: '',
};

function ServiceEditor(props: { service: ServiceDefinition; isNew: boolean; onClose: () => void; onSaved: () => void }) {
  const api = useApi(servicedeskApiRef);
  const [draft, setDraft] = useState(props.service);
  const [schemaText, setSchemaText] = useState(JSON.stringify(props.service.formSchema, null, 2));
  const [error, setError] = useState<string>();
  const set = (patch: Partial<ServiceDefinition>) => setDraft(d => ({ ...d, ...patch }));

  const save = async () => {
    let formSchema: Record<string, unknown>;
    try {
      formSchema = JSON.parse(schemaText);
    } catch (e) {
      setError(`formSchema: not JSON (${(e as Error).message})`);
      return;
    }
    try {
      await api.saveService(draft.slug, {
        name: draft.name,
        description: draft.description,
        category: draft.category,
        team: draft.team,
        slaHours: Number(draft.slaHours),
        autoExecutable: draft.autoExecutable,
        ...(draft.workflowRef ? { workflowRef: draft.workflowRef } : {}),
        formSchema,
        requiredPermissions: draft.requiredPermissions,
        active: draft.active,
      });
      props.onSaved();
    } catch (e) {
      setError((e as Error).message);
    }
  };

  return (
    <Dialog open onClose={props.onClose} maxWidth="md" fullWidth aria-labelledby="service-editor-title">
      <DialogTitle id="service-editor-title">{props.isNew ? 'Add a service' : `Edit ${props.service.name}`}</DialogTitle>
      <DialogContent>
        {error && <Alert severity="error">{error}</Alert>}
        <Box display="grid" style={{ gridTemplateColumns: '1fr 1fr', gap: 12 }}>
          <TextField id="service-slug" label="Slug" value={draft.slug} disabled={!props.isNew} onChange={e => set({ slug: e.target.value })} helperText="lowercase, e.g. printer_access" />
          <TextField id="service-name" label="Name" value={draft.name} onChange={e => set({ name: e.target.value })} />
          <TextField id="service-category" label="Category" value={draft.category} onChange={e => set({ category: e.target.value })} />
          <TextField id="service-team" label="Team (catalog group)" value={draft.team} onChange={e => set({ team: e.target.value })} />
          <TextField id="service-sla-hours" label="SLA (hours)" type="number" value={draft.slaHours} onChange={e => set({ slaHours: Number(e.target.value) })} />
          <TextField id="service-workflow" label="Workflow (template ref)" value={draft.workflowRef ?? ''} onChange={e => set({ workflowRef: e.target.value || undefined })} />
          <FormControlLabel control={<Checkbox checked={draft.autoExecutable} onChange={e => set({ autoExecutable: e.target.checked })} />} label="Auto-executable" />
          <FormControlLabel control={<Checkbox checked={draft.active} onChange={e => set({ active: e.target.checked })} />} label="Offered in the catalog" />
        </Box>
        <TextField id="service-description" label="Description" fullWidth margin="normal" value={draft.description} onChange={e => set({ description: e.target.value })} />
        <TextField
          id="servicedesk-service-form-schema"
          label="Request form (JSON schema)"
          fullWidth
          multiline
          minRows={10}
          margin="normal"
          value={schemaText}
          onChange={e => setSchemaText(e.target.value)}
          InputProps={{ style: { fontFamily: 'monospace', fontSize: 13 } }}
        />
      </DialogContent>
      <DialogActions>
        <Button onClick={props.onClose}>Cancel</Button>
        <Button color="primary" variant="contained" onClick={save}>
          Save
        </Button>
      </DialogActions>
    </Dialog>
  );
}

/** Portal admins: the services of the catalog, added and edited here (stored in the service desk's database). */
export function ServicesAdmin() {
  const api = useApi(servicedeskApiRef);
  const services = useAsyncRetry(() => api.listServices({ includeInactive: true }), [api]);
  const [editing, setEditing] = useState<{ service: ServiceDefinition; isNew: boolean }>();
  if (services.error) return <ResponseErrorPanel error={services.error} />;
  const columns: TableColumn<ServiceDefinition>[] = [
    { title: 'Service', field: 'name' },
    { title: 'Slug', field: 'slug' },
    { title: 'Category', field: 'category' },
    { title: 'Team', render: s => shortRef(s.team) },
    { title: 'SLA', render: s => `${s.slaHours} h` },
    { title: 'Mode', render: s => (s.autoExecutable ? 'Automatic' : 'Manual') },
    { title: 'Workflow', render: s => s.workflowRef ?? '—' },
    { title: 'Offered', render: s => (s.active ? 'yes' : 'no') },
    { title: '', render: s => <Button size="small" onClick={() => setEditing({ service: s, isNew: false })}>Edit</Button> },
  ];
  return (
    <>
      <Box mb={2}>
        <Button variant="outlined" color="primary" onClick={() => setEditing({ service: EMPTY, isNew: true })}>
          Add a service
        </Button>
      </Box>
      <Table title="Services" isLoading={services.loading} options={{ paging: false, search: false, padding: 'dense' }} columns={columns} data={services.value ?? []} />
      {editing && (
        <ServiceEditor
          {...editing}
          onClose={() => setEditing(undefined)}
          onSaved={() => {
            setEditing(undefined);
            services.retry();
          }}
        />
      )}
    </>
  );
}
