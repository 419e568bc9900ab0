export { createFileIncidentAction, FILE_INCIDENT_ACTION_ID } from './fileIncident';
export { createRequireIntegrationAction, REQUIRE_INTEGRATION_ACTION_ID } from './requireIntegration';
export { ServicedeskClient } from './ServicedeskClient';
