import { useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import Button from '@material-ui/core/Button';
import Card from '@material-ui/core/Card';
import CardActions from '@material-ui/core/CardActions';
import CardContent from '@material-ui/core/CardContent';
import Chip from '@material-ui/core/Chip';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import Box from '@material-ui/core/Box';
import { makeStyles } from '@material-ui/core/styles';
import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import { useApi, useRouteRef } from '@backstage/frontend-plugin-api';
import { useNavigate } from 'react-router-dom';
import type { ServiceDefinition } from '@portico/plugin-servicedesk-common';
import { servicedeskApiRef } from '../../api';
import { requestRouteRef } from '../../routes';
import { shortRef } from '../../format';
import { RequestDialog } from '../RequestDialog/RequestDialog';

const useStyles = makeStyles(theme => ({
  // The theme's secondary pink under white text is 4.2:1; its dark shade passes WCAG AA.
  notConfigured: {
    backgroundColor: theme.palette.secondary.dark,
    color: theme.palette.common.white,
  },
}));

/** The services one can ask for, by category; each opens its request form. */
export function ServiceCatalog() {
  const classes = useStyles();
  const api = useApi(servicedeskApiRef);
  const navigate = useNavigate();
  const requestLink = useRouteRef(requestRouteRef);
  const [selected, setSelected] = useState<ServiceDefinition>();
  const { value, loading, error } = useAsync(() => api.listServices(), [api]);
  if (loading) return <Progress />;
  if (error) return <ResponseErrorPanel error={error} />;

  const categories = [...new Set((value ?? []).map(s => s.category))].sort();
  return (
    <>
      {categories.map(category => (
        <Box key={category} mb={3}>
          <Typography variant="h5" gutterBottom>
            {category}
          </Typography>
          <Grid container spacing={2}>
            {value!
              .filter(s => s.category === category)
              .map(service => (
                <Grid item xs={12} sm={6} md={4} lg={3} key={service.slug}>
                  <Card style={{ height: '100%', display: 'flex', flexDirection: 'column' }} data-testid={`service-${service.slug}`}>
                    <CardContent style={{ flexGrow: 1 }}>
                      <Typography variant="h6">{service.name}</Typography>
                      <Typography variant="body2" color="textSecondary" paragraph>
                        {service.description}
                      </Typography>
                      <Box display="flex" flexWrap="wrap" style={{ gap: 4 }}>
                        <Chip size="small" label={`SLA ${service.slaHours} h`} />
                        <Chip
                          size="small"
                          color={service.autoExecutable ? 'primary' : 'default'}
                          label={service.autoExecutable ? 'Automatic' : 'Manual'}
                        />
                        <Chip size="small" variant="outlined" label={shortRef(service.team)} />
                        {service.integration && !service.integration.configured && (
                          <Chip
                            size="small"
                            className={classes.notConfigured}
                            label="Not configured"
                            title={`${service.integration.name} is not configured (${service.integration.missingKey}): the team handles the request by hand`}
                          />
                        )}
                      </Box>
                      {service.integration && !service.integration.configured && (
                        <Typography variant="caption" color="textSecondary" component="p" style={{ marginTop: 8 }}>
                          {service.integration.name} is not configured: the service desk team handles this request by hand.
                        </Typography>
                      )}
                    </CardContent>
                    <CardActions>
                      <Button color="primary" onClick={() => setSelected(service)} aria-label={`Request ${service.name}`}>
                        Request
                      </Button>
                    </CardActions>
                  </Card>
                </Grid>
              ))}
          </Grid>
        </Box>
      ))}
      {selected && (
        <RequestDialog
          service={selected}
          onClose={() => setSelected(undefined)}
          onFiled={filed => navigate(requestLink?.({ ticketId: filed.ticketId }) ?? `/servicedesk/requests/${filed.ticketId}`)}
        />
      )}
    </>
  );
}
