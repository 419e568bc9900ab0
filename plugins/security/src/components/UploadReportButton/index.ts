export * from './UploadReportButton';
