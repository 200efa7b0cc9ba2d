/**
 * An event's bookings for staff: the list, and the CSV download (audited: who downloaded which
 * event's bookings and how many, never what they say). Split from staff.tsx.
 *
 *   /staff/events/<id>/bookings, /staff/events/<id>/bookings.csv
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { toCsv } from '../../domain/csv.js';
import { textIn } from '../../domain/events.js';
import { STAFF_MESSAGES } from '../../web/i18n/staff-messages.js';
import { StaffBookingsPage } from '../../web/pages/StaffPages.js';
import { bookingsForEvent, findEventById } from '../db/repositories/events.js';
import { audit } from '../services/staff.js';
import type { StaffContext } from './staff-context.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export function staffBookingRoutes(
  scope: FastifyInstance,
  ctx: StaffContext,
  /** How long bookings are kept, said on the page. */
  retentionDays: number,
): void {
  const { site, db } = ctx;
  // ---- Bookings ----
  const eventWithBookings = async (request: FastifyRequest) => {
    const id = (request.params as { id?: unknown }).id;
    if (typeof id !== 'string' || !UUID.test(id)) return undefined;
    const event = await findEventById(db, id);
    return event && { event, bookings: await bookingsForEvent(db, id) };
  };
  scope.get('/staff/events/:id/bookings', async (request, reply) => {
    const who = await ctx.signedIn(request, reply);
    if (!who) return reply;
    const found = await eventWithBookings(request);
    if (!found) return reply.callNotFound();
    const locale = ctx.localeOf(request);
    const title = textIn(found.event.texts, locale, site.locales)?.text.title ?? found.event.slug;
    return ctx.html(
      reply,
      200,
      <StaffBookingsPage
        site={site}
        locale={locale}
        viewer={ctx.viewerOf(who)}
        eventId={found.event.id}
        eventTitle={title}
        retentionDays={retentionDays}
        bookings={found.bookings.map((b) => ({ ...b, booked: ctx.when(locale, b.createdAt) }))}
      />,
    );
  });
  scope.get('/staff/events/:id/bookings.csv', async (request, reply) => {
    const who = await ctx.signedIn(request, reply);
    if (!who) return reply;
    const found = await eventWithBookings(request);
    if (!found) return reply.callNotFound();
    const locale = ctx.localeOf(request);
    const b = STAFF_MESSAGES[locale].bookings;
    const rows = [
      [b.name, b.email, b.organisation, b.role, b.needs, b.consent, b.booked],
      ...found.bookings.map((x) => [
        x.name,
        x.email,
        x.organisation,
        x.role,
        x.needs,
        x.consent ? b.yes : b.no,
        x.createdAt.toISOString(),
      ]),
    ];
    // Who downloaded which event's bookings, and how many: never what they say.
    await audit(
      db,
      who.member,
      'bookings.export',
      `event:${found.event.slug} (${found.bookings.length})`,
    );
    return reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="${found.event.slug}-bookings.csv"`)
      .send(`\uFEFF${toCsv(rows)}`);
  });
}
