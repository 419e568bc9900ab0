export { servicedeskApiRef, type ServicedeskApi, type ListRequestsRequest } from './ServicedeskApi';
export { ServicedeskClient } from './ServicedeskClient';
