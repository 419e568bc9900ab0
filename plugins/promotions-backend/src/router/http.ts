// The routers' input helpers, shared by Portico's backend plugins.
export {
  parseRequestInput as parse,
  uuidParam as idParam,
} from '@portico/portico-node';
