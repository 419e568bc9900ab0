export { StatusBanner, missingParts } from './StatusBanner';
