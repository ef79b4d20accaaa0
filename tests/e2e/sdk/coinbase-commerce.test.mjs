// Coinbase Commerce: X-CC-Webhook-Signature: hex(HMAC-SHA256(shared secret, raw body)); no timestamp.
// SDK: coinbase-commerce-node (Webhook.computeSignature signs, Webhook.verifySigHeader and
// Webhook.verifyEventBody verify; they hash the payload as a UTF-8 string).

import { createHmac } from 'node:crypto';
import { test } from 'node:test';
import {
    T, sdk, signDescribe, rawRequest, sign, expectSdkAccepts, expectSdkRejects, compact, pretty,
} from './lib/hookbench.mjs';
import { commonVerifyTests } from './lib/suite.mjs';

const { default: coinbase } = await sdk('coinbase-commerce-node');
const { Webhook } = coinbase;

const SECRET = 'cc-shared-secret-1f0e5b7a-93c2-4d1e-8a6b';
const OTHER = 'cc-shared-secret-other-0000-1111-2222';
const EVENT = {
    id: 1,
    scheduled_for: '2025-11-22T03:20:00Z',
    event: {
        id: '24934862-d980-46cb-9402-43c81b0cdba6',
        resource: 'event',
        type: 'charge:created',
        api_version: '2018-03-22',
        created_at: '2025-11-22T03:19:57Z',
        data: { code: '66BEOV2A', name: 'Café – €5 coffee', hosted_url: 'https://commerce.coinbase.com/charges/66BEOV2A' },
    },
};
const BODY = compact(EVENT);

function coinbaseRequest(signature, body) {
    return rawRequest({
        target: '/webhooks/coinbase',
        headers: [
            ['User-Agent', 'weipay-webhooks'],
            ['Content-Type', 'application/json'],
            ...(signature === null ? [] : [['X-CC-Webhook-Signature', signature]]),
        ],
        body,
    });
}

const adapter = {
    provider: 'coinbase-commerce',
    secret: SECRET,
    otherSecret: OTHER,
    body: BODY,
    hmac: true,
    signatureHeaders: ['X-CC-Webhook-Signature'],
    request({ signedBody, deliveredBody = signedBody, secret = SECRET }) {
        const sig = typeof signedBody === 'string'
            ? Webhook.computeSignature(signedBody, secret)
            : createHmac('sha256', secret).update(signedBody).digest('hex');
        return coinbaseRequest(sig, deliveredBody);
    },
    sdkVerify({ req, secret }) {
        return Webhook.verifySigHeader(req.body.toString('utf8'), req.headers['x-cc-webhook-signature'] ?? '', secret);
    },
};

commonVerifyTests(adapter);

signDescribe('coinbase-commerce: hookbench signs, the SDK verifies', () => {
    for (const [label, body] of [['compact', BODY], ['pretty-printed non-ASCII', pretty(EVENT)]]) {
        test(`sign output (${label}) passes Webhook.verifyEventBody`, async () => {
            const r = sign({ provider: 'coinbase-commerce', secret: SECRET, at: T, body });
            await expectSdkAccepts(r, 'verifyEventBody', () => {
                const event = Webhook.verifyEventBody(r.parsed.body.toString('utf8'),
                    r.parsed.headers['x-cc-webhook-signature'], SECRET);
                return event.id === EVENT.event.id;
            });
        });
    }

    test('sign --break wrong-secret is rejected by the SDK', async () => {
        const r = sign({ provider: 'coinbase-commerce', secret: SECRET, at: T, body: BODY,
            extra: ['--break', 'wrong-secret'] });
        await expectSdkRejects('verifySigHeader', () => Webhook.verifySigHeader(r.parsed.body.toString('utf8'),
            r.parsed.headers['x-cc-webhook-signature'], SECRET));
    });
});
