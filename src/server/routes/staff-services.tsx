/**
 * /staff/services: editors add, change and delete the organisation's local support services
 * and helplines. Each change is one database write the "Get help" page reads on its next
 * request, on every app server; each is in the audit log (by the service's key, never more).
 *
 *   /staff/services                 the list
 *   /staff/services/new             add one
 *   /staff/services/<key>           change one (+ /delete)
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Locale } from '../../domain/locales.js';
import { localise } from '../../domain/localised-text.js';
import { checkServiceForm, serviceFieldNames, serviceValues } from '../../domain/service-form.js';
import type { Service } from '../../domain/services.js';
import type { StaffProblem } from '../../web/pages/StaffFrame.js';
import { StaffServicePage, StaffServicesPage } from '../../web/pages/StaffServicePages.js';
import type { SignedIn } from '../auth/staff-session.js';
import {
  deleteLocalService,
  findLocalService,
  insertLocalService,
  listLocalServices,
  updateLocalService,
} from '../db/repositories/local-services.js';
import { audit } from '../services/staff.js';
import { formFields, param, type StaffContext } from './staff-context.js';

const KEY = /^[a-z0-9]+(-[a-z0-9]+)*$/;

export function staffServiceRoutes(
  scope: FastifyInstance,
  ctx: StaffContext,
  /** Keys of the services that stay in the files (national ones): no local service may use one. */
  fixedKeys: ReadonlySet<string>,
): void {
  const { site, db } = ctx;
  const names = serviceFieldNames(site.locales);
  const areaOf = (s: Service, locale: Locale) =>
    s.area === 'national' ? '' : localise(s.area.local, locale);

  const formPage = (
    request: FastifyRequest,
    reply: FastifyReply,
    who: SignedIn,
    status: number,
    view: {
      key: string | undefined;
      name: string | undefined;
      values: Record<string, string>;
      problems: StaffProblem[];
      notice?: 'saved';
    },
  ) =>
    ctx.html(
      reply,
      status,
      <StaffServicePage
        site={site}
        locale={ctx.localeOf(request)}
        viewer={ctx.viewerOf(who)}
        serviceKey={view.key}
        name={view.name}
        values={view.values}
        problems={view.problems}
        notice={view.notice}
      />,
    );
  const typed = (request: FastifyRequest) => {
    const fields = formFields(request);
    const values: Record<string, string> = {};
    for (const n of names) {
      const v = fields(n);
      if (v !== undefined) values[n] = v;
    }
    return values;
  };

  scope.get('/staff/services', async (request, reply) => {
    const who = await ctx.signedIn(request, reply);
    if (!who) return reply;
    const locale = ctx.localeOf(request);
    const done = (request.query as Record<string, unknown>).done;
    const services = await listLocalServices(db);
    return ctx.html(
      reply,
      200,
      <StaffServicesPage
        site={site}
        locale={locale}
        viewer={ctx.viewerOf(who)}
        notice={done === 'deleted' ? 'deleted' : undefined}
        services={services.map((s) => ({
          key: s.key,
          name: localise(s.name, locale),
          phone: s.phone,
          area: areaOf(s, locale),
        }))}
      />,
    );
  });

  scope.get('/staff/services/new', async (request, reply) => {
    const who = await ctx.signedIn(request, reply);
    if (!who) return reply;
    return formPage(request, reply, who, 200, {
      key: undefined,
      name: undefined,
      values: { for_everyone: 'on' },
      problems: [],
    });
  });
  scope.post('/staff/services/new', async (request, reply) => {
    const who = await ctx.signedIn(request, reply);
    if (!who) return reply;
    const values = typed(request);
    const taken = new Set([...fixedKeys, ...(await listLocalServices(db)).map((s) => s.key)]);
    const check = checkServiceForm(values, site.locales, { key: undefined, takenKeys: taken });
    const refuse = (problems: StaffProblem[]) =>
      formPage(request, reply, who, 400, { key: undefined, name: undefined, values, problems });
    if (!check.ok) return refuse([...check.errors]);
    if (!(await insertLocalService(db, check.service))) {
      return refuse([{ field: 'key', code: 'key_taken' }]);
    }
    await audit(db, who.member, 'service.create', `service:${check.service.key}`);
    return ctx.redirect(reply, request, `/staff/services/${check.service.key}?done=saved`);
  });

  const load = async (request: FastifyRequest) => {
    const key = param(request, 'key');
    return KEY.test(key) ? findLocalService(db, key) : undefined;
  };
  scope.get('/staff/services/:key', async (request, reply) => {
    const who = await ctx.signedIn(request, reply);
    if (!who) return reply;
    const service = await load(request);
    if (!service) return reply.callNotFound();
    const done = (request.query as Record<string, unknown>).done;
    return formPage(request, reply, who, 200, {
      key: service.key,
      name: localise(service.name, ctx.localeOf(request)),
      values: serviceValues(service, site.locales),
      problems: [],
      ...(done === 'saved' ? { notice: 'saved' as const } : {}),
    });
  });
  scope.post('/staff/services/:key', async (request, reply) => {
    const who = await ctx.signedIn(request, reply);
    if (!who) return reply;
    const service = await load(request);
    if (!service) return reply.callNotFound();
    const values = typed(request);
    const check = checkServiceForm(values, site.locales, {
      key: service.key,
      takenKeys: new Set(),
    });
    if (!check.ok) {
      return formPage(request, reply, who, 400, {
        key: service.key,
        name: localise(service.name, ctx.localeOf(request)),
        values,
        problems: [...check.errors],
      });
    }
    if (!(await updateLocalService(db, check.service))) return reply.callNotFound();
    await audit(db, who.member, 'service.update', `service:${service.key}`);
    return ctx.redirect(reply, request, `/staff/services/${service.key}?done=saved`);
  });
  scope.post('/staff/services/:key/delete', async (request, reply) => {
    const who = await ctx.signedIn(request, reply);
    if (!who) return reply;
    const service = await load(request);
    if (!service) return reply.callNotFound();
    await deleteLocalService(db, service.key);
    await audit(db, who.member, 'service.delete', `service:${service.key}`);
    return ctx.redirect(reply, request, '/staff/services?done=deleted');
  });
}
