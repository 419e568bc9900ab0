export { ApiCard } from './ApiCard';
