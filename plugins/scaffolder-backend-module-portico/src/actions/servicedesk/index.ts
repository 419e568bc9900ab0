export { createFileIncidentAction, FILE_INCIDENT_ACTION_ID } from './fileIncident';
export { createRequireIntegrationAction, REQUIRE_INTEGRATION_ACTION_ID } from './requireIntegration';
export { createServicedeskRequestVerifyAction, VERIFY_REQUEST_ACTION_ID } from './verifyRequest';
export { ServicedeskClient } from './ServicedeskClient';
