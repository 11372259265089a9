import Fastify from 'fastify';
import { registerOrderRoutes } from './routes/orders';
import { registerHealthRoute } from './routes/health';

const app = Fastify({ logger: true });
registerHealthRoute(app);
registerOrderRoutes(app);

const port = Number(process.env.PORT ?? 8080);
app.listen({ port, host: '0.0.0.0' }).catch((error) => {
  app.log.error(error);
  process.exit(1);
});
