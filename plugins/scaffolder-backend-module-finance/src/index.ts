/**
 * Scaffolder actions for finance and HR systems: PennyLane invoices, PayFit employees, Power BI push datasets.
 *
 * @packageDocumentation
 */
export { scaffolderModuleFinance as default } from './module';
export * from './actions';
