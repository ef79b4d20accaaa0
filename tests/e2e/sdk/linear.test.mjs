// Linear: Linear-Signature: hex(HMAC-SHA256(secret, body)); the timestamp is the body's
// "webhookTimestamp" (milliseconds), which the SDK alone trusts, within 60 s both ways.
// SDK: @linear/sdk/webhooks LinearWebhookClient.verify (reads Date.now(), frozen with atClock()).
// It has no signing function: requests are signed here with node's crypto.

import { createHmac } from 'node:crypto';
import { describe, test } from 'node:test';
import {
    T, sdk, signDescribe, rawRequest, verify, sign, expectVerdict, expectSdkAccepts, expectSdkRejects, atClock, compact,
    sampleEvent,
} from './lib/hookbench.mjs';
import { commonVerifyTests, timestampTests } from './lib/suite.mjs';

const { LinearWebhookClient } = await sdk('@linear/sdk/webhooks');

const SECRET = 'lin_wh_3f9c2a7b1e8d4c6a9b0e2f4d6c8a1b3e5d7f9a2c4e6b8d0f';
const OTHER = 'lin_wh_a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718';
const event = (at = T, extra = {}) => ({
    action: 'update',
    type: 'Issue',
    createdAt: '2025-11-22T03:19:59.000Z',
    organizationId: '3e7f2b1c-5a4d-4e8f-9b0a-1c2d3e4f5a6b',
    url: 'https://linear.app/acme/issue/ENG-123/fix-cafe-naivete',
    data: { id: '9cfb482a-81e3-4154-b5b9-2c805e70a02d', identifier: 'ENG-123', title: 'Fix café naïveté – €' },
    webhookTimestamp: at * 1000,
    webhookId: '000042e3-d123-4980-b49f-8e140eef9329',
    ...extra,
});
const BODY = compact(event());
const hex = (secret, body) => createHmac('sha256', secret).update(body).digest('hex');

function linearRequest(signature, body, extraHeaders = []) {
    return rawRequest({
        target: '/webhooks/linear',
        headers: [
            ['User-Agent', 'Linear-Webhook'],
            ['Content-Type', 'application/json; charset=utf-8'],
            ['Linear-Delivery', '234d1a4e-b617-4388-90fe-adc3633d6b72'],
            ['Linear-Event', 'Issue'],
            ...extraHeaders,
            ...(signature === null ? [] : [['Linear-Signature', signature]]),
        ],
        body,
    });
}

const adapter = {
    provider: 'linear',
    secret: SECRET,
    otherSecret: OTHER,
    body: BODY,
    event: event(),
    hmac: true,
    signatureHeaders: ['Linear-Signature'],
    request({ signedBody, deliveredBody, at = T, secret = SECRET }) {
        if (at !== T) signedBody = compact(event(at)); // the timestamp lives in the signed body
        return linearRequest(hex(secret, signedBody), deliveredBody ?? signedBody);
    },
    sdkVerify({ req, secret, at, tolerance }) {
        if (tolerance !== undefined) return undefined; // fixed at 60 s in the SDK
        return atClock(at, () => {
            try {
                return new LinearWebhookClient(secret).verify(req.body, req.headers['linear-signature'] ?? '');
            } catch (e) {
                if (e instanceof SyntaxError) return undefined; // signed, but no JSON to read the time from
                throw e;
            }
        });
    },
};

commonVerifyTests(adapter);
timestampTests(adapter, { tolerance: 60, bothWays: true });

const run = (request, secrets, extra = {}) => verify({ provider: 'linear', secrets, request, ...extra });

describe('linear: the timestamp is in the body', () => {
    test('missing_timestamp: a signed body without webhookTimestamp', async () => {
        const { webhookTimestamp, ...rest } = event();
        const body = compact(rest);
        await expectSdkRejects('LinearWebhookClient.verify', () => atClock(T,
            () => new LinearWebhookClient(SECRET).verify(Buffer.from(body), hex(SECRET, body))));
        const r = run(linearRequest(hex(SECRET, body), body), [SECRET]);
        expectVerdict(r, { valid: false, reason: 'missing_timestamp' });
    });

    test('a fresh Linear-Timestamp header does not rescue a stale webhookTimestamp (as in the SDK)', async () => {
        const body = compact(event(T - 3600));
        await expectSdkRejects('LinearWebhookClient.verify', () => atClock(T,
            () => new LinearWebhookClient(SECRET).verify(Buffer.from(body), hex(SECRET, body), String(T * 1000))));
        const r = run(linearRequest(hex(SECRET, body), body, [['Linear-Timestamp', String(T * 1000)]]), [SECRET]);
        expectVerdict(r, { valid: false, reason: 'timestamp_outside_tolerance', matched_secret: 0 });
    });

    test('malformed_signature_header: Linear-Signature is not hex', () => {
        const r = run(linearRequest('zz'.repeat(32), BODY), [SECRET]);
        expectVerdict(r, { valid: false, reason: 'malformed_signature_header' });
    });
});

signDescribe('linear: hookbench signs, the SDK verifies', () => {
    test('sign output passes LinearWebhookClient.verify at --at', async () => {
        const r = sign({ provider: 'linear', secret: SECRET, at: T, body: BODY });
        const { headers, body } = r.parsed;
        await expectSdkAccepts(r, 'LinearWebhookClient.verify', () => atClock(T,
            () => new LinearWebhookClient(SECRET).verify(body, headers['linear-signature'] ?? '')));
    });

    test('sign output passes the SDK handler (parseVerifiedPayload) too', async () => {
        const r = sign({ provider: 'linear', secret: SECRET, at: T, body: BODY });
        const { headers, body } = r.parsed;
        await expectSdkAccepts(r, 'LinearWebhookClient.parseVerifiedPayload', () => atClock(T, () => new
        LinearWebhookClient(SECRET).parseVerifiedPayload(body, headers['linear-signature'] ?? '', headers['linear-timestamp'])
            .webhookId === event().webhookId));
    });

    test('a body without webhookTimestamp: sign still gives a request the SDK accepts, or refuses (exit 2)', async () => {
        // The SDK requires webhookTimestamp in the signed body; if hookbench signs such a body
        // unchanged, no SDK will ever accept it.
        const { webhookTimestamp, ...rest } = event();
        const body = compact(rest);
        const { runCli, tmpFile } = await import('./lib/hookbench.mjs');
        const r = runCli(['sign', '--provider', 'linear', '--secret-env', 'S', '--at', String(T), tmpFile('b', body)],
            { env: { S: SECRET } });
        if (r.selfcheck || r.status === 2) return;
        const { parseRawRequest } = await import('./lib/hookbench.mjs');
        const p = parseRawRequest(r.stdout);
        await expectSdkAccepts(r, 'LinearWebhookClient.verify', () => atClock(T,
            () => new LinearWebhookClient(SECRET).verify(p.body, p.headers['linear-signature'] ?? '')));
    });
});
