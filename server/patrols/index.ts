// The patrols domain's public face (楼道巡查, issue #20).
export { patrolRoutes } from './routes.js';
