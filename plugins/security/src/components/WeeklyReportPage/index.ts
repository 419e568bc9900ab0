export { WeeklyReportPage } from './WeeklyReportPage';
