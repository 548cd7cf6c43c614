// A partner's integration, written the way a partner would: stubs loaded from Connect's protos/ with
// @grpc/proto-loader, plain @grpc/grpc-js, no Connect code. Run by NodePartnerTests (which starts the server and
// prepares an organisation with its partner application), or by hand against a running server with the env below.
//
//   CONNECT_ADDRESS        host:port of the gRPC endpoint (HTTP/2 without TLS)
//   CONNECT_CLIENT_ID      the partner application's client id
//   CONNECT_CLIENT_SECRET  its secret
//   CONNECT_SMS_OUTBOX     the server's SMS outbox folder (where the new person's code lands)
//   CONNECT_ADMIN_PERSON   the person id of the organisation's administrator
//   CONNECT_FOREIGN_MEMBER a member id of another organisation
'use strict';

const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const grpc = require('@grpc/grpc-js');
const protoLoader = require('@grpc/proto-loader');
const protobuf = require('protobufjs');

const repository = path.resolve(__dirname, '..', '..');
const env = (name) => {
  const value = process.env[name];
  assert.ok(value, `${name} must be set`);
  return value;
};

const loadOptions = { keepCase: true, longs: String, enums: String, defaults: true, oneofs: true };
const connect = grpc.loadPackageDefinition(protoLoader.loadSync(
  ['connect/v1/application_service.proto', 'connect/v1/member_service.proto'],
  { ...loadOptions, includeDirs: [path.join(repository, 'protos')] })).connect.v1;
// The rich error model (google.rpc.Status and its details, copied from googleapis into ./protos), read with
// protobufjs, the library under proto-loader.
const rpc = protobuf.loadSync(['status.proto', 'error_details.proto'].map((file) => path.join(__dirname, 'protos', 'google', 'rpc', file)));
const Status = rpc.lookupType('google.rpc.Status');
const ErrorInfo = rpc.lookupType('google.rpc.ErrorInfo');

const address = env('CONNECT_ADDRESS');
const applications = new connect.ApplicationService(address, grpc.credentials.createInsecure());
const members = new connect.MemberService(address, grpc.credentials.createInsecure());

const call = (client, method, request, metadata = new grpc.Metadata()) => new Promise((resolve, reject) =>
  client[method](request, metadata, { deadline: Date.now() + 15000 }, (error, response) => (error ? reject(error) : resolve(response))));

const bearer = (token) => {
  const metadata = new grpc.Metadata();
  metadata.set('authorization', `Bearer ${token}`);
  return metadata;
};

/** The ErrorInfo reason of a refused call, read from its grpc-status-details-bin trailer. */
function reasonOf(error) {
  const [bytes] = error.metadata.get('grpc-status-details-bin');
  assert.ok(bytes, 'the refusal carries grpc-status-details-bin');
  const status = Status.decode(bytes);
  assert.equal(status.code, error.code, 'the detailed status has the call\'s code');
  const info = status.details.find((any) => any.type_url === 'type.googleapis.com/google.rpc.ErrorInfo');
  assert.ok(info, 'the details hold an ErrorInfo');
  const decoded = ErrorInfo.decode(info.value);
  assert.equal(decoded.domain, 'connect');
  return decoded.reason;
}

async function smsCode(number) {
  const folder = env('CONNECT_SMS_OUTBOX');
  for (let waited = 0; waited < 20000; waited += 100) {
    if (fs.existsSync(folder)) {
      for (const file of fs.readdirSync(folder).filter((name) => name.endsWith('.json'))) {
        const sms = JSON.parse(fs.readFileSync(path.join(folder, file), 'utf8'));
        const code = sms.to === number && /\b(\d{6})\b/.exec(sms.text);
        if (code) return code[1];
      }
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`no SMS to ${number}`);
}

test('a partner application keeps the employer\'s persons in step', async () => {
  const token = await call(applications, 'CreateApplicationToken', {
    client_id: env('CONNECT_CLIENT_ID'), client_secret: env('CONNECT_CLIENT_SECRET'),
  });
  assert.match(token.access_token, /^cat\./);
  assert.deepEqual([...token.scopes].sort(), ['users.read', 'users.write']);
  const asPartner = () => bearer(token.access_token);

  const listed = await call(members, 'ListMembers', { page_size: 50 }, asPartner());
  assert.ok(listed.members.some((member) => member.person_id === env('CONNECT_ADMIN_PERSON') && member.administrator));

  const number = '+41795770102';
  const created = await call(members, 'CreateMember', {
    email: 'node.partner@muster.test', given_name: 'Noa', family_name: 'Node', phone_number: number, topic_ids: ['contributions'],
  }, asPartner());
  assert.equal(created.member.state, 'MEMBER_STATE_PENDING_PHONE');

  // The new person reads the SMS code out to whoever operates the partner software.
  const code = await smsCode(number);
  const verified = await call(members, 'VerifyMemberPhone', { member_id: created.member.id, code }, asPartner());
  assert.equal(verified.member.state, 'MEMBER_STATE_PENDING_ACTIVATION');

  const audit = await call(members, 'ListOrganizationAuditEvents', { member_id: created.member.id }, asPartner());
  assert.ok(audit.audit_events.length > 0);
  for (const event of audit.audit_events) assert.equal(event.actor_name, 'Node Payroll');

  // Another organisation's member does not exist for this application.
  await assert.rejects(call(members, 'GetMember', { member_id: env('CONNECT_FOREIGN_MEMBER') }, asPartner()), (error) => {
    assert.equal(error.code, grpc.status.NOT_FOUND);
    assert.equal(reasonOf(error), 'MEMBER_NOT_FOUND');
    return true;
  });
  // A wrong secret is refused with its reason.
  await assert.rejects(call(applications, 'CreateApplicationToken', {
    client_id: env('CONNECT_CLIENT_ID'), client_secret: 'cs_wrong',
  }), (error) => {
    assert.equal(error.code, grpc.status.UNAUTHENTICATED);
    assert.equal(reasonOf(error), 'APPLICATION_CREDENTIALS_INVALID');
    return true;
  });
});
