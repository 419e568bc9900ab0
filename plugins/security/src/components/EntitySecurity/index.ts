export * from './EntitySecurityContent';
