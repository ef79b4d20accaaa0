// Standard Webhooks: webhook-id, webhook-timestamp, webhook-signature.
// SDK: standardwebhooks (Webhook.sign and Webhook.verify; verify reads Date.now(), frozen with
// atClock()). Published vector from the Standard Webhooks spec.

import { test } from 'node:test';
import { sdk, rawRequest, verify, expectVerdict, expectNoHazards, atClock } from './lib/hookbench.mjs';
import { makeAdapter, standardWebhooksTests } from './lib/standard-webhooks.mjs';

const { Webhook } = await sdk('standardwebhooks');

const adapter = makeAdapter({
    provider: 'standard-webhooks',
    prefix: 'webhook',
    Webhook,
    secret: 'whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD',
    otherSecret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
    auto: ['standard-webhooks'],
});

standardWebhooksTests(adapter, Webhook);

test('standard-webhooks: the spec\'s published vector', async () => {
    const secret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
    const id = 'msg_p5jXN8AQM9LWM0D4loKWxJek';
    const ts = 1614265330;
    const body = '{"test": 2432232314}';
    const sig = 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=';
    await atClock(ts, () => new Webhook(secret).verify(body, { 'webhook-id': id, 'webhook-timestamp': String(ts),
        'webhook-signature': sig }));
    const raw = rawRequest({ target: '/webhooks/standard', headers: [['Content-Type', 'application/json'],
        ['webhook-id', id], ['webhook-timestamp', String(ts)], ['webhook-signature', sig]], body });
    const r = verify({ provider: 'standard-webhooks', secrets: [secret], at: ts, request: raw });
    expectVerdict(r, { valid: true, reason: 'ok', matched_secret: 0 });
    expectNoHazards(r);
});
