// Shared by standard-webhooks.test.mjs and svix.test.mjs: the Standard Webhooks scheme
// (PREFIX-id, PREFIX-timestamp, PREFIX-signature: "v1,base64(HMAC-SHA256(base64decode(secret
// without whsec_), "id.timestamp.body"))", space-separated list), tolerance 300 s both ways.

import { createHmac } from 'node:crypto';
import { describe, test } from 'node:test';
import {
    T, signDescribe, rawRequest, verify, sign, expectVerdict, expectNoHazard, expectSdkAccepts,
    expectSdkRejects, atClock, sampleEvent, compact,
} from './hookbench.mjs';
import { commonVerifyTests, timestampTests, replaceHeader } from './suite.mjs';

export const MSG_ID = 'msg_2KWPBgLlAfxdpx2AI54pPJ85f4W';

export function rawKey(secret) {
    return Buffer.from(secret.startsWith('whsec_') ? secret.slice(6) : secret, 'base64');
}

export function makeAdapter({ provider, prefix, Webhook, secret, otherSecret, auto }) {
    const H = (n) => `${prefix}-${n}`;
    const signature = (signedBody, at, key, id = MSG_ID) => (typeof signedBody === 'string'
        ? new Webhook(key).sign(id, new Date(at * 1000), signedBody)
        : `v1,${createHmac('sha256', rawKey(key)).update(Buffer.concat([Buffer.from(`${id}.${at}.`), signedBody]))
            .digest('base64')}`);
    const request = ({ signedBody, deliveredBody = signedBody, at = T, secret: key = secret, sig }) => rawRequest({
        target: `/webhooks/${provider}`,
        headers: [
            ['User-Agent', 'Svix-Webhooks/1.62.0 (sender-abc123; +https://www.svix.com/http-sender/)'],
            ['Content-Type', 'application/json'],
            [H('id'), MSG_ID],
            [H('timestamp'), String(at)],
            [H('signature'), sig ?? signature(signedBody, at, key)],
        ],
        body: deliveredBody,
    });
    return {
        provider,
        secret,
        otherSecret,
        auto,
        hmac: true,
        trailingNewlineHarmless: true,
        signatureHeaders: [H('signature')],
        signature,
        request,
        async sdkVerify({ req, secret: key, at, tolerance }) {
            if (tolerance !== undefined) return undefined; // the SDK's tolerance is fixed at 300 s
            return atClock(at, () => {
                try {
                    new Webhook(key).verify(req.body.toString('utf8'), req.headers);
                } catch (e) {
                    if (e instanceof SyntaxError) return true; // signature fine, body not JSON
                    throw e;
                }
                return true;
            });
        },
    };
}

export function standardWebhooksTests(a, Webhook) {
    const P = a.provider;
    const H = (n) => `${a.signatureHeaders[0].split('-')[0]}-${n}`;
    const BODY = compact(sampleEvent());
    const run = (request, secrets, extra = {}) => verify({ provider: P, secrets, request, ...extra });

    commonVerifyTests(a);
    timestampTests(a, { tolerance: 300, bothWays: true, timestampHeaders: [H('timestamp')] });

    describe(`${P}: header forms and secrets`, () => {
        test('several space-separated signatures: one matching is enough', async () => {
            const wrong = a.signature(BODY, T, a.otherSecret);
            const right = a.signature(BODY, T, a.secret);
            const r = run(a.request({ signedBody: BODY, sig: `${wrong} ${right}` }), [a.secret]);
            expectVerdict(r, { valid: true, reason: 'ok', matched_secret: 0 });
            await atClock(T, () => new Webhook(a.secret).verify(BODY, {
                [H('id')]: MSG_ID, [H('timestamp')]: String(T), [H('signature')]: `${wrong} ${right}` }));
        });

        for (const [label, value] of [
            ['v1, with bad base64', 'v1,@@@not*base64@@@'],
            ['no version prefix', 'just-some-text'],
        ]) {
            test(`malformed_signature_header: ${label}`, () => {
                const raw = replaceHeader(a.request({ signedBody: BODY }), H('signature'), value);
                const r = run(raw, [a.secret]);
                expectVerdict(r, { valid: false, reason: 'malformed_signature_header' });
            });
        }

        test('missing_timestamp beats no_secret (order of checks)', () => {
            const raw = a.request({ signedBody: BODY }).toString('latin1')
                .replace(new RegExp(`\\r\\n${H('timestamp')}: \\d+`, 'i'), '');
            const r = run(Buffer.from(raw, 'latin1'), []);
            expectVerdict(r, { valid: false, reason: 'missing_timestamp' });
        });

        test('the secret without whsec_ is the same key for the SDK: ok', async () => {
            const bare = a.secret.slice('whsec_'.length);
            await atClock(T, () => new Webhook(bare).verify(BODY, {
                [H('id')]: MSG_ID, [H('timestamp')]: String(T), [H('signature')]: a.signature(BODY, T, a.secret) }));
            const r = run(a.request({ signedBody: BODY }), [bare]);
            expectVerdict(r, { valid: true, reason: 'ok', matched_secret: 0 });
        });

        test('no secret_format hazard on an ordinary wrong secret', () => {
            const r = run(a.request({ signedBody: BODY }), [a.otherSecret]);
            expectVerdict(r, { valid: false, reason: 'signature_mismatch' });
            expectNoHazard(r, 'secret_format');
        });
    });

    signDescribe(`${P}: hookbench signs, the SDK verifies`, () => {
        test('sign output passes Webhook.verify at --at (with --id)', async () => {
            const r = sign({ provider: P, secret: a.secret, at: T, id: MSG_ID, body: BODY });
            const { headers, body } = r.parsed;
            await expectSdkAccepts(r, `${P} Webhook.verify`, () => atClock(T, () => {
                const evt = new Webhook(a.secret).verify(body.toString('utf8'), headers);
                return evt.id === sampleEvent().id;
            }));
            if (headers[H('id')] !== MSG_ID) throw new Error(`${H('id')} should be --id ${MSG_ID}: ${headers[H('id')]}`);
            if (headers[H('timestamp')] !== String(T)) throw new Error(`${H('timestamp')} should be ${T}`);
        });

        test('sign output without --id still has an id the SDK accepts', async () => {
            const r = sign({ provider: P, secret: a.secret, at: T, body: BODY });
            await expectSdkAccepts(r, `${P} Webhook.verify`, () => atClock(T, () => {
                new Webhook(a.secret).verify(r.parsed.body.toString('utf8'), r.parsed.headers);
                return true;
            }));
        });

        test('the SDK rejects the signed request 301 s after --at (timestamp is --at)', async () => {
            const r = sign({ provider: P, secret: a.secret, at: T, id: MSG_ID, body: BODY });
            await expectSdkRejects(`${P} Webhook.verify 301 s later`, () => atClock(T + 301,
                () => new Webhook(a.secret).verify(r.parsed.body.toString('utf8'), r.parsed.headers)));
        });
    });
}
