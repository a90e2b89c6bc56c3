// In-process domain events: the seam where notices, the bot and subscribe
// messages attach without the order services knowing about them.
import { EventEmitter } from 'node:events';
import type { OrderStatus, Urgency } from '@prisma/client';

export interface DomainEventMap {
  'order.transitioned': { orderId: string; communityId: string; urgency: Urgency; action: string; from: OrderStatus | null; to: OrderStatus; actorId: string | null };
  /**
   * Something said on an order (server/orders/conversation.ts, duplicates.ts): a message, a question (待补充),
   * the answer, a household joining, a merge. `side` is who spoke: the requester's side (household, filer)
   * or the working side (workers, staff); the other side is told.
   */
  'order.updated': { orderId: string; communityId: string; eventId: string; action: 'comment' | 'ask' | 'answer' | 'join' | 'merge'; side: 'requester' | 'workers'; actorId: string };
  /**
   * A missed deadline, raised once (server/orders/escalateOverdueOrders.ts): not claimed, not resolved, an emergency
   * still unclaimed 20 minutes in (`response_second`), a resolution not reviewed by the party branch in time (`review`).
   */
  'order.escalated': { orderId: string; communityId: string; gridId: string; stage: 'response' | 'resolution' | 'response_second' | 'review'; dueAt: Date; urgency: 'normal' | 'emergency' };
  /** The day's digest of a community's overdue orders, claimed once per community and day (server/orders/overdueDigest.ts). */
  'orders.overdueDigest': {
    communityId: string;
    day: string;
    /** overdue orders by what is late */
    counts: { response: number; resolution: number; review: number };
    /** the oldest few: no names or phones, the group sees the building */
    oldest: Array<{ orderId: string; title: string; building: string; late: 'response' | 'resolution' | 'review'; dueAt: Date }>;
  };
  /** A job posting was published (server/jobs). */
  'job.posted': { jobId: string; communityId: string; title: string; employer: string; kind: string; createdById: string };
  /** A training session was scheduled (server/trainings). */
  'training.scheduled': { trainingId: string; communityId: string; course: string; startsAt: Date; createdById: string };
  /**
   * The group bot stopped being logged in (logged out, or waiting for a scan of its login QR), once per
   * outage however many QR refreshes follow (server/bot/botState.ts): staff are alerted (server/notices/botAlerts.ts).
   */
  'bot.out': { since: Date; state: 'waiting_scan' | 'logged_out'; accountName: string | null };
  /** Deliveries were queued (a notice written, failed ones sent again): wakes an idle delivery worker. */
  'notice.queued': { noticeId: string; communityId: string; sendAt: Date };
}

export class DomainEvents {
  private emitter = new EventEmitter();
  /** Listeners started and not yet finished (see settled). */
  private running = new Set<Promise<void>>();
  constructor(private onListenerError: (err: unknown, name: string) => void) {}

  on<K extends keyof DomainEventMap>(name: K, listener: (e: DomainEventMap[K]) => void | Promise<void>): void {
    // a failing listener must never fail the request that emitted the event
    this.emitter.on(name, (e: DomainEventMap[K]) => {
      const run: Promise<void> = Promise.resolve()
        .then(() => listener(e))
        .catch((err) => this.onListenerError(err, name))
        .finally(() => this.running.delete(run));
      this.running.add(run);
    });
  }

  /**
   * Resolves once every listener started so far has finished, and every listener
   * those started in turn (a listener may emit: an automatic notice emits
   * `notice.queued`). Tests wait on it to assert that nothing happened, instead
   * of sleeping and hoping the listeners were quick enough.
   */
  async settled(): Promise<void> {
    while (this.running.size) await Promise.allSettled([...this.running]);
  }

  emit<K extends keyof DomainEventMap>(name: K, e: DomainEventMap[K]): void {
    this.emitter.emit(name, e);
  }
}
