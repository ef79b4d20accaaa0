// Razorpay: X-Razorpay-Signature: hex(HMAC-SHA256(webhook secret, raw body)); no timestamp;
// x-razorpay-event-id identifies a delivery.
// SDK: razorpay. It has no signing function for webhooks: requests are signed here with the
// documented scheme (node's crypto) and checked with Razorpay.validateWebhookSignature.

import { createHmac } from 'node:crypto';
import { describe, test } from 'node:test';
import {
    T, sdk, signDescribe, rawRequest, verify, sign, expectVerdict, expectNoHazards, expectSdkAccepts,
    expectSdkRejects, compact, pretty,
} from './lib/hookbench.mjs';
import { commonVerifyTests } from './lib/suite.mjs';

const { default: Razorpay } = await sdk('razorpay');

const SECRET = 'rzp_whk_Q5a8Zx3LmN0pR7tV';
const OTHER = 'rzp_whk_other_9KjH2gF4dS6a';
const EVENT = {
    entity: 'event',
    account_id: 'acc_BFQ7uQEaa7j2z7',
    event: 'payment.captured',
    contains: ['payment'],
    payload: { payment: { entity: { id: 'pay_DESlfW9H8K9uqM', amount: 4200, currency: 'INR',
        notes: { customer: 'Zoë Müller', page: 'https://example.com/checkout/1' } } } },
    created_at: T,
};
const BODY = compact(EVENT);

const hmacHex = (secret, body) => createHmac('sha256', secret).update(body).digest('hex');

function razorpayRequest(signature, body) {
    return rawRequest({
        target: '/webhooks/razorpay',
        headers: [
            ['User-Agent', 'Razorpay-Webhook/v1'],
            ['Content-Type', 'application/json'],
            ['x-razorpay-event-id', 'HHlI8ZUVP8zGBx'],
            ...(signature === null ? [] : [['X-Razorpay-Signature', signature]]),
        ],
        body,
    });
}

const adapter = {
    provider: 'razorpay',
    secret: SECRET,
    otherSecret: OTHER,
    body: BODY,
    hmac: true,
    signatureHeaders: ['X-Razorpay-Signature'],
    request({ signedBody, deliveredBody = signedBody, secret = SECRET }) {
        return razorpayRequest(hmacHex(secret, signedBody), deliveredBody);
    },
    sdkVerify({ req, secret }) {
        return Razorpay.validateWebhookSignature(req.body.toString('utf8'), req.headers['x-razorpay-signature'] ?? '',
            secret);
    },
};

commonVerifyTests(adapter);

describe('razorpay: delivery id and SDK sanity', () => {
    test('SDK sanity: validateWebhookSignature accepts the scheme as signed here', () => {
        if (!Razorpay.validateWebhookSignature(BODY, hmacHex(SECRET, BODY), SECRET)) {
            throw new Error('the SDK disagrees with the documented scheme');
        }
    });

    test('the delivery id is x-razorpay-event-id', () => {
        const r = verify({ provider: 'razorpay', secrets: [SECRET], request: adapter.request({ signedBody: BODY }) });
        const v = expectVerdict(r, { valid: true, reason: 'ok', matched_secret: 0 });
        expectNoHazards(r);
        if (!r.selfcheck && v.delivery_id !== 'HHlI8ZUVP8zGBx') throw new Error(`delivery_id ${v.delivery_id}`);
    });
});

signDescribe('razorpay: hookbench signs, the SDK verifies', () => {
    for (const [label, body] of [['compact', BODY], ['pretty-printed non-ASCII', pretty(EVENT)]]) {
        test(`sign output (${label}) passes Razorpay.validateWebhookSignature`, async () => {
            const r = sign({ provider: 'razorpay', secret: SECRET, at: T, body });
            await expectSdkAccepts(r, 'validateWebhookSignature', () => Razorpay.validateWebhookSignature(
                r.parsed.body.toString('utf8'), r.parsed.headers['x-razorpay-signature'], SECRET));
        });
    }

    test('sign --break wrong-secret is rejected by the SDK', async () => {
        const r = sign({ provider: 'razorpay', secret: SECRET, at: T, body: BODY, extra: ['--break', 'wrong-secret'] });
        await expectSdkRejects('validateWebhookSignature', () => Razorpay.validateWebhookSignature(
            r.parsed.body.toString('utf8'), r.parsed.headers['x-razorpay-signature'], SECRET));
    });
});
