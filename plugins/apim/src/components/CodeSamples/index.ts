export { CodeSamples } from './CodeSamples';
