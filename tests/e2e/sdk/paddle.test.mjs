// Paddle Billing: Paddle-Signature: ts=TIMESTAMP;h1=hex(HMAC-SHA256(secret, "TIMESTAMP:body")).
// SDK: @paddle/paddle-node-sdk. It has no public signing function: requests are signed here with
// the documented scheme (node's crypto) and checked with the SDK's verifier
// (paddle.webhooks.isSignatureValid / unmarshal, which read `new Date()`, frozen with atClock()).
// Its tolerance: 5 s, past only.

import { createHmac } from 'node:crypto';
import { describe, test } from 'node:test';
import {
    T, sdk, signDescribe, rawRequest, verify, sign, expectVerdict, expectSdkAccepts, expectSdkRejects, atClock, compact,
} from './lib/hookbench.mjs';
import { commonVerifyTests, timestampTests } from './lib/suite.mjs';

const { Paddle, LogLevel } = await sdk('@paddle/paddle-node-sdk');
const paddle = new Paddle('pdl_sdbx_apikey_01hv8x29kz0t586xy6zn1a62ny_hookbenchE2eNotARealKey0', { logLevel: LogLevel?.error });

const SECRET = 'pdl_ntfset_01hv8x29kz0t586xy6zn1a62ny_7lQJ6D8u0Lq2SfG0AAnG9dzKfo0dNi2d';
const OTHER = 'pdl_ntfset_01j2k3m4n5p6q7r8s9t0v1w2x3_Qm9xV2bZ8cN4lK7jH5gF3dS1aP0oI6uY';
const EVENT = {
    event_id: 'evt_01hv8x2a0000000000000000',
    event_type: 'customer.updated',
    occurred_at: '2025-11-22T03:19:57.123456Z',
    notification_id: 'ntf_01hv8x2a0000000000000001',
    data: {
        id: 'ctm_01hv6y1jedq4p1n0yqn5ba3ky4',
        name: 'Zoë Müller',
        email: 'zoe@example.com',
        marketing_consent: false,
        status: 'active',
        custom_data: { crm: 'https://example.com/crm/zoe' },
        locale: 'de',
        created_at: '2025-11-20T10:00:00.000Z',
        updated_at: '2025-11-22T03:19:57.000Z',
        import_meta: null,
    },
};
const BODY = compact(EVENT);

const h1 = (secret, at, body) => createHmac('sha256', secret)
    .update(Buffer.concat([Buffer.from(`${at}:`), Buffer.from(body)])).digest('hex');

function paddleRequest(signature, body) {
    return rawRequest({
        target: '/webhooks/paddle',
        headers: [
            ['User-Agent', 'Paddle'],
            ['Content-Type', 'application/json'],
            ...(signature === null ? [] : [['Paddle-Signature', signature]]),
        ],
        body,
    });
}

const adapter = {
    provider: 'paddle',
    secret: SECRET,
    otherSecret: OTHER,
    body: BODY,
    hmac: true,
    signatureHeaders: ['Paddle-Signature'],
    request({ signedBody, deliveredBody = signedBody, at = T, secret = SECRET }) {
        return paddleRequest(`ts=${at};h1=${h1(secret, at, signedBody)}`, deliveredBody);
    },
    sdkVerify({ req, secret, at, tolerance }) {
        if (tolerance !== undefined) return undefined; // fixed at 5 s in the SDK
        return atClock(at, () => paddle.webhooks.isSignatureValid(req.body.toString('utf8'), secret,
            req.headers['paddle-signature'] ?? ''));
    },
};

commonVerifyTests(adapter);
timestampTests(adapter, { tolerance: 5, bothWays: false });

const run = (request, secrets, extra = {}) => verify({ provider: 'paddle', secrets, request, ...extra });

describe('paddle: header forms', () => {
    test('SDK sanity: unmarshal accepts the scheme as signed here', async () => {
        const evt = await atClock(T, () => paddle.webhooks.unmarshal(BODY, SECRET, `ts=${T};h1=${h1(SECRET, T, BODY)}`));
        if (evt.eventId !== EVENT.event_id) throw new Error('unmarshal did not return the event');
    });

    test('missing_timestamp: h1= without ts=', () => {
        const r = run(paddleRequest(`h1=${h1(SECRET, T, BODY)}`, BODY), [SECRET]);
        expectVerdict(r, { valid: false, reason: 'missing_timestamp' });
    });

    test('malformed_signature_header: h1 is not hex', () => {
        const r = run(paddleRequest(`ts=${T};h1=not-hex-at-all`, BODY), [SECRET]);
        expectVerdict(r, { valid: false, reason: 'malformed_signature_header' });
    });

    test('malformed_signature_header: not a ts=;h1= list', () => {
        const r = run(paddleRequest('sha256 abcdef', BODY), [SECRET]);
        expectVerdict(r, { valid: false, reason: 'malformed_signature_header' });
    });
});

signDescribe('paddle: hookbench signs, the SDK verifies', () => {
    test('sign output passes paddle.webhooks.unmarshal at --at', async () => {
        const r = sign({ provider: 'paddle', secret: SECRET, at: T, body: BODY });
        const { headers, body } = r.parsed;
        await expectSdkAccepts(r, 'paddle.webhooks.unmarshal', () => atClock(T, async () => {
            const evt = await paddle.webhooks.unmarshal(body.toString('utf8'), SECRET, headers['paddle-signature'] ?? '');
            return evt.eventId === EVENT.event_id;
        }));
    });

    test('the SDK rejects it 6 s after --at (ts= is --at)', async () => {
        const r = sign({ provider: 'paddle', secret: SECRET, at: T, body: BODY });
        await expectSdkRejects('paddle isSignatureValid 6 s later', () => atClock(T + 6, () => paddle.webhooks
            .isSignatureValid(r.parsed.body.toString('utf8'), SECRET, r.parsed.headers['paddle-signature'] ?? '')));
    });
});
