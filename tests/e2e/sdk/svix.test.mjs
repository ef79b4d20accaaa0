// Svix: svix-id, svix-timestamp, svix-signature (the Standard Webhooks scheme; the SDK also reads
// webhook-* headers). SDK: svix (Webhook.sign and Webhook.verify).

import { test } from 'node:test';
import { sdk, T, verify, expectVerdict, atClock, sampleEvent, compact } from './lib/hookbench.mjs';
import { makeAdapter, standardWebhooksTests, MSG_ID } from './lib/standard-webhooks.mjs';

const { Webhook } = await sdk('svix');

const adapter = makeAdapter({
    provider: 'svix',
    prefix: 'svix',
    Webhook,
    secret: 'whsec_plJ3nmyCDGBKInavdOK15jsl0rjRDGnE',
    otherSecret: 'whsec_3c2Pq0oTtQ1vBv8e3S4Wf5nJkLmNoPqR',
    auto: ['svix'],
});

standardWebhooksTests(adapter, Webhook);

test('svix: webhook-* headers verified with --provider svix (the SDK accepts them)', async () => {
    const body = compact(sampleEvent());
    const std = makeAdapter({ provider: 'svix', prefix: 'webhook', Webhook, secret: adapter.secret });
    const raw = std.request({ signedBody: body });
    await atClock(T, () => new Webhook(adapter.secret).verify(body, {
        'webhook-id': MSG_ID, 'webhook-timestamp': String(T), 'webhook-signature': std.signature(body, T, adapter.secret) }));
    const r = verify({ provider: 'svix', secrets: [adapter.secret], request: raw });
    expectVerdict(r, { valid: true, reason: 'ok', matched_secret: 0 });
});
