// Clerk and Resend sign their webhooks with Svix (svix-id, svix-timestamp, svix-signature; a whsec_
// base64 secret): `--provider clerk` and `--provider resend` are that scheme under their names.
// SDK: svix (Webhook.sign and Webhook.verify), which is what Clerk's and Resend's docs verify with.

import { describe, test } from 'node:test';
import {
    T, sdk, signDescribe, sign, verify, expectVerdict, expectSdkAccepts, expectSdkRejects, atClock, sampleEvent,
    compact, pretty,
} from './lib/hookbench.mjs';
import { makeAdapter } from './lib/standard-webhooks.mjs';
import { commonVerifyTests, timestampTests } from './lib/suite.mjs';

const { Webhook } = await sdk('svix');

const SECRETS = {
    clerk: ['whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw', 'whsec_3c2Pq0oTtQ1vBv8e3S4Wf5nJkLmNoPqR'],
    resend: ['whsec_plJ3nmyCDGBKInavdOK15jsl0rjRDGnE', 'whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD'],
};
const EVENTS = {
    clerk: { type: 'user.created', object: 'event', data: { id: 'user_29w83sxmDNGwOuEthce5gg56FcC', first_name: 'Zoë',
        image_url: 'https://img.clerk.com/x' } },
    resend: { type: 'email.delivered', created_at: '2025-11-22T03:19:57.000Z', data: { email_id: '56761188-7520-42d8-8898-ff6fc54ce618',
        subject: 'Café – €', to: ['zoe@example.com'] } },
};

for (const provider of ['clerk', 'resend']) {
    const [secret, otherSecret] = SECRETS[provider];
    const adapter = makeAdapter({ provider, prefix: 'svix', Webhook, secret, otherSecret, auto: ['svix'] });
    adapter.body = compact(EVENTS[provider]);
    commonVerifyTests(adapter);
    timestampTests(adapter, { tolerance: 300, bothWays: true, timestampHeaders: ['svix-timestamp'] });

    describe(`${provider}: the same request verified as svix`, () => {
        test(`a ${provider} delivery is valid as svix and as ${provider}`, async () => {
            const raw = await adapter.request({ signedBody: adapter.body });
            for (const p of [provider, 'svix']) {
                const r = verify({ provider: p, secrets: [secret], request: raw });
                expectVerdict(r, { valid: true, reason: 'ok', provider: p, matched_secret: 0 });
            }
        });
    });

    signDescribe(`${provider}: hookbench signs, the svix SDK verifies`, () => {
        for (const [label, body] of [['compact', compact(EVENTS[provider])], ['pretty-printed', pretty(sampleEvent())]]) {
            test(`sign output (${label}) passes Webhook.verify`, async () => {
                const r = sign({ provider, secret, at: T, body });
                await expectSdkAccepts(r, 'svix Webhook.verify', () => atClock(T, () => {
                    new Webhook(secret).verify(r.parsed.body.toString('utf8'), r.parsed.headers);
                    return true;
                }));
            });
        }

        test('sign --break stale-timestamp is rejected by Webhook.verify', async () => {
            const r = sign({ provider, secret, at: T, body: adapter.body, extra: ['--break', 'stale-timestamp'] });
            await expectSdkRejects('svix Webhook.verify', () => atClock(T, () => {
                new Webhook(secret).verify(r.parsed.body.toString('utf8'), r.parsed.headers);
                return true;
            }));
        });
    });
}
