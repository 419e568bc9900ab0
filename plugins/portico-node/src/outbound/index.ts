export { OutboundAddressPolicy } from './OutboundAddressPolicy';
export { outboundFetch } from './outboundFetch';
export type { OutboundAddressPolicyOptions, OutboundRequest } from './OutboundAddressPolicy';
export { addressRange, isNeverAllowed, isPublicAddress, systemResolver } from './addresses';
export type { HostResolver, ResolvedAddress } from './addresses';
export { OutboundConnectionError, OutboundTargetRefusedError } from './errors';
export type { PinnedResponse } from './pinnedRequest';
export type { PrivateTarget } from './privateTargets';
