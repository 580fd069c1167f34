export { reportNetWorth as default } from './report';
