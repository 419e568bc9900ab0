export {
  API_KEY_PLACEHOLDER,
  CodeSamplesService,
  codeSamplesFor,
  harRequestFor,
  SAMPLE_TARGETS,
} from './CodeSamplesService';
