export { TimelineLines } from './Timeline';
