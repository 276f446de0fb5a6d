// Drives a Conduit GCS Manager API with the official Globus SDK for JavaScript (@globus/sdk, gcs service
// functions only: no hand-written HTTP), the way a Globus web application would.
//
// Environment:
//   CONDUIT_MANAGER_URL  where the Manager API answers (https://host:port; the SDK resolves '/api/...' on it)
//   CONDUIT_TOKEN        an endpoint administrator's bearer token
//   CONDUIT_ENDPOINT_ID  the endpoint's id (the SDK's GCSConfiguration.endpoint_id)
//   CONDUIT_DATA_DIR     an existing folder for the mapped collection (absolute path on the POSIX gateway)
//   CONDUIT_USER_TOKEN   a researcher's token: an identity that maps to a real local account (user credentials
//                        and guest collections act as such an account)
//   CONDUIT_USER_IDENTITY_ID  that researcher's identity id
//   NODE_EXTRA_CA_CERTS  the endpoint's CA (self-signed TLS)
//
// Prints one JSON line per step: {"step", "ok", "status", "detail"}; a failing step also carries "request"
// (method, path and body exactly as the SDK put them on the wire, observed at http(s).request)
// and "response" (the GCS error code and message). Exits 1 if any step failed, 2 on a usage error.

import http from 'node:http';
import https from 'node:https';
import { randomUUID } from 'node:crypto';
import { gcs } from '@globus/sdk';

const POSIX_CONNECTOR_ID = '145812c8-decc-41f1-83cf-bb2a85a2a70b';
const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function required(name) {
  const value = process.env[name];
  if (!value) {
    console.error(`gcs-sdk-compat: ${name} is not set`);
    process.exit(2);
  }
  return value;
}

const managerUrl = required('CONDUIT_MANAGER_URL');
const token = required('CONDUIT_TOKEN');
const endpointId = required('CONDUIT_ENDPOINT_ID');
const dataDir = required('CONDUIT_DATA_DIR');
const userToken = required('CONDUIT_USER_TOKEN');
const userIdentityId = required('CONDUIT_USER_IDENTITY_ID');

/** The SDK's GCSConfiguration: every gcs.* function takes it first. */
const endpoint = { host: managerUrl, endpoint_id: endpointId };
const authorized = (extra = {}) => ({ ...extra, headers: { Authorization: `Bearer ${token}` } });
const asUser = (extra = {}) => ({ ...extra, headers: { Authorization: `Bearer ${userToken}` } });

// ---------------------------------------------------------------------------------------------------------
// Observing what the SDK sends (read-only: the SDK's own fetch stays in charge of the request). The SDK's
// fetch (cross-fetch, node-fetch underneath) calls http(s).request at request time; the wrapper only records
// the method, path and body written.

let wire = [];
for (const transport of [http, https]) {
  const original = transport.request;
  transport.request = function observedRequest(...args) {
    const request = original.apply(this, args);
    const seen = { method: request.method, path: request.path, body: '' };
    wire.push(seen);
    for (const fn of ['write', 'end']) {
      const send = request[fn];
      request[fn] = function observed(chunk, ...rest) {
        if (chunk != null && typeof chunk !== 'function') {
          seen.body += Buffer.isBuffer(chunk) ? chunk.toString('utf8') : String(chunk);
        }
        return send.call(this, chunk, ...rest);
      };
    }
    return request;
  };
}

function lastRequest() {
  const seen = wire[wire.length - 1];
  if (!seen) {
    return undefined;
  }
  let body;
  try {
    body = seen.body ? JSON.parse(seen.body) : undefined;
  } catch {
    body = seen.body;
  }
  return { method: seen.method, path: seen.path, ...(body === undefined ? {} : { body }) };
}

// ---------------------------------------------------------------------------------------------------------
// Steps and the checks an SDK consumer relies on.

let failures = 0;

/** A failed expectation inside a check. */
class Expectation extends Error {}

function expect(condition, message) {
  if (!condition) {
    throw new Expectation(message);
  }
}

function report(line) {
  if (!line.ok) {
    failures += 1;
  }
  console.log(JSON.stringify(line));
}

/**
 * Runs one SDK call. `check(body, response)` returns a short detail string or throws an Expectation. The
 * step's value is `{ok, status, body, first}` so later steps can use ids.
 */
async function step(name, call, check, { expectStatus } = {}) {
  wire = [];
  let response;
  let body;
  try {
    response = await call();
    const text = await response.text();
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      body = undefined;
    }
    const statusOk = expectStatus ? expectStatus.includes(response.status) : response.ok;
    expect(statusOk, `HTTP ${response.status}${expectStatus ? ` (expected ${expectStatus.join(' or ')})` : ''}`
      + errorSummary(body, text));
    const detail = check(body, response) ?? '';
    report({ step: name, ok: true, status: response.status, detail });
    return { ok: true, status: response.status, body, first: body?.data?.[0] };
  } catch (e) {
    const detail = e instanceof Expectation ? e.message : `${e.name}: ${e.message}${e.cause ? ` (${e.cause.code ?? e.cause.message})` : ''}`;
    report({
      step: name,
      ok: false,
      status: response?.status ?? null,
      detail,
      request: lastRequest(),
      ...(body && typeof body === 'object' ? { response: { code: body.code, message: body.message, detail: body.detail } } : {}),
    });
    return { ok: false, status: response?.status ?? null, body, first: body?.data?.[0] };
  }
}

function skipped(name, because) {
  report({ step: name, ok: false, status: null, detail: `not run: ${because}` });
  return { ok: false };
}

function errorSummary(body, text) {
  if (body && typeof body === 'object') {
    return `: ${body.code ?? '?'}${body.message ? ` - ${body.message}` : ''}`;
  }
  return text ? `: ${text.slice(0, 200)}` : '';
}

/** The result envelope every Manager API answer comes in (GCS result#1.x). */
function envelope(body, response) {
  expect(body && typeof body === 'object', 'response body is not a JSON object');
  expect(typeof body.DATA_TYPE === 'string' && body.DATA_TYPE.startsWith('result#1.'),
    `envelope DATA_TYPE is ${JSON.stringify(body.DATA_TYPE)}, expected result#1.x.y`);
  expect(body.http_response_code === response.status,
    `http_response_code ${body.http_response_code} does not match HTTP ${response.status}`);
  expect(typeof body.code === 'string', 'envelope has no code');
  expect(typeof body.has_next_page === 'boolean', 'envelope has no boolean has_next_page');
  expect(Array.isArray(body.data), 'envelope has no data array');
  return body.data;
}

/** data[0] of an envelope, of the given document type (any 1.x version). */
function single(body, response, type) {
  const data = envelope(body, response);
  expect(data.length >= 1, 'data is empty');
  const doc = data[0];
  documentOf(doc, type);
  return doc;
}

/**
 * Properties the SDK's own GCS Manager OpenAPI types (dist/esm/open-api/types/gcs/v5.4.d.ts) declare
 * non-optional in the latest version of each document, with their JSON types.
 */
const REQUIRED = {
  'endpoint#1.2.0': { display_name: 'string', network_use: ['normal', 'minimal', 'aggressive', 'custom'], public: 'boolean' },
  'storage_gateway#1.3.0': { admin_managed_credentials: 'boolean', require_mfa: 'boolean' },
  'collection#1.16.0': { collection_base_path: 'string', collection_type: ['mapped', 'guest'], display_name: 'string', public: 'boolean' },
  'role#1.0.0': {
    principal: 'string',
    role: ['owner', 'administrator', 'access_manager', 'activity_manager', 'activity_monitor', 'access_monitor'],
  },
};

function documentOf(doc, type) {
  expect(doc && typeof doc.DATA_TYPE === 'string' && doc.DATA_TYPE.startsWith(`${type}#1.`),
    `DATA_TYPE is ${JSON.stringify(doc?.DATA_TYPE)}, expected ${type}#1.x.y`);
  for (const [field, kind] of Object.entries(REQUIRED[doc.DATA_TYPE] ?? {})) {
    const ok = Array.isArray(kind) ? kind.includes(doc[field]) : typeof doc[field] === kind;
    expect(ok, `${doc.DATA_TYPE} ${doc.id ?? ''} property ${field} is ${JSON.stringify(doc[field])}, the SDK's schema`
      + ` requires ${Array.isArray(kind) ? `one of ${kind.join('|')}` : `a ${kind}`}`);
  }
}

function sameId(doc, id, what) {
  expect(doc.id === id, `${what} id ${JSON.stringify(doc.id)} does not round-trip (expected ${id})`);
}

function listed(body, response, type, id) {
  const data = envelope(body, response);
  data.forEach((d) => documentOf(d, type));
  expect(data.some((d) => d.id === id), `${id} is not in the listing of ${data.length} ${type} document(s)`);
  return data;
}

async function deletedThenGone(name, remove, get, what) {
  const result = await step(name, remove, (body, response) => {
    envelope(body, response);
    return `${what} deleted`;
  });
  if (result.ok) {
    await step(`${name} (then get is 404)`, get, (body, response) => {
      envelope(body, response);
      return `${body.code}`;
    }, { expectStatus: [404] });
  }
  return result;
}

// ---------------------------------------------------------------------------------------------------------

const suffix = randomUUID().slice(0, 8);

// Info: the one call made without a token.
await step('versioning.info (no token)', () => gcs.versioning.info(endpoint), (body, response) => {
  const info = single(body, response, 'info');
  expect(info.endpoint_id === endpointId, `info endpoint_id ${info.endpoint_id} is not ${endpointId}`);
  // @globus/sdk's gcs.utils.getEndpointIdFromURL reads it the same way.
  const viaFilter = body.data.filter((d) => d.DATA_TYPE.startsWith('info#'))[0];
  expect(viaFilter?.endpoint_id === endpointId, 'no info# document carries the endpoint_id');
  return `${info.DATA_TYPE} api_version=${info.api_version ?? '-'} manager_version=${info.manager_version ?? '-'}`;
});

// Endpoint.
await step('endpoint.get', () => gcs.endpoint.get(endpoint, authorized()), (body, response) => {
  const ep = single(body, response, 'endpoint');
  sameId(ep, endpointId, 'endpoint');
  return `${ep.DATA_TYPE} display_name=${JSON.stringify(ep.display_name)}`;
});

const organization = `SDK compatibility ${suffix}`;
await step('endpoint.patch', () => gcs.endpoint.patch(endpoint, authorized({
  payload: { DATA_TYPE: 'endpoint#1.2.0', organization },
})), (body, response) => {
  const ep = single(body, response, 'endpoint');
  sameId(ep, endpointId, 'endpoint');
  expect(ep.organization === organization, `organization is ${JSON.stringify(ep.organization)} after the patch`);
  return `organization=${JSON.stringify(ep.organization)}`;
});

// Storage gateway (POSIX).
const gatewayName = `sdk-gateway-${suffix}`;
const gatewayDocument = {
  DATA_TYPE: 'storage_gateway#1.3.0',
  display_name: gatewayName,
  connector_id: POSIX_CONNECTOR_ID,
  allowed_domains: ['localhost'],
  policies: { DATA_TYPE: 'posix_storage_policies#1.0.0', groups_allow: [], groups_deny: [] },
};
const gateway = await step('storageGateways.create', () => gcs.storageGateways.create(endpoint, authorized({
  payload: gatewayDocument,
})), (body, response) => {
  expect(response.status === 201, `HTTP ${response.status}, the GCS schema answers 201 Created`);
  const sg = single(body, response, 'storage_gateway');
  expect(UUID_RE.test(sg.id ?? ''), `id ${JSON.stringify(sg.id)} is not a UUID`);
  expect(sg.connector_id === POSIX_CONNECTOR_ID, `connector_id is ${sg.connector_id}`);
  expect(sg.display_name === gatewayName, `display_name is ${JSON.stringify(sg.display_name)}`);
  expect(JSON.stringify(sg.allowed_domains) === '["localhost"]', `allowed_domains is ${JSON.stringify(sg.allowed_domains)}`);
  return `${sg.DATA_TYPE} id=${sg.id}`;
});
const gatewayId = gateway.first?.id;

await step('storageGateways.getAll', () => gcs.storageGateways.getAll(endpoint, authorized()), (body, response) => {
  if (!gatewayId) {
    envelope(body, response).forEach((d) => documentOf(d, 'storage_gateway'));
    throw new Expectation('listing answered, but there is no created gateway to look for');
  }
  return `${listed(body, response, 'storage_gateway', gatewayId).length} gateway(s), the new one among them`;
});

if (gatewayId) {
  await step('storageGateways.get', () => gcs.storageGateways.get(endpoint, gatewayId, authorized()), (body, response) => {
    const sg = single(body, response, 'storage_gateway');
    sameId(sg, gatewayId, 'storage gateway');
    expect(sg.display_name === gatewayName, `display_name is ${JSON.stringify(sg.display_name)}`);
    return sg.DATA_TYPE;
  });
  await step('storageGateways.get (include private_policies)', () => gcs.storageGateways.get(endpoint, gatewayId,
    authorized({ query: { include: ['private_policies'] } })), (body, response) => {
    const sg = single(body, response, 'storage_gateway');
    sameId(sg, gatewayId, 'storage gateway');
    expect(sg.policies?.DATA_TYPE?.startsWith('posix_storage_policies#1.'),
      `policies.DATA_TYPE is ${JSON.stringify(sg.policies?.DATA_TYPE)}`);
    return `policies ${sg.policies.DATA_TYPE}`;
  });
  await step('storageGateways.patch', () => gcs.storageGateways.patch(endpoint, gatewayId, authorized({
    payload: { DATA_TYPE: 'storage_gateway#1.3.0', display_name: `${gatewayName}-patched` },
  })), (body, response) => {
    const sg = single(body, response, 'storage_gateway');
    sameId(sg, gatewayId, 'storage gateway');
    expect(sg.display_name === `${gatewayName}-patched`, `display_name is ${JSON.stringify(sg.display_name)}`);
    return `display_name=${JSON.stringify(sg.display_name)}`;
  });
  await step('storageGateways.update (PUT)', () => gcs.storageGateways.update(endpoint, gatewayId, authorized({
    payload: { ...gatewayDocument, display_name: `${gatewayName}-put` },
  })), (body, response) => {
    const sg = single(body, response, 'storage_gateway');
    sameId(sg, gatewayId, 'storage gateway');
    expect(sg.display_name === `${gatewayName}-put`, `display_name is ${JSON.stringify(sg.display_name)}`);
    return `display_name=${JSON.stringify(sg.display_name)}`;
  });
} else {
  for (const name of ['storageGateways.get', 'storageGateways.patch', 'storageGateways.update (PUT)']) {
    skipped(name, 'storageGateways.create failed');
  }
}

// Mapped collection on CONDUIT_DATA_DIR.
const mappedName = `sdk-mapped-${suffix}`;
let mappedId;
let adminIdentityId;
if (gatewayId) {
  const mapped = await step('collections.create (mapped)', () => gcs.collections.create(endpoint, authorized({
    payload: {
      DATA_TYPE: 'collection#1.16.0',
      collection_type: 'mapped',
      display_name: mappedName,
      storage_gateway_id: gatewayId,
      collection_base_path: dataDir,
      allow_guest_collections: true,
      public: true,
    },
  })), (body, response) => {
    expect(response.status === 201, `HTTP ${response.status}, the GCS schema answers 201 Created`);
    const c = single(body, response, 'collection');
    expect(UUID_RE.test(c.id ?? ''), `id ${JSON.stringify(c.id)} is not a UUID`);
    expect(c.collection_type === 'mapped', `collection_type is ${c.collection_type}`);
    expect(c.storage_gateway_id === gatewayId, `storage_gateway_id ${c.storage_gateway_id} does not round-trip`);
    expect(c.collection_base_path === dataDir, `collection_base_path is ${c.collection_base_path}`);
    expect(c.allow_guest_collections === true, `allow_guest_collections is ${c.allow_guest_collections}`);
    expect(c.connector_id === POSIX_CONNECTOR_ID, `connector_id is ${c.connector_id}`);
    expect(UUID_RE.test(c.identity_id ?? ''), `identity_id ${JSON.stringify(c.identity_id)} is not a UUID`);
    return `${c.DATA_TYPE} id=${c.id} identity_id=${c.identity_id}`;
  });
  mappedId = mapped.first?.id;
  adminIdentityId = mapped.first?.identity_id;
} else {
  skipped('collections.create (mapped)', 'storageGateways.create failed');
}

await step('collections.getAll (filter mapped_collections)', () => gcs.collections.getAll(endpoint, authorized({
  query: { filter: ['mapped_collections'] },
})), (body, response) => {
  const data = envelope(body, response);
  data.forEach((d) => documentOf(d, 'collection'));
  expect(data.every((d) => d.collection_type === 'mapped'), 'a non-mapped collection is listed');
  if (!mappedId) {
    throw new Expectation('listing answered, but there is no created mapped collection to look for');
  }
  listed(body, response, 'collection', mappedId);
  return `${data.length} mapped collection(s), the new one among them`;
});

if (mappedId) {
  await step('collections.getAll (storage_gateway_id)', () => gcs.collections.getAll(endpoint, authorized({
    query: { storage_gateway_id: gatewayId },
  })), (body, response) => {
    const data = listed(body, response, 'collection', mappedId);
    const others = data.filter((d) => d.storage_gateway_id !== gatewayId);
    expect(others.length === 0, `the storage_gateway_id filter is not applied: ${others.length} collection(s) of`
      + ` other gateways listed (${others.map((d) => d.id).join(', ')})`);
    return `${data.length} collection(s) on gateway ${gatewayId}`;
  });
  await step('collections.get (mapped)', () => gcs.collections.get(endpoint, mappedId, authorized()), (body, response) => {
    const c = single(body, response, 'collection');
    sameId(c, mappedId, 'collection');
    expect(c.display_name === mappedName, `display_name is ${JSON.stringify(c.display_name)}`);
    expect(c.storage_gateway_id === gatewayId, `storage_gateway_id ${c.storage_gateway_id} does not round-trip`);
    return c.DATA_TYPE;
  });
  await step('collections.patch (mapped)', () => gcs.collections.patch(endpoint, mappedId, authorized({
    payload: { DATA_TYPE: 'collection#1.16.0', display_name: `${mappedName}-patched`, delete_protected: false },
  })), (body, response) => {
    const c = single(body, response, 'collection');
    sameId(c, mappedId, 'collection');
    expect(c.display_name === `${mappedName}-patched`, `display_name is ${JSON.stringify(c.display_name)}`);
    expect(c.delete_protected === false, `delete_protected is ${c.delete_protected}`);
    return `display_name=${JSON.stringify(c.display_name)} delete_protected=false`;
  });
} else {
  for (const name of ['collections.getAll (storage_gateway_id)', 'collections.get (mapped)', 'collections.patch (mapped)']) {
    skipped(name, 'collections.create (mapped) failed');
  }
}

// Roles: a collection role for another identity, as the web app's "Roles" tab makes them.
let roleId;
const rolePrincipal = `urn:globus:auth:identity:${randomUUID()}`;
if (mappedId) {
  const role = await step('roles.create', () => gcs.roles.create(endpoint, authorized({
    payload: { DATA_TYPE: 'role#1.0.0', principal: rolePrincipal, collection: mappedId, role: 'access_manager' },
  })), (body, response) => {
    const r = single(body, response, 'role');
    expect(UUID_RE.test(r.id ?? ''), `id ${JSON.stringify(r.id)} is not a UUID`);
    expect(r.principal === rolePrincipal, `principal is ${r.principal}`);
    expect(r.collection === mappedId, `collection is ${r.collection}`);
    expect(r.role === 'access_manager', `role is ${r.role}`);
    return `${r.DATA_TYPE} id=${r.id}`;
  });
  roleId = role.first?.id;
} else {
  skipped('roles.create', 'collections.create (mapped) failed');
}

await step('roles.getAll (collection_id, include all_roles)', () => gcs.roles.getAll(endpoint, authorized({
  query: mappedId ? { collection_id: mappedId, include: ['all_roles'] } : { include: ['all_roles'] },
})), (body, response) => {
  const data = envelope(body, response);
  data.forEach((d) => documentOf(d, 'role'));
  if (!roleId) {
    throw new Expectation(`listing answered with ${data.length} role(s), but there is no created role to look for`);
  }
  listed(body, response, 'role', roleId);
  return `${data.length} role(s), the new one among them`;
});

if (roleId) {
  await step('roles.get', () => gcs.roles.get(endpoint, roleId, authorized()), (body, response) => {
    const r = single(body, response, 'role');
    sameId(r, roleId, 'role');
    expect(r.principal === rolePrincipal && r.role === 'access_manager' && r.collection === mappedId,
      `role does not round-trip: ${JSON.stringify(r)}`);
    return r.DATA_TYPE;
  });
  await deletedThenGone('roles.remove', () => gcs.roles.remove(endpoint, roleId, authorized()),
    () => gcs.roles.get(endpoint, roleId, authorized()), 'role');
} else {
  skipped('roles.get', 'roles.create failed');
  skipped('roles.remove', 'roles.create failed');
}

// User credentials: a guest collection is created with the creator's credential on the gateway.
let credentialId;
if (gatewayId) {
  const credential = await step('userCredentials.create', () => gcs.userCredentials.create(endpoint, asUser({
    payload: {
      DATA_TYPE: 'user_credential#1.0.0',
      storage_gateway_id: gatewayId,
      ...(userIdentityId ? { identity_id: userIdentityId } : {}),
      display_name: `sdk-credential-${suffix}`,
      policies: { DATA_TYPE: 'posix_user_credential_policies#1.0.0' },
    },
  })), (body, response) => {
    expect(response.status === 201, `HTTP ${response.status}, the GCS schema answers 201 Created`);
    const uc = single(body, response, 'user_credential');
    expect(UUID_RE.test(uc.id ?? ''), `id ${JSON.stringify(uc.id)} is not a UUID`);
    expect(uc.storage_gateway_id === gatewayId, `storage_gateway_id ${uc.storage_gateway_id} does not round-trip`);
    if (userIdentityId) {
      expect(uc.identity_id === userIdentityId, `identity_id ${uc.identity_id} does not round-trip`);
    }
    return `${uc.DATA_TYPE} id=${uc.id} username=${JSON.stringify(uc.username)}`;
  });
  credentialId = credential.first?.id;
} else {
  skipped('userCredentials.create', 'storageGateways.create failed');
}

await step('userCredentials.getAll (storage_gateway)', () => gcs.userCredentials.getAll(endpoint, asUser({
  query: gatewayId ? { storage_gateway: gatewayId } : {},
})), (body, response) => {
  const data = envelope(body, response);
  data.forEach((d) => documentOf(d, 'user_credential'));
  if (!credentialId) {
    throw new Expectation(`listing answered with ${data.length} credential(s), but there is no created credential to look for`);
  }
  listed(body, response, 'user_credential', credentialId);
  expect(data.every((d) => d.storage_gateway_id === gatewayId), 'the storage_gateway filter is not applied');
  return `${data.length} credential(s), the new one among them`;
});

if (credentialId) {
  await step('userCredentials.get', () => gcs.userCredentials.get(endpoint, credentialId, asUser()), (body, response) => {
    const uc = single(body, response, 'user_credential');
    sameId(uc, credentialId, 'user credential');
    expect(uc.storage_gateway_id === gatewayId, `storage_gateway_id ${uc.storage_gateway_id} does not round-trip`);
    return uc.DATA_TYPE;
  });
} else {
  skipped('userCredentials.get', 'userCredentials.create failed');
}

// Guest collection inside the mapped collection, owned by the caller.
let guestId;
const guestName = `sdk-guest-${suffix}`;
if (mappedId) {
  const guest = await step('collections.create (guest)', () => gcs.collections.create(endpoint, asUser({
    payload: {
      DATA_TYPE: 'collection#1.16.0',
      collection_type: 'guest',
      display_name: guestName,
      mapped_collection_id: mappedId,
      collection_base_path: '/',
      ...(credentialId ? { user_credential_id: credentialId } : {}),
    },
  })), (body, response) => {
    expect(response.status === 201, `HTTP ${response.status}, the GCS schema answers 201 Created`);
    const c = single(body, response, 'collection');
    expect(UUID_RE.test(c.id ?? ''), `id ${JSON.stringify(c.id)} is not a UUID`);
    expect(c.collection_type === 'guest', `collection_type is ${c.collection_type}`);
    expect(c.mapped_collection_id === mappedId, `mapped_collection_id ${c.mapped_collection_id} does not round-trip`);
    return `${c.DATA_TYPE} id=${c.id}`;
  });
  guestId = guest.first?.id;
} else {
  skipped('collections.create (guest)', 'collections.create (mapped) failed');
}

if (guestId) {
  await step('collections.getAll (filter guest_collections, mapped_collection_id)', () => gcs.collections.getAll(endpoint,
    asUser({ query: { filter: ['guest_collections'], mapped_collection_id: mappedId } })), (body, response) => {
    const data = listed(body, response, 'collection', guestId);
    expect(data.every((d) => d.collection_type === 'guest' && d.mapped_collection_id === mappedId),
      'a collection outside the filter is listed');
    return `${data.length} guest collection(s), the new one among them`;
  });
  await step('collections.get (guest)', () => gcs.collections.get(endpoint, guestId, asUser()), (body, response) => {
    const c = single(body, response, 'collection');
    sameId(c, guestId, 'collection');
    expect(c.display_name === guestName, `display_name is ${JSON.stringify(c.display_name)}`);
    return c.DATA_TYPE;
  });
  await deletedThenGone('collections.remove (guest)', () => gcs.collections.remove(endpoint, guestId, asUser()),
    () => gcs.collections.get(endpoint, guestId, asUser()), 'guest collection');
} else {
  for (const name of ['collections.getAll (filter guest_collections, mapped_collection_id)', 'collections.get (guest)',
    'collections.remove (guest)']) {
    skipped(name, 'collections.create (guest) failed');
  }
}

// Clean-up, in dependency order; these are steps too.
if (credentialId) {
  await deletedThenGone('userCredentials.remove', () => gcs.userCredentials.remove(endpoint, credentialId, asUser()),
    () => gcs.userCredentials.get(endpoint, credentialId, asUser()), 'user credential');
} else {
  skipped('userCredentials.remove', 'userCredentials.create failed');
}
if (mappedId) {
  await deletedThenGone('collections.remove (mapped)', () => gcs.collections.remove(endpoint, mappedId, authorized()),
    () => gcs.collections.get(endpoint, mappedId, authorized()), 'mapped collection');
} else {
  skipped('collections.remove (mapped)', 'collections.create (mapped) failed');
}
if (gatewayId) {
  await deletedThenGone('storageGateways.remove', () => gcs.storageGateways.remove(endpoint, gatewayId, authorized()),
    () => gcs.storageGateways.get(endpoint, gatewayId, authorized()), 'storage gateway');
} else {
  skipped('storageGateways.remove', 'storageGateways.create failed');
}

process.exitCode = failures === 0 ? 0 : 1;
