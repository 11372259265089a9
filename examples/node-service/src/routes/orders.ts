import type { FastifyInstance } from 'fastify';

interface Order {
  id: string;
  items: Array<{ sku: string; quantity: number }>;
}

const orders = new Map<string, Order>();

export function registerOrderRoutes(app: FastifyInstance): void {
  app.get('/orders/:id', async (request, reply) => {
    const { id } = request.params as { id: string };
    const order = orders.get(id);
    return order ?? reply.code(404).send({ error: `order ${id} not found` });
  });

  app.post('/orders', async (request, reply) => {
    const order = request.body as Order;
    orders.set(order.id, order);
    return reply.code(201).send(order);
  });
}
